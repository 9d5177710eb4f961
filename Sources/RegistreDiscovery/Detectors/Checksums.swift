/// The check digits of the identifiers the detectors validate. Each works on ASCII digits
/// (`0`...`9` as 48...57) so that the scanner never builds a string for a candidate.
enum Checksums {
    /// Luhn's mod-10 check (ISO/IEC 7812): cards, SIREN, SIRET.
    static func luhn(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        var sum = 0
        var double = false
        var index = digits.count - 1
        while index >= 0 {
            var value = Int(digits[index] &- 48)
            if double {
                value &*= 2
                if value > 9 { value &-= 9 }
            }
            sum &+= value
            double.toggle()
            index -= 1
        }
        return sum % 10 == 0
    }

    /// La Poste's SIRET rule: its establishments (SIREN 356 000 000) are numbered so that the
    /// 14 digits sum to a multiple of 5, since there are more of them than Luhn's key allows.
    /// - Parameters:
    ///   - digits: a SIRET of La Poste (``isLaPoste(_:)``).
    static func isLaPosteSIRETValid(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        var sum = 0
        for digit in digits { sum &+= Int(digit &- 48) }
        return sum % 5 == 0
    }

    /// Whether a SIRET belongs to La Poste (SIREN 356 000 000), whose rule replaces Luhn's.
    static func isLaPoste(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 14 else { return false }
        let siren: [UInt8] = [51, 53, 54, 48, 48, 48, 48, 48, 48]
        for index in 0..<9 where digits[index] != siren[index] { return false }
        return true
    }

    /// The NIR's key: 97 minus the first 13 characters mod 97, Corsica's departments 2A and 2B
    /// counted as the number with 2A replaced by 19 and 2B by 18 (INSEE).
    /// - Parameters:
    ///   - digits: the 15 characters, `A` or `B` at index 6 for Corsica.
    static func isNIRKeyValid(_ characters: UnsafeBufferPointer<UInt8>) -> Bool {
        guard characters.count == 15 else { return false }
        var number: UInt64 = 0
        for index in 0..<13 {
            let byte = characters[index]
            let value: UInt64
            switch byte {
            case 48...57: value = UInt64(byte - 48)
            case 65, 97: value = 0  // 2A: the department becomes 19, handled below
            case 66, 98: value = 0
            default: return false
            }
            number = number &* 10 &+ value
        }
        let corsica = characters[6]
        if corsica == 65 || corsica == 97 || corsica == 66 || corsica == 98 {
            guard characters[5] == 50 else { return false }
            // 2A -> 19, 2B -> 18: the two department characters sit at indexes 5 and 6, that is
            // 10^7 and 10^6 of the 13-digit number. "20" was counted; take it away first.
            number -= 2 * 10_000_000
            number += (corsica == 65 || corsica == 97) ? 19 * 1_000_000 : 18 * 1_000_000
        }
        let keyTens = characters[13], keyUnits = characters[14]
        guard (48...57).contains(keyTens), (48...57).contains(keyUnits) else { return false }
        let key = UInt64(keyTens - 48) * 10 + UInt64(keyUnits - 48)
        return key == 97 - number % 97
    }

    /// ISO 13616's check: the IBAN with its first four characters moved to the end, letters as
    /// 10...35, is 1 mod 97.
    /// - Parameters:
    ///   - characters: the IBAN without spaces, upper-case letters and digits.
    static func isIBANValid(_ characters: UnsafeBufferPointer<UInt8>) -> Bool {
        guard characters.count >= 5 else { return false }
        var remainder = 0
        func add(_ byte: UInt8) -> Bool {
            switch byte {
            case 48...57:
                remainder = (remainder * 10 + Int(byte - 48)) % 97
            case 65...90:
                remainder = (remainder * 100 + Int(byte - 55)) % 97
            default:
                return false
            }
            return true
        }
        for index in 4..<characters.count where !add(characters[index]) { return false }
        for index in 0..<4 where !add(characters[index]) { return false }
        return remainder == 1
    }
}

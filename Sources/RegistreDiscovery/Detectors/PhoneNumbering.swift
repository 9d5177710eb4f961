/// Telephone numbers: the French numbering plan (ARCEP) for national and +33 numbers, the
/// overseas departments' own country codes, and the lengths E.164 allows elsewhere.
public enum PhoneNumbering {
    /// The E.164 form of a French number given as its nine significant digits (the national
    /// number without its leading 0), or nil when the plan does not attribute it.
    ///
    /// 01 to 05 are geographic, 06 and 073 to 079 mobile, 08 special services, 09 non-geographic.
    /// Réunion, Mayotte, Guadeloupe, Guyane and Martinique are dialled as 0 plus nine digits in
    /// France but have their own country codes: 0262 12 34 56 is +262 262 12 34 56.
    static func frenchE164(_ digits: UnsafeBufferPointer<UInt8>) -> String? {
        guard let code = frenchCountryCode(digits) else { return nil }
        return "+\(code)" + String(decoding: digits, as: UTF8.self)
    }

    /// The country code a French number dials from abroad (33, or 262, 590, 594, 596 for the
    /// overseas departments), given its nine significant digits; nil when the plan does not
    /// attribute it. No string is built: the scanner calls this for every candidate.
    static func frenchCountryCode(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard digits.count == 9 else { return nil }
        let first = digits[0] &- 48, second = digits[1] &- 48, third = digits[2] &- 48
        let prefix = Int(first) * 100 + Int(second) * 10 + Int(third)
        switch first {
        case 1...5, 6, 8, 9: break
        case 7 where second >= 3: break
        default: return nil
        }
        switch prefix {
        case 262, 263, 269, 639, 692, 693: return 262
        case 590, 690, 691: return 590
        case 594, 694: return 594
        case 596, 696, 697: return 596
        default: return 33
        }
    }

    /// How many leading digits of an international number are its country code (ITU-T E.164
    /// assignments), or 0 when the first digits are not an assigned code.
    static func countryCodeLength(_ digits: UnsafeBufferPointer<UInt8>) -> Int {
        guard digits.count >= 3 else { return 0 }
        let first = digits[0] &- 48, second = digits[1] &- 48
        switch first {
        case 1, 7: return 1
        case 0: return 0
        default: break
        }
        let two = Int(first) * 10 + Int(second)
        if twoDigitCodes.contains(two) { return 2 }
        let three = two * 10 + Int(digits[2] &- 48)
        return unassignedThreeDigitCodes.contains(three) ? 0 : 3
    }

    private static let twoDigitCodes: Set<Int> = [
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55,
        56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ]

    private static let unassignedThreeDigitCodes: Set<Int> = [
        210, 214, 215, 217, 219, 259, 280, 281, 282, 283, 284, 285, 286, 287, 288, 289, 292, 293,
        294, 295, 296, 384, 422, 424, 425, 426, 427, 428, 429, 671, 693, 694, 695, 696, 697,
        698, 699, 801, 802, 803, 804, 805, 806, 807, 809, 830, 831, 832, 833, 834, 835, 836, 837,
        838, 839, 851, 854, 857, 858, 859, 871, 872, 873, 874, 875, 876, 877, 878, 879, 884, 885,
        887, 889, 890, 891, 892, 893, 894, 895, 896, 897, 898, 899, 969, 978, 990, 997, 999,
    ]
}

extension PhoneNumbering {
    /// How sure a number dialled internationally (country code first, without `+` or `00`) is
    /// a phone number, or nil when it is not one: French and overseas numbers must be in the
    /// plan, North American ones 11 digits, others a known country code and 8 to 15 digits.
    static func internationalConfidence(_ digits: UnsafeBufferPointer<UInt8>) -> Double? {
        let codeLength = countryCodeLength(digits)
        guard codeLength > 0, (8...15).contains(digits.count) else { return nil }
        var code = 0
        for index in 0..<codeLength { code = code * 10 + Int(digits[index] &- 48) }
        let national = UnsafeBufferPointer(rebasing: digits[codeLength...])
        switch code {
        case 33:
            // +33 5 96 ...: an overseas number written with France's code; still someone's.
            guard let actual = frenchCountryCode(national) else { return nil }
            return actual == 33 ? 0.9 : 0.8
        case 262, 590, 594, 596:
            return frenchCountryCode(national) == code ? 0.9 : nil
        case 1:
            return digits.count == 11 && national[0] >= 50 ? 0.8 : nil
        default:
            return national.count >= 6 ? 0.75 : nil
        }
    }

    /// The E.164 form of a phone number as written (`06 12 34 56 78`, `+33 (0)6 12-34-56-78`,
    /// `0033 ...`), or nil when it is not one Registre recognises.
    public static func e164(_ text: some StringProtocol) -> String? {
        var digits: [UInt8] = []
        let utf8 = Array(text.utf8)
        let international = utf8.first == UInt8(ascii: "+")
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "("), index + 2 < utf8.count, utf8[index + 1] == 48, utf8[index + 2] == UInt8(ascii: ")") {
                index += 3
                continue
            }
            if utf8[index].isDigit { digits.append(utf8[index]) }
            index += 1
        }
        return digits.withUnsafeBufferPointer { all -> String? in
            if international || (all.count > 2 && all[0] == 48 && all[1] == 48) {
                let number = UnsafeBufferPointer(rebasing: all[(international ? 0 : 2)...])
                guard internationalConfidence(number) != nil else { return nil }
                if number.count == 11, number[0] == 51, number[1] == 51 {
                    // +33 and an overseas number: E.164 has it under the department's own code.
                    return frenchE164(UnsafeBufferPointer(rebasing: number[2...]))
                }
                return "+" + String(decoding: number, as: UTF8.self)
            }
            guard all.count == 10, all[0] == 48 else { return nil }
            return frenchE164(UnsafeBufferPointer(rebasing: all[1...]))
        }
    }
}

/// Payment cards' issuer ranges and lengths (ISO/IEC 7812 IINs as the networks publish them).
enum CardIssuers {
    /// Whether a network issues cards that begin like `digits` and have its length.
    static func accepts(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = digits.count
        func prefix(_ count: Int) -> Int {
            var value = 0
            for index in 0..<count { value = value * 10 + Int(digits[index] &- 48) }
            return value
        }
        let two = prefix(2), three = prefix(3), four = prefix(4), six = prefix(6)
        switch digits[0] {
        case 52 /* 4: Visa */:
            return length == 13 || length == 16 || length == 19
        case 53 /* 5 */:
            if (51...55).contains(two) { return length == 16 }  // Mastercard
            return [5018, 5020, 5038, 5893].contains(four) && (12...19).contains(length)  // Maestro
        case 50 /* 2 */:
            if (2221...2720).contains(four) { return length == 16 }  // Mastercard
            return (2200...2204).contains(four) && (16...19).contains(length)  // Mir
        case 51 /* 3 */:
            if two == 34 || two == 37 { return length == 15 }  // American Express
            if (3528...3589).contains(four) { return (16...19).contains(length) }  // JCB
            if (300...305).contains(three) || two == 36 || two == 38 || two == 39 { return (14...19).contains(length) }  // Diners
            return false
        case 54 /* 6 */:
            if four == 6011 || (644...649).contains(three) || two == 65 || (622126...622925).contains(six) {
                return (16...19).contains(length)  // Discover
            }
            if two == 62 { return (16...19).contains(length) }  // UnionPay
            return [6304, 6759, 6761, 6762, 6763].contains(four) && (12...19).contains(length)  // Maestro
        default:
            return false
        }
    }
}

import Foundation

/// SplitMix64: a small deterministic generator, so that a seed always gives the same corpus.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Valid values and near misses for the labelled corpus. Check digits are computed here from
/// their definitions, independently of the detectors' own checks, so the corpus is an oracle.
struct CorpusValues {
    var random: SeededGenerator

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
    }

    mutating func pick<T>(_ values: [T]) -> T {
        values[Int.random(in: 0..<values.count, using: &random)]
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }

    /// The digit that makes `digits` pass Luhn's check when appended.
    static func luhnDigit(_ digits: String) -> Int {
        var sum = 0
        for (position, character) in digits.reversed().enumerated() {
            var value = character.wholeNumberValue!
            if position % 2 == 0 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return (10 - sum % 10) % 10
    }

    /// `value` with one digit changed: a near miss that every check digit here must catch.
    mutating func oneDigitOff(_ value: String, avoidingFirst: Int = 0) -> String {
        var characters = Array(value)
        let positions = characters.indices.filter { $0 >= avoidingFirst && characters[$0].isNumber }
        let position = pick(positions)
        let old = characters[position].wholeNumberValue!
        characters[position] = Character(String((old + Int.random(in: 1...9, using: &random)) % 10))
        return String(characters)
    }

    /// Groups `digits` by the sizes given, joined by `separator`.
    static func grouped(_ digits: String, _ sizes: [Int], _ separator: String = " ") -> String {
        var parts: [String] = [], rest = Substring(digits)
        for size in sizes where !rest.isEmpty {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        if !rest.isEmpty { parts.append(String(rest)) }
        return parts.joined(separator: separator)
    }

    // MARK: Identifiers

    mutating func siren() -> String {
        let body = String(Int.random(in: 1...9, using: &random)) + digits(7)
        return body + String(Self.luhnDigit(body))
    }

    mutating func siret() -> String {
        if chance(0.1) {
            // La Poste: SIREN 356 000 000, digits summing to a multiple of 5.
            while true {
                let candidate = "356000000" + digits(5)
                if candidate.compactMap(\.wholeNumberValue).reduce(0, +) % 5 == 0 { return candidate }
            }
        }
        let body = siren() + digits(4)
        return body + String(Self.luhnDigit(body))
    }

    /// Whether a SIRET is valid by its definition: La Poste's sum for SIREN 356 000 000, Luhn
    /// for every other.
    static func isValidSIRET(_ siret: String) -> Bool {
        if siret.hasPrefix("356000000") { return siret.compactMap(\.wholeNumberValue).reduce(0, +) % 5 == 0 }
        return luhnDigit(String(siret.dropLast())) == siret.last!.wholeNumberValue!
    }

    mutating func nir() -> (compact: String, corsica: Bool) {
        let sex = pick(["1", "2"])
        let year = digits(2)
        let month = String(format2: Int.random(in: 1...12, using: &random))
        let corsica = chance(0.1)
        let department = corsica ? pick(["2A", "2B"]) : String(format2: pick(Array(1...19) + Array(21...95)))
        let commune = String(format3: Int.random(in: 1...990, using: &random))
        let order = String(format3: Int.random(in: 1...999, using: &random))
        let body = sex + year + month + department + commune + order
        let numeric = body.replacingOccurrences(of: "2A", with: "19").replacingOccurrences(of: "2B", with: "18")
        let key = 97 - Int(UInt64(numeric)! % 97)
        return (body + String(format2: key), corsica)
    }

    mutating func card() -> String {
        let (prefix, length) = pick([("4", 16), ("4", 16), ("51", 16), ("53", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15), ("6011", 16)])
        let body = prefix + digits(length - prefix.count - 1)
        return body + String(Self.luhnDigit(body))
    }

    /// An IBAN of France, Germany, Belgium, Spain, Italy or the United Kingdom, compact.
    mutating func iban() -> String {
        let (country, bban): (String, String)
        switch Int.random(in: 0..<6, using: &random) {
        case 0, 1: (country, bban) = ("FR", digits(10) + alphanumerics(11) + digits(2))
        case 2: (country, bban) = ("DE", digits(18))
        case 3: (country, bban) = ("BE", digits(12))
        case 4: (country, bban) = ("ES", digits(20))
        default: (country, bban) = ("GB", pick(["NWBK", "BARC", "LOYD", "HBUK"]) + digits(14))
        }
        let rearranged = bban + country + "00"
        var remainder = 0
        for character in rearranged {
            if let digit = character.wholeNumberValue, character.isASCII {
                remainder = (remainder * 10 + digit) % 97
            } else {
                remainder = (remainder * 100 + Int(character.asciiValue! - 55)) % 97
            }
        }
        return country + String(format2: 98 - remainder) + bban
    }

    mutating func alphanumerics(_ count: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        return String((0..<count).map { _ in pick(alphabet) })
    }

    mutating func frenchPhone() -> String {
        let prefix = pick(["06", "06", "07", "01", "02", "03", "04", "05", "09"])
        let third = prefix == "07" ? String(Int.random(in: 3...9, using: &random)) : digits(1)
        let number = prefix + third + digits(7)
        // Overseas departments dial 0 and nine digits at home, but have their own country codes.
        let overseas: [String: String] = [
            "0262": "+262", "0263": "+262", "0269": "+262", "0639": "+262", "0692": "+262", "0693": "+262", "0590": "+590",
            "0690": "+590", "0691": "+590", "0594": "+594", "0694": "+594", "0596": "+596", "0696": "+596", "0697": "+596",
        ]
        if let code = overseas[String(number.prefix(4))] {
            return chance(0.5) ? Self.grouped(number, [2, 2, 2, 2, 2]) : code + " " + Self.grouped(String(number.dropFirst()), [3, 2, 2, 2])
        }
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return Self.grouped(number, [2, 2, 2, 2, 2])
        case 1: return Self.grouped(number, [2, 2, 2, 2, 2], ".")
        case 2: return number
        case 3: return "+33 " + Self.grouped(String(number.dropFirst()), [1, 2, 2, 2, 2])
        case 4: return "+33" + number.dropFirst()
        default: return Self.grouped(number, [2, 2, 2, 2, 2], "-")
        }
    }

    mutating func ipv4() -> String {
        "\(Int.random(in: 11...223, using: &random)).\(Int.random(in: 0...255, using: &random)).\(Int.random(in: 0...255, using: &random)).\(Int.random(in: 1...254, using: &random))"
    }

    mutating func ipv6() -> String {
        let groups = (0..<8).map { _ in String(UInt16.random(in: 0...0xFFFF, using: &random), radix: 16) }
        if chance(0.5) { return "2001:db8:" + groups[2...3].joined(separator: ":") + "::" + groups[7] }
        return groups.joined(separator: ":")
    }
}

extension String {
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }

    init(format3 value: Int) {
        self = value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }
}

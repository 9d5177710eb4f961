/// Dates as people write their date of birth: `12/03/1985`, `12.03.1985`, `1985-03-12`,
/// `12 mars 1985`, `1er mars 1985`, `March 12, 1985`, `12 March 1985`.
enum BirthDates {
    /// The index past a real calendar date at `index` (years 1900 to 2099), or nil.
    static func date(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        var reader = Reader(bytes: bytes, index: index)
        if let first = reader.number(most: 4) {
            if first.digits == 4 {
                // 1985-03-12
                guard let separator = reader.separator(), let month = reader.number(most: 2), reader.take(separator),
                    let day = reader.number(most: 2)
                else { return nil }
                return valid(day: day.value, month: month.value, year: first.value) ? reader.endIfAlone() : nil
            }
            guard first.digits <= 2 else { return nil }
            if let separator = reader.separator() {
                guard let month = reader.number(most: 2), reader.take(separator), let year = reader.number(most: 4), year.digits == 4 else {
                    return nil
                }
                return valid(day: first.value, month: month.value, year: year.value) ? reader.endIfAlone() : nil
            }
            // 12 mars 1985, 1er mars 1985
            _ = reader.take(UInt8(ascii: "e")) && reader.take(UInt8(ascii: "r"))
            guard reader.space(), let month = reader.monthName(), reader.space(), let year = reader.number(most: 4), year.digits == 4 else {
                return nil
            }
            return valid(day: first.value, month: month, year: year.value) ? reader.endIfAlone() : nil
        }
        // March 12, 1985
        guard let month = reader.monthName(), reader.space(), let day = reader.number(most: 2) else { return nil }
        _ = reader.take(UInt8(ascii: ","))
        guard reader.space(), let year = reader.number(most: 4), year.digits == 4 else { return nil }
        return valid(day: day.value, month: month, year: year.value) ? reader.endIfAlone() : nil
    }

    static func valid(day: Int, month: Int, year: Int) -> Bool {
        guard (1900...2099).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static let months: [([UInt8], Int)] = {
        let names: [(String, Int)] = [
            ("janvier", 1), ("février", 2), ("fevrier", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6),
            ("juillet", 7), ("août", 8), ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11),
            ("décembre", 12), ("decembre", 12), ("january", 1), ("february", 2), ("march", 3), ("april", 4),
            ("may", 5), ("june", 6), ("july", 7), ("august", 8), ("september", 9), ("october", 10),
            ("november", 11), ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6),
            ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
        ]
        // Longest first, so that "mars" is not read as "mar".
        return names.map { (Array($0.0.utf8), $0.1) }.sorted { $0.0.count > $1.0.count }
    }()

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int

        mutating func number(most: Int) -> (value: Int, digits: Int)? {
            var value = 0, digits = 0
            while index < bytes.count, digits < most, bytes[index].isDigit {
                value = value * 10 + Int(bytes[index] - 48)
                digits += 1
                index += 1
            }
            if index < bytes.count, bytes[index].isDigit { return nil }
            return digits == 0 ? nil : (value, digits)
        }

        mutating func separator() -> UInt8? {
            guard index < bytes.count else { return nil }
            let current = bytes[index]
            guard current == UInt8(ascii: "/") || current == UInt8(ascii: ".") || current == UInt8(ascii: "-") else { return nil }
            index += 1
            return current
        }

        mutating func take(_ expected: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == expected else { return false }
            index += 1
            return true
        }

        mutating func space() -> Bool {
            var moved = false
            while index < bytes.count, bytes[index] == 32 {
                index += 1
                moved = true
            }
            return moved
        }

        mutating func monthName() -> Int? {
            for (name, month) in months where index + name.count <= bytes.count {
                var matched = true
                for offset in 0..<name.count where bytes[index + offset].asciiLowercased != name[offset] {
                    matched = false
                    break
                }
                guard matched else { continue }
                let after = index + name.count
                if after < bytes.count, bytes[after].continuesWord { continue }
                index = after + (after < bytes.count && bytes[after] == UInt8(ascii: ".") ? 1 : 0)
                return month
            }
            return nil
        }

        /// The index, unless a digit or a dotted number goes on (an address, a version).
        func endIfAlone() -> Int? {
            guard index < bytes.count else { return index }
            let current = bytes[index]
            if current.isDigit { return nil }
            if current == UInt8(ascii: ".") || current == UInt8(ascii: "-") || current == UInt8(ascii: "/"),
                index + 1 < bytes.count, bytes[index + 1].isDigit
            {
                return nil
            }
            return index
        }
    }
}

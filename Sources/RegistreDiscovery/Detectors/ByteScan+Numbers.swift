/// A run of digits inside a number written with separators (`06 12 34 56 78`).
struct NumberGroup {
    /// Where the group's first and past its last byte are in the input.
    var start: Int
    var end: Int
    /// Where its digits start in the scan's digit buffer, and how many there are.
    var digitStart: Int
    var digitCount: Int
    /// The separator before it: a space (also the no-break spaces), `.` or `-`; 0 for the first.
    var separator: UInt8
}

extension ByteScan {
    /// The most groups and digits a number is read for; longer runs are not personal data the
    /// detectors know, and are skipped whole.
    static let mostGroups = 24
    static let mostDigits = 64

    /// Reads the number starting at `start` and reports what parts of it are: phone numbers,
    /// cards, SIREN, SIRET, NIR, IPv4 addresses. Returns the index past it.
    mutating func number(at start: Int) -> Int {
        if isWordBefore(start) || isInsideFigure(start) {
            return endOfWord(from: start)
        }
        if let end = ipv6(at: start) { return end }
        let end = readGroups(from: start, international: false)
        let glued = end < count && bytes[end].continuesWord
        var first = 0
        while first < groupCount {
            var length = min(groupCount - first, 8)
            while length > 0 {
                let touchesEnd = first + length == groupCount
                if !(touchesEnd && glued), classify(first, length) { break }
                length -= 1
            }
            first += max(length, 1)
        }
        return glued ? endOfWord(from: end) : end
    }

    /// Whether `start` continues a figure that began earlier: `3.14159`, `12-345`, `a_1`.
    private func isInsideFigure(_ start: Int) -> Bool {
        guard start >= 2 else { return false }
        switch bytes[start - 1] {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "_"):
            return bytes[start - 2].isASCIIAlphanumeric
        default:
            return false
        }
    }

    /// Reads digit groups from `start` into `groups` and `digits`, and returns the index past the
    /// last group. A separator is one space, no-break space, `.` or `-` followed by a digit; an
    /// international number also allows brackets (`+1 (415) 555-0132`) and drops a national
    /// `(0)` (`+33 (0)6 ...`). NIR's Corsican departments (`2A`, `2B`) are read as part of a group.
    mutating func readGroups(from start: Int, international: Bool) -> Int {
        groupCount = 0
        digitCount = 0
        var index = start
        var separator: UInt8 = 0
        while true {
            let groupStart = index, digitStart = digitCount
            while index < count {
                let current = bytes[index]
                if current.isDigit {
                    guard digitCount < Self.mostDigits else { break }
                    digits[digitCount] = current
                    digitCount += 1
                    index += 1
                } else if (current == 65 || current == 66), digitCount == 6, bytes[index - 1] == 50,
                    !byte(index + 1).isASCIILetter
                {
                    digits[digitCount] = current
                    digitCount += 1
                    index += 1
                } else {
                    break
                }
            }
            if index < count, bytes[index].isDigit {
                // More digits than any identifier: skip the run whole.
                while index < count, bytes[index].continuesWord { index += 1 }
                groupCount = 0
                return index
            }
            groups[groupCount] = NumberGroup(
                start: groupStart, end: index, digitStart: digitStart, digitCount: digitCount - digitStart, separator: separator)
            groupCount += 1
            guard groupCount < Self.mostGroups else { return index }
            guard let (next, kind) = separatorRun(at: index, international: international) else { return index }
            if international, groupCount == 1, byte(next) == 48, byte(next + 1) == UInt8(ascii: ")") {
                // "+33 (0)6": the national trunk prefix inside brackets is not dialled.
                guard let (after, _) = separatorRun(at: next + 1, international: true) else { return index }
                index = after
            } else {
                index = next
            }
            separator = kind
        }
    }

    /// The index of the digit after a separator at `index`, and the separator's kind (a space
    /// for any space), or nil when no digit follows one.
    private func separatorRun(at index: Int, international: Bool) -> (Int, UInt8)? {
        var next = index
        var kind: UInt8 = 0
        var widths = 0
        while next < count, widths < 2 {
            let current = bytes[next]
            switch current {
            case 32, UInt8(ascii: "."), UInt8(ascii: "-"):
                guard kind == 0 || (kind == 32 && international) else { return nil }
                kind = current == 32 ? 32 : current
                next += 1
            case 0xC2 where byte(next + 1) == 0xA0:
                guard kind == 0 else { return nil }
                kind = 32
                next += 2
            case 0xE2 where byte(next + 1) == 0x80 && byte(next + 2) == 0xAF:
                guard kind == 0 else { return nil }
                kind = 32
                next += 3
            case UInt8(ascii: "("), UInt8(ascii: ")"):
                guard international else { return nil }
                if kind == 0 { kind = 32 }
                next += 1
            default:
                return widths > 0 && current.isDigit ? (next, kind) : nil
            }
            widths += 1
        }
        return next < count && bytes[next].isDigit && widths > 0 ? (next, kind) : nil
    }

    /// Reports what `length` groups from `first` form, if anything; true when reported.
    private mutating func classify(_ first: Int, _ length: Int) -> Bool {
        let separator = length > 1 ? groups[first + 1].separator : 0
        var total = 0
        for index in first..<(first + length) {
            if index > first + 1, groups[index].separator != separator { return false }
            total += groups[index].digitCount
        }
        guard total >= 4 else { return false }
        let start = groups[first].start, end = groups[first + length - 1].end
        let digitStart = groups[first].digitStart
        let value = UnsafeBufferPointer(start: digits + digitStart, count: total)
        let hasLetter = value.contains { !$0.isDigit }
        if hasLetter {
            return total == 15 && nir(value, first, length, start, end)
        }
        if length == 4, separator == UInt8(ascii: "."), ipv4(first, start, end) { return true }
        switch total {
        case 9:
            return siren(value, first, length, start, end)
        case 10 where value[0] == 48:
            // 06 12 34 56 78, 0612 34 56 78, 0 800 123 456, or unbroken.
            guard length == 1 || groupsMatch(first, length, 0x22222) || groupsMatch(first, length, 0x4222)
                || groupsMatch(first, length, 0x1333)
            else { return false }
            return frenchPhone(UnsafeBufferPointer(rebasing: value[1...]), start, end)
        case 14:
            return siret(value, first, length, start, end) || card(value, first, length, start, end)
        case 15 where value[0] == 51:
            // American Express (34, 37) before a NIR of sex 3, which is rare.
            return card(value, first, length, start, end) || nir(value, first, length, start, end)
        case 15:
            return nir(value, first, length, start, end) || card(value, first, length, start, end)
        case 11...17 where value[0] == 48 && value[1] == 48:
            // 0033 6 12 34 56 78: the first group is 00 and the country code, or 00 alone, and
            // the number is not the tail of another.
            let number = UnsafeBufferPointer(rebasing: value[2...])
            let firstGroup = groups[first].digitCount
            // It starts the number: "00" in the middle of another is not an international prefix.
            guard first == 0, length == 1 || firstGroup == 2 || firstGroup == 2 + PhoneNumbering.countryCodeLength(number) else {
                return false
            }
            return worldPhone(number, start, end)
        case 13, 16...19:
            return card(value, first, length, start, end)
        default:
            return false
        }
    }

    /// Whether the digit counts of `length` groups from `first` are `layout`'s, one hexadecimal
    /// digit per group (0x3335 is 3-3-3-5): a layout costs no array.
    private func groupsMatch(_ first: Int, _ length: Int, _ layout: UInt64) -> Bool {
        var rest = layout
        var index = first + length - 1
        while index >= first {
            guard rest != 0, UInt64(groups[index].digitCount) == rest & 0xF else { return false }
            rest >>= 4
            index -= 1
        }
        return rest == 0
    }

    private mutating func siren(_ value: UnsafeBufferPointer<UInt8>, _ first: Int, _ length: Int, _ start: Int, _ end: Int) -> Bool {
        guard isEnabled(.siren), length == 1 || groupsMatch(first, length, 0x333), Checksums.luhn(value) else { return false }
        // The first nine digits of a SIRET that fails its check are not reported as a SIREN.
        if first + length < groupCount, groups[first + length].separator == groups[first + length - 1].separator || length == 1,
            groups[first + length].digitCount == 5
        {
            return false
        }
        report(.siren, start, end, confidence: companyNumberConfidence(before: start, grouped: length > 1), .luhn)
        return true
    }

    private mutating func siret(_ value: UnsafeBufferPointer<UInt8>, _ first: Int, _ length: Int, _ start: Int, _ end: Int) -> Bool {
        guard isEnabled(.siret), length == 1 || groupsMatch(first, length, 0x3335) || groupsMatch(first, length, 0x95)
        else { return false }
        let validation: DiscoveryFinding.Validation
        if Checksums.isLaPoste(value) {
            guard Checksums.isLaPosteSIRETValid(value) else { return false }
            validation = .laPoste
        } else if Checksums.luhn(value) {
            validation = .luhn
        } else {
            return false
        }
        report(.siret, start, end, confidence: companyNumberConfidence(before: start, grouped: length > 1), validation)
        return true
    }

    /// A nine- or fourteen-digit number passes Luhn's check one time in ten: without a word that
    /// announces a company number before it, or the grouping it is printed with, it is not
    /// reported at the default confidence.
    private func companyNumberConfidence(before start: Int, grouped: Bool) -> Double {
        if ContextWords.hasCompanyNumberWord(in: bytes, before: start) { return 0.97 }
        return grouped ? 0.8 : 0.4
    }

    private mutating func nir(_ value: UnsafeBufferPointer<UInt8>, _ first: Int, _ length: Int, _ start: Int, _ end: Int) -> Bool {
        guard isEnabled(.nir),
            length == 1 || groupsMatch(first, length, 0x122_2332) || groupsMatch(first, length, 0xD2)
        else { return false }
        // Sex (1, 2; 3, 4, 7, 8 for numbers given before a birth was registered), then the month:
        // 01-12, 20-42 or 50-99 when it is unknown.
        switch value[0] {
        case 49, 50, 51, 52, 55, 56: break
        default: return false
        }
        let month = Int(value[3] &- 48) * 10 + Int(value[4] &- 48)
        guard (1...12).contains(month) || (20...42).contains(month) || (50...99).contains(month) else { return false }
        guard Checksums.isNIRKeyValid(value) else { return false }
        report(.nir, start, end, confidence: 0.97, .nirKey)
        return true
    }

    private mutating func card(_ value: UnsafeBufferPointer<UInt8>, _ first: Int, _ length: Int, _ start: Int, _ end: Int) -> Bool {
        guard isEnabled(.paymentCard) else { return false }
        let total = value.count
        let layoutFits: Bool
        // In fours (the last group shorter), 4-6-5 or 4-6-4 (American Express, Diners), or
        // unbroken; fourteen unbroken digits are a SIRET's shape, never a card's.
        var fours = length > 1
        for index in first..<(first + length - 1) where groups[index].digitCount != 4 { fours = false }
        fours = fours && groups[first + length - 1].digitCount <= 4
        switch total {
        case 14: layoutFits = fours || groupsMatch(first, length, 0x464)
        case 15: layoutFits = fours || length == 1 || groupsMatch(first, length, 0x465)
        default: layoutFits = fours || length == 1
        }
        guard layoutFits, CardIssuers.accepts(value), Checksums.luhn(value) else { return false }
        report(.paymentCard, start, end, confidence: 0.95, .luhnAndIssuer)
        return true
    }

    private mutating func ipv4(_ first: Int, _ start: Int, _ end: Int) -> Bool {
        // "1.2.3.4.5" is not an address: neither four of its groups.
        guard isEnabled(.ipv4), first == 0 || groups[first].separator != UInt8(ascii: ".") else { return false }
        for index in first..<(first + 4) {
            let group = groups[index]
            guard group.digitCount <= 3 else { return false }
            var octet = 0
            for offset in 0..<group.digitCount { octet = octet * 10 + Int(digits[group.digitStart + offset] &- 48) }
            if octet > 255 || (group.digitCount > 1 && digits[group.digitStart] == 48) { return false }
        }
        if byte(end) == UInt8(ascii: "."), byte(end + 1).isDigit { return false }
        report(.ipv4, start, end, confidence: 0.9, .octets)
        return true
    }

    /// A French number given as its nine significant digits.
    mutating func frenchPhone(_ significant: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard isEnabled(.phone), PhoneNumbering.frenchCountryCode(significant) != nil else { return false }
        report(.phone, start, end, confidence: 0.9, .numberingPlan)
        return true
    }

    /// An international number given as country code and number, without `+` or `00`.
    mutating func worldPhone(_ number: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard isEnabled(.phone), let confidence = PhoneNumbering.internationalConfidence(number) else { return false }
        report(.phone, start, end, confidence: confidence, .numberingPlan)
        return true
    }

    /// Reads an international number after `+` and reports it.
    mutating func internationalPhone(at plus: Int) -> Int {
        guard isEnabled(.phone), byte(plus + 1).isDigit, !isWordBefore(plus) else { return plus + 1 }
        let end = readGroups(from: plus + 1, international: true)
        guard groupCount > 0 else { return end }
        var length = groupCount
        while length > 0 {
            let last = groups[length - 1]
            let total = last.digitStart + last.digitCount
            let fits = PhoneNumbering.internationalConfidence(UnsafeBufferPointer(start: digits, count: total))
            let glued = length == groupCount && end < count && bytes[end].continuesWord
            if let confidence = fits, !glued {
                report(.phone, plus, last.end, confidence: confidence, .numberingPlan)
                return last.end
            }
            length -= 1
        }
        return end
    }
}

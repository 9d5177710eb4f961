extension ByteScan {
    /// Reads the word at `start`: an IBAN, an IPv6 address beginning with a letter, or a context
    /// word and what it announces. Returns the index past what was read.
    @inline(__always)
    mutating func word(at start: Int) -> Int {
        let end = endOfWord(from: start)
        // Most words are none of these: they cost one walk over their bytes and a bit test.
        let first = bytes[start], second = byte(start + 1)
        let mayBeIBAN = first.isASCIIUpper && second.isASCIIUpper
        let mayBeIPv6 = first.isHexDigit && end - start <= 4 && byte(end) == UInt8(ascii: ":")
        guard mayBeIBAN || mayBeIPv6 || context.mayStart(first, second) else { return end }
        return wordCandidate(at: start, end: end)
    }

    /// A word that may be an IBAN, an IPv6 address or a context word.
    private mutating func wordCandidate(at start: Int, end: Int) -> Int {
        guard !isWordBefore(start) else { return end }
        let first = bytes[start]
        if first.isASCIIUpper, byte(start + 1).isASCIIUpper, byte(start + 2).isDigit, byte(start + 3).isDigit,
            let ibanEnd = iban(at: start)
        {
            return ibanEnd
        }
        if first.isHexDigit, end - start <= 4, byte(end) == UInt8(ascii: ":"), let addressEnd = ipv6(at: start) {
            return addressEnd
        }
        if let entry = context.match(bytes, at: start, spanned: end - start), let contextEnd = context(entry, at: start) {
            return contextEnd
        }
        return end
    }

    /// Reads an IBAN written compact or in groups of four and reports it when its country's
    /// length and mod 97 agree; nil when it does not have the country's length.
    private mutating func iban(at start: Int) -> Int? {
        guard isEnabled(.iban) else { return nil }
        let length = IBANRegistry.length(bytes[start], bytes[start + 1])
        guard length > 0 else { return nil }
        var compact: [UInt8] = []
        compact.reserveCapacity(length)
        var index = start
        while index < count, compact.count < length {
            let current = bytes[index]
            if current.isASCIIUpper || current.isDigit {
                compact.append(current)
                index += 1
            } else if current == 32, compact.count % 4 == 0, byte(index + 1).isASCIIUpper || byte(index + 1).isDigit {
                index += 1
            } else {
                break
            }
        }
        guard compact.count == length, !(index < count && bytes[index].continuesWord) else { return nil }
        // An IBAN's shape that fails its check is skipped whole: its groups of four are not read
        // again as a card or a phone number.
        if compact.withUnsafeBufferPointer({ Checksums.isIBANValid($0) }) {
            report(.iban, start, index, confidence: 0.97, .mod97)
        }
        return index
    }

    /// The context word at `start`, if there is one.
    func contextWord(at start: Int) -> ContextWords.Entry? {
        guard start < count else { return nil }
        return context.match(bytes, at: start, spanned: endOfWord(from: start) - start)
    }

    /// Reports what the context word at `start` announces and returns the index past it, or nil
    /// when nothing follows it.
    private mutating func context(_ entry: ContextWords.Entry, at start: Int) -> Int? {
        let after = start + entry.length
        switch entry.kind {
        case .title:
            return personName(after: after, confidence: 0.85, least: 1)
        case .nameLabel:
            guard let colon = colon(after: after) else { return nil }
            return personName(after: colon, confidence: 0.9, least: 1)
        case .greeting:
            let next = skipSpaces(from: after, most: 2)
            if let title = contextWord(at: next), title.kind == .title {
                return personName(after: next + title.length, confidence: 0.85, least: 1)
            }
            return personName(after: after, confidence: 0.65, least: 1)
        case .signOff:
            var next = after
            while next < count, next - after < 6,
                [UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "!"), 32, 10, 13].contains(bytes[next])
            {
                next += 1
            }
            return personName(after: next, confidence: 0.7, least: 2)
        case .birth:
            return dateOfBirth(after: after)
        case .birthDateLabel:
            let rest = UnsafeBufferPointer(rebasing: bytes[after..<min(count, after + 14)])
            guard Self.startsWith(rest, " de naissance") || Self.startsWith(rest, " of birth") else { return nil }
            return dateOfBirth(after: after + (Self.startsWith(rest, " de") ? 13 : 9))
        case .frenchStreet:
            return frenchAddress(street: start, after: after)
        case .englishStreet:
            return englishAddress(street: start, after: after)
        case .addressLabel:
            guard let colon = colon(after: after) else { return nil }
            return labelledAddress(from: colon)
        }
    }

    static func startsWith(_ window: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        guard window.count >= length else { return false }
        let pointer = text.utf8Start
        for offset in 0..<length where window[offset].asciiLowercased != pointer[offset] { return false }
        return true
    }

    /// The index after spaces (ASCII and no-break) from `index`, at most `most` of them.
    func skipSpaces(from index: Int, most: Int) -> Int {
        var next = index, skipped = 0
        while next < count, skipped < most {
            if bytes[next] == 32 || bytes[next] == 9 {
                next += 1
            } else if bytes[next] == 0xC2, byte(next + 1) == 0xA0 {
                next += 2
            } else if bytes[next] == 0xE2, byte(next + 1) == 0x80, byte(next + 2) == 0xAF {
                next += 3
            } else {
                break
            }
            skipped += 1
        }
        return next
    }

    /// The index after `:` and the spaces around it, or nil when no colon follows.
    private func colon(after index: Int) -> Int? {
        let next = skipSpaces(from: index, most: 2)
        guard byte(next) == UInt8(ascii: ":") else { return nil }
        return skipSpaces(from: next + 1, most: 3)
    }

    // MARK: Names

    /// Reports the name after `index` (one to three capitalised words), returning the index
    /// past it, or past the context word when no name follows.
    private mutating func personName(after index: Int, confidence: Double, least: Int) -> Int? {
        let start = skipSpaces(from: index, most: 2)
        var end = start, words = 0, next = start
        while words < 3, contextWord(at: next) == nil, let wordEnd = nameWord(at: next) {
            end = wordEnd
            words += 1
            let gap = skipSpaces(from: wordEnd, most: 1)
            guard gap > wordEnd else { break }
            next = gap
        }
        guard words >= least, isEnabled(.personName) else { return words > 0 ? end : nil }
        report(.personName, start, end, confidence: confidence, .context)
        return end
    }

    /// The index past a name word at `index`: a capital, then letters, hyphens or apostrophes
    /// between letters; nil for anything else or for a capitalised word that is not a name.
    private func nameWord(at index: Int) -> Int? {
        guard let firstWidth = capitalWidth(at: index) else { return nil }
        var next = index + firstWidth, letters = 1
        while next < count {
            let current = bytes[next]
            if current.isASCIILetter {
                next += 1
            } else if let width = letterWidth(at: next) {
                next += width
            } else if current == UInt8(ascii: "-") || current == UInt8(ascii: "'"), letterWidth(at: next + 1) != nil || byte(next + 1).isASCIILetter {
                next += 1
            } else if current == 0xE2, byte(next + 1) == 0x80, byte(next + 2) == 0x99, byte(next + 3).isASCIILetter {
                next += 3
            } else {
                break
            }
            letters += 1
        }
        guard letters >= 2, !byte(next).isDigit, !(next < count && bytes[next].continuesWord) else { return nil }
        let word = UnsafeBufferPointer(rebasing: bytes[index..<next])
        guard ContextWords.isNotName(word) else { return next }
        // Le Goff, Da Silva, Van Damme: a particle is part of the name when a capital follows.
        return ContextWords.isNameParticle(word) && byte(next) == 32 && capitalWidth(at: next + 1) != nil ? next : nil
    }

    /// The width of an upper-case letter at `index` (ASCII, or Latin-1's À to Þ), or nil.
    private func capitalWidth(at index: Int) -> Int? {
        let current = byte(index)
        if current.isASCIIUpper { return 1 }
        if current == 0xC3, (0x80...0x9E).contains(byte(index + 1)), byte(index + 1) != 0x97 { return 2 }
        return nil
    }

    /// The width of a non-ASCII Latin letter at `index` (Latin-1 and Latin Extended-A), or nil.
    private func letterWidth(at index: Int) -> Int? {
        let current = byte(index), next = byte(index + 1)
        if current == 0xC3, (0x80...0xBF).contains(next), next != 0x97, next != 0xB7 { return 2 }
        if current == 0xC4 || current == 0xC5, (0x80...0xBF).contains(next) { return 2 }
        return nil
    }

    // MARK: Dates of birth

    /// Reports the date after a birth context word (`né le 12/03/1985`, `DOB: 1985-03-12`,
    /// `born on March 12, 1985`) and returns the index past it.
    private mutating func dateOfBirth(after index: Int) -> Int? {
        var next = index
        if byte(next) == UInt8(ascii: "("), byte(next + 1) == UInt8(ascii: "e"), byte(next + 2) == UInt8(ascii: ")") { next += 3 }
        next = skipSpaces(from: next, most: 3)
        if byte(next) == UInt8(ascii: ":") { next = skipSpaces(from: next + 1, most: 3) }
        let rest = UnsafeBufferPointer(rebasing: bytes[next..<min(count, next + 4)])
        if Self.startsWith(rest, "le ") || Self.startsWith(rest, "on ") { next = skipSpaces(from: next + 2, most: 3) }
        guard isEnabled(.dateOfBirth), let end = BirthDates.date(in: bytes, at: next) else { return nil }
        report(.dateOfBirth, next, end, confidence: 0.9, .contextDate)
        return end
    }
}

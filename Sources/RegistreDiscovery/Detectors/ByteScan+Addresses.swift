extension ByteScan {
    /// Reports a French address around the street type at `street`: the house number before it
    /// (`12`, `12 bis`, `3,`), the street's name after it, and a postcode and town when they
    /// follow (`12 rue de la Paix, 75002 Paris`).
    mutating func frenchAddress(street: Int, after: Int) -> Int? {
        guard isEnabled(.postalAddress), let start = houseNumber(before: street, allowsName: false) else { return nil }
        let name = streetName(from: after)
        guard name > after else { return nil }
        return address(from: start, streetEnd: name)
    }

    /// Reports an English address ending in the street type at `street` (`221B Baker Street`,
    /// `10 Downing Street, London SW1A 2AA`).
    mutating func englishAddress(street: Int, after: Int) -> Int? {
        guard isEnabled(.postalAddress), let start = houseNumber(before: street, allowsName: true) else { return nil }
        return address(from: start, streetEnd: after)
    }

    /// Reports the address from `start` to the street's end, or to the postcode and town that
    /// follow it, which make it surer.
    private mutating func address(from start: Int, streetEnd: Int) -> Int {
        let town = postcodeAndTown(after: streetEnd)
        let end = town ?? streetEnd
        report(.postalAddress, start, end, confidence: town == nil ? 0.75 : 0.85, .context)
        return end
    }

    /// Reports the rest of the line after `Adresse :` when it holds a number.
    mutating func labelledAddress(from start: Int) -> Int? {
        guard isEnabled(.postalAddress) else { return nil }
        var end = start, hasDigit = false
        while end < count, end - start < 120 {
            let current = bytes[end]
            if current == 10 || current == 13 || current == UInt8(ascii: ";") || current == UInt8(ascii: "|") || current == 9 { break }
            hasDigit = hasDigit || current.isDigit
            end += 1
        }
        while end > start, bytes[end - 1] == 32 || bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: ",") { end -= 1 }
        guard hasDigit, end - start >= 8 else { return nil }
        report(.postalAddress, start, end, confidence: 0.8, .context)
        return end
    }

    /// Where the house number before `street` starts: digits (with `bis`, `ter` or a letter),
    /// then a comma or spaces; with `allowsName`, up to three capitalised words between.
    private func houseNumber(before street: Int, allowsName: Bool) -> Int? {
        var index = street
        if allowsName {
            var words = 0
            while words < 3 {
                let space = index - 1
                guard byte(space) == 32 else { break }
                var wordStart = space
                while wordStart > 0, bytes[wordStart - 1].isASCIILetter { wordStart -= 1 }
                guard wordStart < space, bytes[wordStart].isASCIIUpper, wordStart == 0 || bytes[wordStart - 1] == 32 else { break }
                index = wordStart
                words += 1
            }
            guard words > 0 else { return nil }
        }
        var cursor = index - 1
        while cursor >= 0, index - cursor <= 2, bytes[cursor] == 32 || bytes[cursor] == UInt8(ascii: ",") { cursor -= 1 }
        guard cursor >= 0, cursor < index - 1 else { return nil }
        // "bis", "ter", or a letter glued to the number (12B).
        var letters = 0
        while cursor >= 0, letters < 3, bytes[cursor].isASCIILetter {
            cursor -= 1
            letters += 1
        }
        if letters > 0 {
            let suffix = bytes[(cursor + 1)...(cursor + letters)].map(\.asciiLowercased)
            guard letters == 1 || suffix == Array("bis".utf8) || suffix == Array("ter".utf8) else { return nil }
            if letters > 1, byte(cursor) == 32 { cursor -= 1 }
        }
        var digitsRead = 0
        while cursor >= 0, digitsRead < 5, bytes[cursor].isDigit {
            cursor -= 1
            digitsRead += 1
        }
        guard (1...4).contains(digitsRead), !isWordBefore(cursor + 1) else { return nil }
        return cursor + 1
    }

    /// The index past a French street's name from `index`: particles (`de`, `la`, `l'`...),
    /// capitalised words and numbers, at most six words.
    private func streetName(from index: Int) -> Int {
        var next = index, words = 0
        var lastNamed = index
        while words < 6 {
            let start = skipSpaces(from: next, most: 1)
            guard start > next || words == 0 && start == next else { break }
            var wordEnd = start
            while wordEnd < count, bytes[wordEnd].continuesWord || bytes[wordEnd] == UInt8(ascii: "-") { wordEnd += 1 }
            if byte(wordEnd) == UInt8(ascii: "'") || (byte(wordEnd) == 0xE2 && byte(wordEnd + 1) == 0x80 && byte(wordEnd + 2) == 0x99) {
                // l'Église, d'Alsace: the particle and the name are one word.
                wordEnd += byte(wordEnd) == UInt8(ascii: "'") ? 1 : 3
                while wordEnd < count, bytes[wordEnd].continuesWord || bytes[wordEnd] == UInt8(ascii: "-") { wordEnd += 1 }
            }
            guard wordEnd > start else { break }
            let word = UnsafeBufferPointer(rebasing: bytes[start..<wordEnd])
            // A particle (de, la) belongs to the name only if a name follows it.
            if !Self.isStreetParticle(word) {
                guard capitalOrDigit(word[0]) else { break }
                lastNamed = wordEnd
            }
            next = wordEnd
            words += 1
        }
        return lastNamed
    }

    private func capitalOrDigit(_ first: UInt8) -> Bool {
        first.isASCIIUpper || first.isDigit || first == 0xC3
    }

    private static let particles: [[UInt8]] = ["de", "du", "des", "la", "le", "les", "l", "d", "aux", "au", "à", "sur", "en", "et", "saint", "sainte"]
        .map { Array($0.utf8) }

    private static func isStreetParticle(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        particles.contains { $0.count == word.count && zip($0, word).allSatisfy { $0 == $1.asciiLowercased } }
    }

    /// The index past `, 75002 Paris` (or ` 75002 PARIS CEDEX`, `, London SW1A 2AA`) after
    /// `index`, or nil when no postcode follows.
    private func postcodeAndTown(after index: Int) -> Int? {
        var next = index
        if byte(next) == UInt8(ascii: ",") { next += 1 }
        next = skipSpaces(from: next, most: 2)
        guard next > index else { return nil }
        // French or American five-digit postcode, then the town.
        var digitsRead = 0
        while digitsRead < 6, byte(next + digitsRead).isDigit { digitsRead += 1 }
        if digitsRead == 5 {
            let townStart = skipSpaces(from: next + 5, most: 1)
            guard townStart > next + 5, let townEnd = town(from: townStart) else { return next + 5 }
            return townEnd
        }
        // English: the town, then a British postcode.
        guard digitsRead == 0, let townEnd = town(from: next) else { return nil }
        let postcodeStart = skipSpaces(from: townEnd, most: 1)
        if postcodeStart > townEnd, let postcodeEnd = britishPostcode(at: postcodeStart) { return postcodeEnd }
        return townEnd
    }

    /// The index past a town's name: one to three capitalised words (hyphens inside).
    private func town(from index: Int) -> Int? {
        var end: Int?
        var next = index
        for _ in 0..<3 {
            guard byte(next).isASCIIUpper || (byte(next) == 0xC3 && (0x80...0x9E).contains(byte(next + 1))) else { break }
            var wordEnd = next
            while wordEnd < count,
                (bytes[wordEnd].continuesWord && !bytes[wordEnd].isDigit)
                    || (bytes[wordEnd] == UInt8(ascii: "-") && byte(wordEnd + 1).isASCIILetter)
            {
                wordEnd += 1
            }
            // A word with digits is a postcode (NW1 6XE), not the town.
            guard !byte(wordEnd).isDigit else { break }
            end = wordEnd
            let space = skipSpaces(from: wordEnd, most: 1)
            guard space > wordEnd else { break }
            next = space
        }
        return end
    }

    /// The index past a British postcode at `index` (`SW1A 2AA`, `M1 1AE`), or nil.
    private func britishPostcode(at index: Int) -> Int? {
        var next = index, outward = 0
        while outward < 4, byte(next).isASCIIUpper || byte(next).isDigit {
            next += 1
            outward += 1
        }
        guard (2...4).contains(outward), byte(index).isASCIIUpper, byte(next) == 32 else { return nil }
        let inward = next + 1
        guard byte(inward).isDigit, byte(inward + 1).isASCIIUpper, byte(inward + 2).isASCIIUpper, !byte(inward + 3).continuesWord else { return nil }
        return inward + 3
    }
}

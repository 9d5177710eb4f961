/// The context words laid out for the scanner's loop: all words' bytes in one array, entries
/// as plain values sorted by their first two bytes, and for each pair of first bytes the range
/// of entries that start with it.
struct ContextTable: Sendable {
    let words: [UInt8]
    let entries: [ContextWords.Entry]
    /// For each pair of first bytes (lower-cased), where its entries start in `entries`, plus
    /// one; 0 when no word starts with it.
    let firstEntry: [UInt16]
    let entryCount: [UInt8]
    /// One bit per pair of first bytes that begins a word: 8 KB that stay in the processor's
    /// first cache, where `firstEntry` (128 KB) would not. Most words stop at this bit.
    let present: [UInt64]

    init(_ list: [(String, ContextWords.Kind, Bool)]) {
        let sorted = list.sorted { Self.key(Array($0.0.utf8)) < Self.key(Array($1.0.utf8)) }
        var words: [UInt8] = []
        var entries: [ContextWords.Entry] = []
        var firstEntry = [UInt16](repeating: 0, count: 65_536)
        var entryCount = [UInt8](repeating: 0, count: 65_536)
        for (word, kind, capital) in sorted {
            let bytes = Array(word.utf8)
            let key = Int(Self.key(bytes))
            if firstEntry[key] == 0 { firstEntry[key] = UInt16(entries.count + 1) }
            entryCount[key] += 1
            let spanned = bytes.firstIndex { !$0.continuesWord } ?? bytes.count
            entries.append(ContextWords.Entry(start: words.count, length: bytes.count, spanned: spanned, kind: kind, needsCapital: capital))
            words += bytes
        }
        var present = [UInt64](repeating: 0, count: 1024)
        for key in 0..<65_536 where firstEntry[key] != 0 { present[key >> 6] |= 1 << UInt64(key & 63) }
        self.present = present
        self.words = words
        self.entries = entries
        self.firstEntry = firstEntry
        self.entryCount = entryCount
    }

    static func key(_ bytes: [UInt8]) -> UInt16 {
        key(bytes[0], bytes.count > 1 ? bytes[1] : 0)
    }

    @inline(__always) static func key(_ first: UInt8, _ second: UInt8) -> UInt16 {
        UInt16(first.asciiLowercased) << 8 | UInt16(second.asciiLowercased)
    }

    /// Whether a context word begins with these two bytes.
    @inline(__always) func mayStart(_ first: UInt8, _ second: UInt8) -> Bool {
        let key = Int(Self.key(first, second))
        return present[key >> 6] & (1 << UInt64(key & 63)) != 0
    }

    /// The entry matching the input at `start`, whose word spans `spanned` bytes, or nil.
    @inline(__always)
    func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, spanned: Int) -> ContextWords.Entry? {
        let second: UInt8 = start + 1 < bytes.count ? bytes[start + 1] : 0
        let key = Int(Self.key(bytes[start], second))
        guard present[key >> 6] & (1 << UInt64(key & 63)) != 0 else { return nil }
        let first = Int(firstEntry[key])
        guard first != 0 else { return nil }
        return match(bytes, at: start, spanned: spanned, entries: (first - 1)..<(first - 1 + Int(entryCount[key])))
    }

    private func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, spanned: Int, entries range: Range<Int>) -> ContextWords.Entry? {
        for index in range {
            let entry = entries[index]
            // A word of another length cannot be this one: most words stop here.
            guard entry.spanned == spanned, start + entry.length <= bytes.count else { continue }
            var matched = true
            for offset in 0..<entry.length where bytes[start + offset].asciiLowercased != words[entry.start + offset] {
                matched = false
                break
            }
            guard matched, !entry.needsCapital || bytes[start].isASCIIUpper else { continue }
            return entry
        }
        return nil
    }
}

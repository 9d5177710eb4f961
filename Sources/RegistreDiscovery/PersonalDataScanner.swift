/// Finds personal data in UTF-8 text, working on bytes.
///
/// One pass over the input, one table read per byte: a byte that cannot start anything is
/// skipped at once, a word is skipped whole unless its first two letters could begin a context
/// word, and only digits, `@`, `+` and `:` lead to a closer look. No regular-expression engine
/// (Swift's or Foundation's) is involved, and invalid UTF-8, NUL bytes or binary data are scanned as
/// bytes like any other.
public struct PersonalDataScanner: Sendable {
    /// The types reported.
    public let types: Set<PersonalDataType>
    /// Findings below this confidence are not reported.
    public let minimumConfidence: Double

    let enabled: UInt32

    /// - Parameters:
    ///   - types: what to look for; every type by default.
    ///   - minimumConfidence: the least confidence a finding needs to be reported.
    public init(types: Set<PersonalDataType> = Set(PersonalDataType.allCases), minimumConfidence: Double = 0.5) {
        self.types = types
        self.minimumConfidence = minimumConfidence
        var enabled: UInt32 = 0
        for type in types { enabled |= Self.bit(type) }
        self.enabled = enabled
    }

    /// The longest finding the detectors produce, in bytes; streams keep at least this much of
    /// the previous chunk.
    public static let longestFinding = 512
    /// How far back from a candidate the detectors look (an e-mail's local part, a street's
    /// number, a context word).
    public static let longestLookBehind = 192

    /// The findings in `bytes`, in order of offset, none overlapping another.
    public func scan(_ bytes: [UInt8]) -> [DiscoveryFinding] {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    /// The findings in a string's UTF-8 bytes.
    public func scan(_ text: String) -> [DiscoveryFinding] {
        var text = text
        return text.withUTF8 { scan($0) }
    }

    /// The findings in `buffer`.
    /// - Parameters:
    ///   - baseOffset: added to every finding's offset (the buffer's place in a longer input).
    ///   - reportedStarts: only findings starting in this range of the buffer are kept; a stream
    ///     scans the bytes around a chunk's edge twice and keeps each finding once.
    public func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, baseOffset: Int = 0, reportedStarts: Range<Int>? = nil
    ) -> [DiscoveryFinding] {
        var findings: [DiscoveryFinding] = []
        scan(buffer, baseOffset: baseOffset, reportedStarts: reportedStarts, into: &findings)
        return findings
    }

    /// Appends the findings in `buffer` to `findings`: a stream reuses one array for every
    /// window instead of growing a new one each time.
    public func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, baseOffset: Int = 0, reportedStarts: Range<Int>? = nil, into findings: inout [DiscoveryFinding]
    ) {
        var scan = ByteScan(
            bytes: buffer, base: baseOffset, enabled: enabled, minimumConfidence: minimumConfidence,
            reported: reportedStarts ?? 0..<buffer.count)
        swap(&scan.findings, &findings)
        scan.run()
        swap(&scan.findings, &findings)
    }

    @inline(__always) static func bit(_ type: PersonalDataType) -> UInt32 {
        1 << UInt32(type.ordinal)
    }
}

/// One scan of one buffer: the cursor's helpers and the findings so far.
struct ByteScan {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let base: Int
    let enabled: UInt32
    let minimumConfidence: Double
    let reported: Range<Int>
    let context = ContextWords.table
    var findings: [DiscoveryFinding] = []

    // Reused between numbers, so that a number costs no allocation or reference counting.
    private let storage = ScanStorage()
    let digits: UnsafeMutablePointer<UInt8>
    let groups: UnsafeMutablePointer<NumberGroup>
    var digitCount = 0
    var groupCount = 0
    /// Each byte's class, `ByteClass.table` as plain memory.
    let classes: UnsafePointer<ByteClass>

    init(bytes: UnsafeBufferPointer<UInt8>, base: Int, enabled: UInt32, minimumConfidence: Double, reported: Range<Int>) {
        self.bytes = bytes
        self.count = bytes.count
        self.base = base
        self.enabled = enabled
        self.minimumConfidence = minimumConfidence
        self.reported = reported
        digits = storage.digits
        groups = storage.groups
        classes = ByteClass.pointer
    }

    mutating func run() {
        var index = 0
        while index < count {
            switch classes[Int(bytes[index])] {
            case .other: index += 1
            case .letter: index = word(at: index)
            case .digit: index = number(at: index)
            case .at: index = email(at: index)
            case .plus: index = internationalPhone(at: index)
            case .colon: index = compressedIPv6(at: index)
            case .latinPunctuation: index += 2
            case .generalPunctuation: index += 3
            }
        }
    }

    @inline(__always) func isEnabled(_ type: PersonalDataType) -> Bool {
        enabled & PersonalDataScanner.bit(type) != 0
    }

    /// Records a finding over `start..<end` unless it is below the confidence asked for or
    /// outside the reported range. Earlier findings inside it give way (a phone number that
    /// turns out to be an e-mail's local part).
    mutating func report(
        _ type: PersonalDataType, _ start: Int, _ end: Int, confidence: Double, _ validation: DiscoveryFinding.Validation
    ) {
        guard confidence >= minimumConfidence, reported.contains(start) else { return }
        while let last = findings.last, last.offset - base >= start { findings.removeLast() }
        if let last = findings.last, last.end - base > start { return }
        findings.append(
            DiscoveryFinding(type: type, offset: base + start, length: end - start, confidence: confidence, validation: validation))
    }

    @inline(__always) func byte(_ index: Int) -> UInt8 {
        index >= 0 && index < count ? bytes[index] : 0
    }

    /// Whether the character ending just before `index` is a letter or a digit. A UTF-8
    /// continuation byte counts as a letter unless its lead byte is 0xC2 or 0xE2 (punctuation:
    /// `n°123` starts a number after the degree sign).
    @inline(__always) func isWordBefore(_ index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = bytes[index - 1]
        if previous < 0x80 { return previous.isASCIIAlphanumeric }
        return isLetterEndingAt(index)
    }

    private func isLetterEndingAt(_ index: Int) -> Bool {
        let previous = bytes[index - 1]
        if previous >= 0xC0 { return previous < 0xF5 }
        var lead = index - 2
        while lead >= 0, lead >= index - 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        guard lead >= 0 else { return false }
        return bytes[lead] != 0xC2 && bytes[lead] != 0xE2
    }

    /// The index just past the word that starts at `index`.
    @inline(__always) func endOfWord(from index: Int) -> Int {
        var end = index
        while end < count, classes[Int(bytes[end])].continuesWord { end += 1 }
        return end
    }
}

/// The buffers of one scan, freed with it.
final class ScanStorage {
    let digits = UnsafeMutablePointer<UInt8>.allocate(capacity: ByteScan.mostDigits + 8)
    let groups = UnsafeMutablePointer<NumberGroup>.allocate(capacity: ByteScan.mostGroups + 1)

    deinit {
        digits.deallocate()
        groups.deallocate()
    }
}

/// Scans an input of any length chunk by chunk, with memory that stays flat: a 1 GB file or a
/// 100 MB line without a newline needs the chunk and a little more.
///
/// Each chunk is scanned together with the end of the previous one, so that a finding across
/// the edge is read whole; each finding is reported once, in the window where it starts.
public struct StreamingScanner: Sendable {
    /// The detectors.
    public let scanner: PersonalDataScanner
    /// How many bytes are read at a time.
    public let chunkSize: Int

    /// The bytes kept after a chunk's settled part: enough for any finding that starts before it
    /// to end inside the window.
    static let tail = PersonalDataScanner.longestFinding * 2

    public init(scanner: PersonalDataScanner, chunkSize: Int = 1 << 20) {
        self.scanner = scanner
        self.chunkSize = max(chunkSize, Self.tail * 2)
    }

    /// One window of the input and what was found in it.
    public struct Window {
        /// The window's bytes.
        public let bytes: UnsafeBufferPointer<UInt8>
        /// The offset of `bytes[0]` in the input.
        public let offset: Int
        /// The findings that start in this window's settled part, in order, offsets in the input.
        public let findings: [DiscoveryFinding]
        /// Every finding starting before this offset has been reported, in this window or before.
        public let settled: Int
        /// Whether this is the last window.
        public let isLast: Bool

        /// The bytes from `start` to `end`, offsets in the input; both must lie in the window.
        public func bytes(from start: Int, to end: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[(start - offset)..<(end - offset)])
        }
    }

    /// Reads the input to its end and hands each window to `body`.
    /// - Parameters:
    ///   - read: fills the buffer it is given from the input and returns how many bytes it wrote,
    ///     0 at the end.
    public func scan(
        read: (UnsafeMutableRawBufferPointer) throws -> Int, _ body: (Window) throws -> Void
    ) throws {
        let capacity = chunkSize + Self.tail
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0, offset = 0, reportFrom = 0
        var findings: [DiscoveryFinding] = []
        var atEnd = false
        while true {
            while filled < capacity, !atEnd {
                let read = try read(UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[filled..<capacity]))
                if read == 0 { atEnd = true } else { filled += read }
            }
            let window = UnsafeBufferPointer(rebasing: buffer[0..<filled])
            let reportUntil = atEnd ? filled : filled - Self.tail
            findings.removeAll(keepingCapacity: true)
            scanner.scan(window, baseOffset: offset, reportedStarts: reportFrom..<max(reportFrom, reportUntil), into: &findings)
            try body(Window(bytes: window, offset: offset, findings: findings, settled: offset + reportUntil, isLast: atEnd))
            if atEnd { return }
            let keep = Self.carryStart(in: window, settled: reportUntil)
            buffer.baseAddress!.update(from: buffer.baseAddress! + keep, count: filled - keep)
            filled -= keep
            offset += keep
            reportFrom = reportUntil - keep
        }
    }

    /// Where the next window starts: far enough before the settled edge for the detectors'
    /// look-behind, after a space or line break when there is one, so both windows read the
    /// bytes near the edge the same way.
    static func carryStart(in window: UnsafeBufferPointer<UInt8>, settled: Int) -> Int {
        let latest = settled - PersonalDataScanner.longestLookBehind
        var index = latest
        while index > latest - PersonalDataScanner.longestLookBehind, index > 0 {
            let byte = window[index - 1]
            if byte == 10 || byte == 32 || byte == 9 || byte == 13 { return index }
            index -= 1
        }
        return max(0, latest)
    }
}

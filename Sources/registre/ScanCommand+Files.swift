import ArgumentParser
import Foundation
import RegistreCore
import RegistreDiscovery
import RegistreServer

/// One `registre scan` of files: walks the inputs, prints findings, writes redacted copies,
/// and counts for the summary.
struct FileScan {
    let scanner: StreamingScanner
    let format: ScanCommand.Format
    let showsValues: Bool
    let showsProgress: Bool
    var redaction: Redaction?

    /// Per type (by `PersonalDataType.allCases` order): findings, inputs holding one, and the
    /// last input counted, so that counting a finding costs no hashing.
    private var counts = [(findings: Int, inputs: Int, lastInput: Int)](repeating: (0, 0, -1), count: PersonalDataType.allCases.count)
    private var inputIndex = 0
    private(set) var filesScanned = 0
    private(set) var bytesScanned = 0
    private(set) var skipped: [String] = []
    private(set) var unreadable: [String] = []
    private var output = OutputBuffer()
    private var started = ContinuousClock.now
    private var progress: ProgressBar?

    var total: Int { counts.reduce(0) { $0 + $1.findings } }
    var hadUnreadable: Bool { !unreadable.isEmpty }

    /// Where and how redacted copies are written.
    struct Redaction {
        enum Target {
            /// One input, one copy.
            case file(String)
            /// Each input's copy at its path inside this folder.
            case folder(String)
        }

        let target: Target
        let replacement: Redactor.Replacement
    }

    init(scanner: PersonalDataScanner, format: ScanCommand.Format, showsValues: Bool, showsProgress: Bool) {
        self.scanner = StreamingScanner(scanner: scanner)
        self.format = format
        self.showsValues = showsValues
        self.showsProgress = showsProgress
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Scans every input in order: files, folders (walked, sorted), `-` for standard input.
    mutating func scanAll(_ paths: [String]) throws {
        started = .now
        var inputs: [(path: String, name: String)] = []
        for path in paths {
            if path == "-" {
                inputs.append((path, "-"))
            } else if Self.isDirectory(path) {
                inputs += walk(path)
            } else if FileManager.default.fileExists(atPath: path) {
                inputs.append((path, (path as NSString).lastPathComponent))
            } else {
                printError("error: \(path): no such file or folder")
                unreadable.append(path)
            }
        }
        if showsProgress {
            let size = inputs.reduce(0) { $0 + (Self.size(of: $1.path) ?? 0) }
            progress = ProgressBar(total: inputs.contains { $0.path == "-" } ? nil : size)
        }
        for input in inputs { try scan(input.path, name: input.name) }
        progress?.finish()
        output.flush()
    }

    /// The regular, non-hidden, non-binary files under `folder`, sorted, named relative to it;
    /// binary files are listed as skipped, and the redaction folder is never walked.
    private mutating func walk(_ folder: String) -> [(path: String, name: String)] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        var excluded: String?
        if case .folder(let out) = redaction?.target { excluded = URL(fileURLWithPath: out).standardizedFileURL.path }
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [(String, String)] = []
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            if let excluded, path == excluded || path.hasPrefix(excluded + "/") {
                walker.skipDescendants()
                continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let name = String(path.dropFirst(root.path.count).drop { $0 == "/" })
            if Self.looksBinary(path) {
                skipped.append((folder as NSString).appendingPathComponent(name))
            } else {
                found.append((path, name))
            }
        }
        return found.sorted { $0.1 < $1.1 }.map { (path: $0.0, name: (folder as NSString).appendingPathComponent($0.1)) }
    }

    /// Whether the file holds a NUL byte in its first 8 KB.
    static func looksBinary(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8192)) ?? Data()
        return head.contains(0)
    }

    static func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }

    private mutating func scan(_ path: String, name: String) throws {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            printError("error: \(path): \(String(cString: strerror(errno)))")
            unreadable.append(path)
            return
        }
        defer { if descriptor != 0 { close(descriptor) } }
        var copy = try redaction.map { try RedactedCopy(of: path, name: name, redaction: $0) }
        var lines = LineTracker()
        let needsLines = format != .summary
        let displayName = path == "-" ? "-" : name
        var readError: Int32 = 0
        var settled = 0
        try scanner.scan(read: { buffer in
            while true {
                let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                if count >= 0 { return count }
                if errno == EINTR { continue }
                readError = errno
                return 0
            }
        }) { window in
            for finding in window.findings {
                let type = finding.type.ordinal
                counts[type].findings += 1
                if counts[type].lastInput != inputIndex {
                    counts[type].inputs += 1
                    counts[type].lastInput = inputIndex
                }
                if needsLines {
                    let (line, column) = lines.position(of: finding.offset, in: window)
                    print(finding, file: displayName, line: line, column: column, value: showsValues ? window.bytes(from: finding.offset, to: finding.end) : nil)
                }
            }
            if needsLines { _ = lines.position(of: window.settled, in: window) }
            try copy?.redactor.consume(window)
            bytesScanned += window.settled - settled
            settled = window.settled
            progress?.advance(to: bytesScanned)
        }
        if readError != 0 {
            printError("error: \(path): \(String(cString: strerror(readError)))")
            unreadable.append(path)
            copy?.abandon()
            return
        }
        try copy?.finish()
        filesScanned += 1
        inputIndex += 1
    }

    private mutating func print(_ finding: DiscoveryFinding, file: String, line: Int, column: Int, value: UnsafeBufferPointer<UInt8>?) {
        switch format {
        case .jsonl:
            var json = JSONWriter()
            json.object { json in
                json.field("file", file)
                json.field("type", finding.type.rawValue)
                json.key("offset"); json.integer(Int64(finding.offset))
                json.key("length"); json.integer(Int64(finding.length))
                json.key("line"); json.integer(Int64(line))
                json.key("column"); json.integer(Int64(column))
                json.key("confidence"); json.real(finding.confidence)
                json.field("validation", finding.validation.rawValue)
                if let value {
                    let text = String(decoding: value, as: UTF8.self)
                    json.field("value", text)
                    if finding.type == .phone { json.field("e164", PhoneNumbering.e164(text)) }
                }
            }
            output.append(json.bytes)
            output.append(10)
        case .table:
            var text = "\(file):\(line):\(column)\t\(finding.type.rawValue)\t\(String(format: "%.2f", finding.confidence))\t\(finding.validation.rawValue)"
            if let value { text += "\t" + String(decoding: value, as: UTF8.self).replacingOccurrences(of: "\n", with: " ") }
            output.append(Array(text.utf8))
            output.append(10)
        case .summary:
            break
        }
    }

    /// The summary: what was scanned, how fast, and the findings per type.
    func summary() -> String {
        let seconds = max((ContinuousClock.now - started).timeInterval, 1e-9)
        let megabytes = Double(bytesScanned) / 1_000_000
        var text = "Scanned \(filesScanned) input\(filesScanned == 1 ? "" : "s"), \(bytesScanned) bytes in \(String(format: "%.3f", seconds)) s (\(String(format: "%.1f", megabytes / seconds)) MB/s)"
        if !skipped.isEmpty { text += "; skipped \(skipped.count) binary file\(skipped.count == 1 ? "" : "s")" }
        text += ".\n"
        if total == 0 {
            text += "No personal data found.\n"
        } else {
            text += "type".padding(toLength: 16, withPad: " ", startingAt: 0) + "findings  inputs\n"
            for (type, entry) in zip(PersonalDataType.allCases, counts) where entry.findings > 0 {
                text += type.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(entry.findings).leftPadded(to: 8) + "  " + String(entry.inputs).leftPadded(to: 6) + "\n"
            }
        }
        for path in skipped { text += "skipped (binary): \(path)\n" }
        return text
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// Lines and byte columns of offsets, counted window by window.
struct LineTracker {
    private var position = 0
    private var line = 1
    private var lineStart = 0

    /// The line and column (both from 1) of `offset`, which is not before the last one asked.
    mutating func position(of offset: Int, in window: StreamingScanner.Window) -> (Int, Int) {
        if offset > position {
            for index in position..<offset where window.bytes[index - window.offset] == 10 {
                line += 1
                lineStart = index + 1
            }
            position = offset
        }
        return (line, offset - lineStart + 1)
    }
}

/// Standard output, written in large pieces.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ more: [UInt8]) {
        bytes += more
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}

/// A redacted copy being written: a temporary file beside the target, renamed into place once
/// the input is read to its end, so a failed scan leaves no half copy.
struct RedactedCopy {
    var redactor: Redactor
    private let temporary: String
    private let target: String
    private let handle: FileHandle

    init(of path: String, name: String, redaction: FileScan.Redaction) throws {
        switch redaction.target {
        case .file(let file):
            target = file
        case .folder(let folder):
            target = (folder as NSString).appendingPathComponent(name == "-" ? "stdin" : name)
        }
        if path != "-", URL(fileURLWithPath: path).standardizedFileURL == URL(fileURLWithPath: target).standardizedFileURL {
            printError("error: --redact \(target) is the input itself; write the copy elsewhere")
            throw ExitCode(2)
        }
        let directory = (target as NSString).deletingLastPathComponent
        temporary = target + ".registre-partial"
        do {
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        } catch {
            printError("error: --redact: cannot create \(directory): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            printError("error: --redact: cannot write \(temporary)")
            throw ExitCode(2)
        }
        self.handle = handle
        redactor = Redactor(replacement: redaction.replacement) { bytes in try handle.write(contentsOf: bytes) }
    }

    func finish() throws {
        try handle.close()
        _ = try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.moveItem(atPath: temporary, toPath: target)
    }

    func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}

/// A one-line progress bar on standard error, redrawn at most ten times a second.
struct ProgressBar {
    let total: Int?
    private var lastDrawn = ContinuousClock.now
    private let started = ContinuousClock.now

    init(total: Int?) {
        self.total = total
    }

    mutating func advance(to done: Int) {
        let now = ContinuousClock.now
        guard now - lastDrawn >= .milliseconds(100) else { return }
        lastDrawn = now
        let rate = Double(done) / max((now - started).timeInterval, 1e-9) / 1_000_000
        var line = "\r"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int(fraction * 30)
            line += "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
            line += "\(Int(fraction * 100))% of \(total / 1_000_000) MB"
        } else {
            line += "\(done / 1_000_000) MB"
        }
        line += String(format: ", %.0f MB/s ", rate)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 72) + "\r").utf8))
    }
}

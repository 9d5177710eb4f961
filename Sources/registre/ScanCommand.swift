import ArgumentParser
import Foundation
import RegistreCore
import RegistreDiscovery
import RegistreStore

/// `registre scan`: find personal data nobody declared, in files or in a database's columns.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find personal data in files, folders, standard input, or a database's columns.",
        discussion: """
            Files are read as bytes (text, CSV, JSONL, logs); folders are walked, skipping hidden \
            entries and binary files (a NUL byte in the first 8 KB), which the summary lists. `-` \
            reads standard input. Offsets and lengths are in bytes, columns count bytes from 1. \
            Values are not printed unless --values is given. --redact writes a copy with each \
            finding replaced: to a file for one input, into a folder mirroring the inputs for \
            several. With --connection, samples each column of the database instead, classifies \
            it into data categories and, with --datasets, reports drift from what the dataset \
            declares. Exit status: 0 scanned (findings or not; 1 with --fail-on-findings when there \
            are findings, or --connection --datasets when there is drift), 2 unreadable input.
            """
    )

    @Argument(help: "Files or folders to scan; - for standard input.", completion: .file())
    var paths: [String] = []

    @Option(help: "Output: jsonl (one finding per line), table, or summary.")
    var format: Format = .table

    @Option(help: "Only these types, comma-separated: \(PersonalDataType.allCases.map(\.rawValue).joined(separator: ", ")).")
    var types: String?

    @Option(help: "The least confidence a finding needs, from 0 to 1.")
    var minConfidence: Double = 0.5

    @Flag(help: "Print each finding's value (and a phone's E.164 form): personal data on your terminal.")
    var values = false

    @Option(help: "Write a redacted copy to this file (one input) or folder (several inputs, or a folder).")
    var redact: String?

    @Option(help: "What replaces a finding in the redacted copy: mask, tag, or pseudonym (keyed by REGISTRE_SECRET or --key-file).")
    var replacement: ReplacementOption?

    @Option(help: "The key for pseudonyms: a file of at least 32 bytes (else REGISTRE_SECRET).")
    var keyFile: String?

    @Flag(inversion: .prefixedNo, help: "Show a progress bar on standard error (default: when it is a terminal).")
    var progress: Bool?

    @Flag(help: "Exit 1 when anything is found (for CI).")
    var failOnFindings = false

    @OptionGroup var database: ColumnScanOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, table, summary
    }

    enum ReplacementOption: String, ExpressibleByArgument, CaseIterable {
        case mask, tag, pseudonym
    }

    func validate() throws {
        guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be between 0 and 1, not \(minConfidence)") }
        if database.connection == nil {
            guard !paths.isEmpty else { throw ValidationError("give files, folders or - to scan, or --connection for a database") }
            if database.datasets != nil { throw ValidationError("--datasets compares a database with its dataset: give --connection too") }
        } else if !paths.isEmpty {
            throw ValidationError("scan either files (\(paths.joined(separator: " "))) or a database (--connection), not both")
        } else if redact != nil || replacement != nil || failOnFindings || progress != nil {
            throw ValidationError("--redact, --replacement, --fail-on-findings and --progress apply to files, not to --connection")
        }
        if redact == nil, replacement != nil { throw ValidationError("--replacement applies to --redact; give --redact OUT") }
        if redact == "-" { throw ValidationError("--redact needs a file or folder to write, not standard output") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read once") }
    }

    func run() async throws {
        let scanner = PersonalDataScanner(types: try selectedTypes(), minimumConfidence: minConfidence)
        if database.connection != nil {
            let hasProblems = try await database.run(scanner: scanner, format: format, showsValues: values)
            if hasProblems { throw ExitCode(1) }
            return
        }
        var run = FileScan(scanner: scanner, format: format, showsValues: values, showsProgress: progress ?? (isatty(2) == 1))
        if let redact { run.redaction = try makeRedaction(into: redact) }
        try run.scanAll(paths)
        if format == .summary { print(run.summary(), terminator: "") }
        if run.hadUnreadable { throw ExitCode(2) }
        if failOnFindings, run.total > 0 { throw ExitCode(1) }
    }

    private func selectedTypes() throws -> Set<PersonalDataType> {
        guard let types else { return Set(PersonalDataType.allCases) }
        var selected = Set<PersonalDataType>()
        for name in types.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let type = PersonalDataType(rawValue: name) else {
                printError("error: --types: '\(name)' is not a type; known: \(PersonalDataType.allCases.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(2)
            }
            selected.insert(type)
        }
        guard !selected.isEmpty else {
            printError("error: --types names no type")
            throw ExitCode(2)
        }
        return selected
    }

    private func makeRedaction(into path: String) throws -> FileScan.Redaction {
        let into = paths.count == 1 && paths[0] != "-" && FileScan.isDirectory(paths[0]) || paths.count > 1 ? FileScan.Redaction.Target.folder(path) : .file(path)
        switch replacement ?? .tag {
        case .mask: return FileScan.Redaction(target: into, replacement: .mask)
        case .tag: return FileScan.Redaction(target: into, replacement: .tag)
        case .pseudonym:
            let secret: Data
            do {
                if let keyFile {
                    guard let data = FileManager.default.contents(atPath: keyFile), data.count >= 32 else {
                        printError("error: --key-file \(keyFile): cannot read 32 bytes from it")
                        throw ExitCode(2)
                    }
                    secret = data
                } else {
                    secret = try KeyedHasher.loadSecret(environment: ProcessInfo.processInfo.environment, keyFile: nil)
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                printError("error: pseudonyms need a key: \(error)")
                throw ExitCode(2)
            }
            let hasher = try KeyedHasher(secret: secret)
            return FileScan.Redaction(target: into, replacement: .pseudonym { type, value in
                let hash = hasher.hash(String(decoding: value, as: UTF8.self), kind: "scan.\(type.rawValue)")
                return "[\(type.rawValue.uppercased()):\(hash.prefix(12))]"
            })
        }
    }
}

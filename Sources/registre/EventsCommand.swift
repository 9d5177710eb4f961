import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreStore

/// `registre events import|list`: the lifecycle events retention counts from (a contract's
/// end, a last contact, an account deactivated), from the company's exports.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Record the lifecycle events retention periods count from, and list a person's.",
        subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Record events from a CSV file (a header naming identity, kind, occurred_at) or JSON Lines.",
            discussion: """
                identity is type=value (email=jeanne@exemple.fr, customer_number=C-42); kind one of \
                \(SubjectEvent.kinds.joined(separator: ", ")); occurred_at a date (2026-01-31, midnight in \
                Europe/Paris) or an RFC 3339 date and time with its offset. The whole file is checked before \
                anything is stored; an event already recorded is counted as a duplicate, so a file can be \
                imported again. Prints JSON. Exit status: 0 recorded, 2 bad input (file:line) or an unreachable store.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: "The file, or - for standard input.")
        var file: String

        @Option(help: "csv or jsonl; by default from the file's extension (.csv, .jsonl, .ndjson).")
        var format: String?

        func run() async throws {
            let file = self.file, format = self.format
            try await store.withDesk { _, store, secret in
                let submissions = try Self.read(file, format: format)
                let events = SubjectEvents(store: store, hasher: try KeyedHasher(secret: secret))
                let name = file == "-" ? "stdin" : URL(fileURLWithPath: file).lastPathComponent
                let outcome = try await events.record(submissions, source: "import:\(name)", actor: "cli")
                print(try summaryJSON(["recorded": outcome.recorded, "duplicates": outcome.duplicates, "read": submissions.count]))
            }
        }

        /// The events of `path`, each with its place (`file:line`) for messages.
        static func read(_ path: String, format: String?) throws -> [SubjectEvents.Submission] {
            let data: Data
            do {
                data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw ConnectorError(code: "file-unreadable", message: "cannot read \(path)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ConnectorError(code: "file-invalid", message: "\(path) is not UTF-8 text")
            }
            let kind = format ?? (path.hasSuffix(".csv") ? "csv" : path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") ? "jsonl" : nil)
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            switch kind {
            case "csv": return try csv(lines, path: path)
            case "jsonl": return try jsonLines(lines, path: path)
            default: throw ConnectorError(code: "format-unknown", message: "give --format csv or jsonl for \(path)")
            }
        }

        static func csv(_ lines: [Substring], path: String) throws -> [SubjectEvents.Submission] {
            guard let header = lines.first.map(fields) else { return [] }
            let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let identity = names.firstIndex(of: "identity"), let kind = names.firstIndex(of: "kind"), let occurred = names.firstIndex(of: "occurred_at") else {
                throw ConnectorError(code: "header-invalid", message: "\(path):1: the header must name identity, kind and occurred_at; found \(names.joined(separator: ","))")
            }
            var submissions: [SubjectEvents.Submission] = []
            for (offset, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let place = "\(path):\(offset + 1)"
                let values = fields(line)
                guard values.count == names.count else {
                    throw ConnectorError(code: "line-invalid", message: "\(place): \(values.count) fields where the header has \(names.count)")
                }
                submissions.append(try submission(identity: values[identity], kind: values[kind], occurredAt: values[occurred], place: place))
            }
            return submissions
        }

        static func jsonLines(_ lines: [Substring], path: String) throws -> [SubjectEvents.Submission] {
            var submissions: [SubjectEvents.Submission] = []
            for (offset, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let place = "\(path):\(offset + 1)"
                guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                    throw ConnectorError(code: "line-invalid", message: "\(place): not a JSON object")
                }
                guard let identity = object["identity"] as? String, let kind = object["kind"] as? String, let occurred = object["occurred_at"] as? String else {
                    throw ConnectorError(code: "line-invalid", message: "\(place): an event is {\"identity\": \"type=value\", \"kind\": ..., \"occurred_at\": ...}, all three texts")
                }
                submissions.append(try submission(identity: identity, kind: kind, occurredAt: occurred, place: place))
            }
            return submissions
        }

        static func submission(identity: String, kind: String, occurredAt: String, place: String) throws -> SubjectEvents.Submission {
            do {
                let normalized = try Identity(argument: identity).description
                return SubjectEvents.Submission(identity: normalized, kind: kind.trimmingCharacters(in: .whitespaces), occurredAt: occurredAt, place: place)
            } catch let error as ConnectorError {
                throw ConnectorError(code: error.code, message: "\(place): \(error.message)")
            }
        }

        /// The fields of one CSV line (RFC 4180: quoted fields may hold commas and doubled quotes).
        static func fields(_ line: Substring) -> [String] {
            var fields: [String] = []
            var field = ""
            var quoted = false
            var iterator = line.makeIterator()
            while let character = iterator.next() {
                if quoted {
                    if character == "\"" {
                        if let next = iterator.next() {
                            if next == "\"" { field.append("\"") } else { quoted = false; if next == "," { fields.append(field); field = "" } else { field.append(next) } }
                        } else { quoted = false }
                    } else { field.append(character) }
                } else if character == "\"", field.isEmpty {
                    quoted = true
                } else if character == "," {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            return fields
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a person's lifecycle events, oldest first.")

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("identity"), help: "type=value, such as customer_number=C-42; repeatable.")
        var identities: [String] = []

        func run() async throws {
            try await store.withDesk { _, store, secret in
                guard !identities.isEmpty else { throw ConnectorError(code: "identity-missing", message: "give at least one --identity type=value") }
                let normalized = try identities.map { try Identity(argument: $0).description }
                let found = try await SubjectEvents(store: store, hasher: try KeyedHasher(secret: secret)).events(of: normalized)
                print(try summaryJSON(["events": found.map(\.summary)]))
            }
        }
    }
}

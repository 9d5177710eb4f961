import ArgumentParser
import Foundation
import Logging
import RegistreConnectors
import RegistreCore

/// `registre request ...`: data subject requests. For now the one-step form of access, for
/// scripts: every row of a person, found from the identities they gave.
struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Answer data subject requests against the company's databases.",
        subcommands: [Access.self]
    )

    struct Access: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "access",
            abstract: "Find every row of a person (Art. 15) and write it as JSON, one file per collection.",
            discussion: """
                Follows the dataset's references from the identities given, in both directions where \
                the dataset does not say, a batch of values per query. Prints a JSON summary; exits 0 \
                when the search completed (even with no data), 2 on bad input or an unreachable database.
                """
        )

        @Option(name: .customLong("identity"), help: "type=value, such as email=jeanne@exemple.fr or phone_number=0612345678; repeatable.")
        var identities: [String] = []

        @Option(help: "The Fides dataset file describing the database.")
        var datasets: String

        @Option(help: "The database: sqlite:PATH or a file path, postgres://user@host:port/db (password from PGPASSWORD), or env:NAME for a URL in an environment variable.")
        var connection: String

        @Option(help: "The folder to write the rows into (created if needed).")
        var out: String

        func run() async throws {
            do {
                guard !identities.isEmpty else { throw ConnectorError(code: "identity-missing", message: "give at least one --identity type=value") }
                let identities = try self.identities.map(Identity.init(argument:))
                let loaded = try DatasetLoader.load(contentsOf: datasets)
                for finding in loaded.findings { printError(finding.description) }
                guard let all = loaded.datasets, all.count == 1, let dataset = all.first else {
                    throw ConnectorError(code: "dataset-invalid", message: loaded.datasets == nil ? "\(datasets) has errors (above)" : "\(datasets) must hold exactly one dataset")
                }
                let location = try ConnectionLocation(connection)
                var logger = Logger(label: "registre")
                logger.logLevel = .error
                let found = try await location.withConnector(logger: logger) { connector in
                    try await SubjectFinder(dataset: dataset, connector: connector).find(identities)
                }
                try write(found, dataset: dataset)
            } catch let error as ConnectorError {
                printError("error: \(error)")
                throw ExitCode(2)
            } catch let error as PolicyReadError {
                printError(error.description)
                throw ExitCode(2)
            }
        }

        func write(_ found: SubjectRows, dataset: Dataset) throws {
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var counts: [String: Int] = [:]
            for collection in dataset.collections {
                guard let rows = found.rows[collection.name], !rows.isEmpty else { continue }
                counts[collection.name] = rows.count
                let objects = rows.map { row in
                    Dictionary(uniqueKeysWithValues: zip(row.columns, row.values).map { ($0, Self.json($1)) })
                }
                let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                try data.write(to: folder.appendingPathComponent("\(collection.name).json"), options: .atomic)
            }
            let summary: [String: Any] = [
                "status": counts.isEmpty ? "no_data" : "completed",
                "dataset": dataset.key,
                "collections": counts,
                "rows": counts.values.reduce(0, +),
                "queries": found.queries,
                "out": folder.path,
            ]
            let text = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: text, as: UTF8.self))
        }

        static func json(_ value: SQLValue) -> Any {
            switch value {
            case .null: NSNull()
            case .integer(let number): number
            case .real(let number): number
            case .text(let text): text
            case .blob: value.jsonText ?? ""
            }
        }
    }
}

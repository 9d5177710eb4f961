import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore

/// `registre datasets ...`: dataset files, the map of where the company's personal data lives.
struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Check dataset files against the databases they describe.",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Hold a dataset file against its database before requests depend on it.",
            discussion: """
                Errors: a table or column the database lacks, a reference to a field the dataset does \
                not describe, a collection with personal data that no identity reaches, a personal \
                table without a primary key, a personal field erasure cannot mask (NULL into NOT NULL, \
                a hash into a short column, a primary-key column), an activity the policy lacks. \
                Warnings: a searched column without an index, declared types that disagree with the \
                database's. Exit status: 0 no errors, 1 errors found, 2 unreadable input or database.
                """
        )

        @Argument(help: "The Fides dataset file.", completion: .file(extensions: ["yaml", "yml"]))
        var datasets: String

        @Option(help: "The database: sqlite:PATH or a file path, postgres://user@host:port/db (password from PGPASSWORD), or env:NAME for a URL in an environment variable.")
        var connection: String

        @Option(help: "A policy file: check that registre.activities names its processing activities.")
        var policy: String?

        @Option(help: "Output format: text, json or sarif.")
        var format: CheckCommand.Format = .text

        func run() async throws {
            let report = try await SubjectOptions.exitingOnBadInput { try await check() }
            let text = switch format {
            case .text: report.text()
            case .json: report.json()
            case .sarif: report.sarif(rules: DatasetCheck.rules)
            }
            print(text, terminator: "")
            if report.hasErrors { throw ExitCode(1) }
        }

        func check() async throws -> LintReport {
            let loaded = try DatasetLoader.load(contentsOf: datasets)
            guard let all = loaded.datasets else { return LintReport(file: datasets, findings: loaded.findings) }
            let activities = try policy.map { Set(try SubjectOptions.policy($0).activities.map(\.id)) }
            let findings = try await SubjectOptions.withConnector(connection) { connector in
                var findings = loaded.findings
                for dataset in all {
                    findings += try await DatasetCheck(dataset: dataset, connector: connector, activities: activities).run()
                }
                return findings
            }
            return LintReport(file: datasets, findings: findings.sorted(by: Finding.inFileOrder))
        }
    }
}

import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreDiscovery

/// `registre check POLICY`: loads a policy file and lints it against the GDPR and the CNIL's
/// rules; with `--datasets` and `--connection`, adds the drift between a dataset file and the
/// database it describes.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint a policy file against the GDPR and the CNIL's rules.",
        discussion: """
            With --datasets and --connection, also samples the database's columns and reports, located in \
            the dataset file, its drift: personal data in a table or column the dataset does not declare \
            or declares under another category (errors), declared categories no sampled value shows \
            (warnings). Exit status: 0 no errors, 1 errors found, 2 the input or the database could not \
            be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Argument(help: "The policy file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var policy: String

    @Option(help: "Output format: text, json or sarif.")
    var format: Format = .text

    @Option(help: "The date to check against (YYYY-MM-DD), for statements that age. Default: today.")
    var today: String?

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "With --connection: a dataset file whose drift from the database is reported too.", completion: .file(extensions: ["yaml", "yml"]))
    var datasets: String?

    @Option(help: "With --datasets: the database it describes: sqlite:PATH or a file path, postgres://user@host:port/db, or env:NAME.")
    var connection: String?

    func validate() throws {
        if (datasets == nil) != (connection == nil) {
            throw ValidationError("--datasets and --connection go together: the drift report holds the dataset against its database")
        }
    }

    func run() async throws {
        let date = try checkDate(today)
        var report: LintReport
        do {
            report = try Linter.check(contentsOf: policy, today: date)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        if let datasets, let connection {
            let scan = ColumnScan(connection: connection, datasetsPath: datasets, sampleSize: ColumnScan.defaultSampleSize, classifier: ColumnClassifier())
            let outcome = try await SubjectOptions.exitingOnBadInput { try await scan.run() }
            report.findings += (outcome.datasetFindings + (outcome.drift?.findings() ?? [])).sorted(by: Finding.inFileOrder)
        }
        let text = switch format {
        case .text: report.text()
        case .json: report.json()
        case .sarif: report.sarif(rules: DatasetCheck.rules + DriftReport.rules)
        }
        try emit(text, to: output)
        if report.hasErrors { throw ExitCode(1) }
    }
}

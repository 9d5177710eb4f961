import ArgumentParser
import Foundation
import RegistreCore

/// `registre check POLICY`: loads a policy file and lints it against the GDPR and the CNIL's rules.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint a policy file against the GDPR and the CNIL's rules.",
        discussion: "Exit status: 0 no errors, 1 errors found, 2 the input could not be read."
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

    func run() throws {
        let date = try checkDate(today)
        let report: LintReport
        do {
            report = try Linter.check(contentsOf: policy, today: date)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let text = switch format {
        case .text: report.text()
        case .json: report.json()
        case .sarif: report.sarif()
        }
        try emit(text, to: output)
        if report.hasErrors { throw ExitCode(1) }
    }
}

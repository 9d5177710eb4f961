import ArgumentParser
import RegistreCore

/// `registre rules`: every lint rule, with its severity and the text it rests on.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint rules of registre check, with their severity and legal reference."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    @Option(help: "Output format: text or markdown.")
    var format: Format = .text

    func run() throws {
        var lines: [String] = []
        switch format {
        case .text:
            for rule in Linter.rules {
                lines.append("\(rule.id) [\(rule.severity)] \(rule.summary) (\(rule.reference))")
            }
        case .markdown:
            lines.append("| Rule | Severity | What it asks | Rests on |")
            lines.append("|---|---|---|---|")
            for rule in Linter.rules {
                lines.append("| `\(rule.id)` | \(rule.severity) | \(rule.summary) | \(rule.reference) |")
            }
        }
        print(lines.joined(separator: "\n"))
    }
}

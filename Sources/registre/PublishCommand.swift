import ArgumentParser
import Foundation
import RegistreCore

/// `registre publish POLICY --out DIR`: every published document of a policy at once, with the
/// check report beside them, for a CI job or a website build.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the notice in every language, the register, the map and the check report into a folder.",
        discussion: "Exit status: 0 published with no lint error, 1 published but the policy has lint errors (see check.txt), 2 unreadable input."
    )

    @OptionGroup var options: PolicyOptions

    @Option(help: "The folder to write into; created when missing.")
    var out: String

    @Option(help: "The date to check against (YYYY-MM-DD). Default: today.")
    var today: String?

    func run() throws {
        let (policy, _) = try options.load()
        let date = try checkDate(today)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            printError("error: cannot create \(out): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        func path(_ name: String) -> String { URL(fileURLWithPath: out).appendingPathComponent(name).path }
        var written: [String] = []
        func write(_ text: String, _ name: String) throws {
            try emit(text, to: path(name))
            written.append(name)
        }
        let notice = NoticeRenderer(policy: policy)
        for language in policy.languages {
            try write(notice.render(language: language, format: .markdown), "notice.\(language).md")
            try write(notice.render(language: language, format: .html), "notice.\(language).html")
        }
        let register = RegisterRenderer(policy: policy)
        let language = policy.languages[0]
        for format in RegisterRenderer.Format.allCases {
            try write(register.render(language: language, format: format), "register.\(format.rawValue)")
        }
        try write(DataFlowMap(policy: policy, language: language).render(format: .svg), "map.svg")
        try write(DataFlowMap(policy: policy, language: language).render(format: .dot), "map.dot")
        let report = LintReport(file: options.policy, findings: Linter.lint(policy, today: date))
        try write(report.text(), "check.txt")
        try write(report.sarif(), "check.sarif")
        print("\(options.policy): wrote \(written.count) files to \(out): \(written.joined(separator: ", "))")
        print("\(report.count(.error)) lint error(s), \(report.count(.warning)) warning(s); see \(path("check.txt"))")
        if report.hasErrors { throw ExitCode(1) }
    }
}

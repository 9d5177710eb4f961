import ArgumentParser
import RegistreCore

/// `registre notice POLICY --lang fr|en --format md|html`: the privacy notice a visitor reads.
struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "Publish the privacy notice (GDPR Art. 13-14) from a policy file."
    )

    @OptionGroup var options: PolicyOptions

    @Option(help: "The language of the notice: one of the policy's languages (default: the prevailing one).")
    var lang: String?

    @Option(help: "Output format: md or html.")
    var format: NoticeRenderer.Format = .markdown

    @Option(name: .shortAndLong, help: "Write the notice to this file instead of standard output.")
    var output: String?

    func run() throws {
        let (policy, _) = try options.load()
        let language = lang ?? policy.languages[0]
        guard policy.languages.contains(language) else {
            throw ValidationError("the policy is published in \(policy.languages.joined(separator: ", ")), not '\(language)'")
        }
        try emit(NoticeRenderer(policy: policy).render(language: language, format: format), to: output)
    }
}

extension NoticeRenderer.Format: ExpressibleByArgument {}

import ArgumentParser
import RegistreCore

/// `registre notice POLICY --lang fr|en --format md|html`: the privacy notice a visitor reads.
struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "Publish the privacy notice (GDPR Art. 13-14) from a policy file."
    )

    @OptionGroup var options: PolicyOptions
    @OptionGroup var document: DocumentOptions

    @Option(help: "Output format: md or html.")
    var format: NoticeRenderer.Format = .markdown

    func run() throws {
        let (policy, _) = try options.load()
        let language = try document.language(of: policy)
        try emit(NoticeRenderer(policy: policy).render(language: language, format: format), to: document.output)
    }
}

extension NoticeRenderer.Format: ExpressibleByArgument {}

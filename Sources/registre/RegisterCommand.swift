import ArgumentParser
import RegistreCore

/// `registre register POLICY --format csv|html|json`: the record of processing activities.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Publish the record of processing activities (GDPR Art. 30(1)) from a policy file."
    )

    @OptionGroup var options: PolicyOptions
    @OptionGroup var document: DocumentOptions

    @Option(help: "Output format: csv, html or json.")
    var format: RegisterRenderer.Format = .csv

    func run() throws {
        let (policy, _) = try options.load()
        let language = try document.language(of: policy)
        try emit(RegisterRenderer(policy: policy).render(language: language, format: format), to: document.output)
    }
}

extension RegisterRenderer.Format: ExpressibleByArgument {}

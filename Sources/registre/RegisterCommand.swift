import ArgumentParser
import RegistreCore

/// `registre register POLICY --format csv|html|json`: the record of processing activities.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Publish the record of processing activities (GDPR Art. 30(1)) from a policy file."
    )

    @OptionGroup var options: PolicyOptions

    @Option(help: "Output format: csv, html or json.")
    var format: RegisterRenderer.Format = .csv

    @Option(help: "The language of the register: one of the policy's languages (default: the prevailing one).")
    var lang: String?

    @Option(name: .shortAndLong, help: "Write the register to this file instead of standard output.")
    var output: String?

    func run() throws {
        let (policy, _) = try options.load()
        let language = lang ?? policy.languages[0]
        guard policy.languages.contains(language) else {
            throw ValidationError("the policy is published in \(policy.languages.joined(separator: ", ")), not '\(language)'")
        }
        try emit(RegisterRenderer(policy: policy).render(language: language, format: format), to: output)
    }
}

extension RegisterRenderer.Format: ExpressibleByArgument {}

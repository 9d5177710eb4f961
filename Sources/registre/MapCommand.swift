import ArgumentParser
import RegistreCore

/// `registre map POLICY --format svg|dot`: a picture of the data flows.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw the data flows: sources -> activities -> recipients -> countries, transfers coloured by safeguard."
    )

    @OptionGroup var options: PolicyOptions

    @Option(help: "Output format: svg or dot (Graphviz).")
    var format: DataFlowMap.Format = .svg

    @Option(help: "The language of the labels (default: the prevailing one).")
    var lang: String?

    @Option(name: .shortAndLong, help: "Write the map to this file instead of standard output.")
    var output: String?

    func run() throws {
        let (policy, _) = try options.load()
        let language = lang ?? policy.languages[0]
        guard policy.languages.contains(language) else {
            throw ValidationError("the policy is published in \(policy.languages.joined(separator: ", ")), not '\(language)'")
        }
        try emit(DataFlowMap(policy: policy, language: language).render(format: format), to: output)
    }
}

extension DataFlowMap.Format: ExpressibleByArgument {}

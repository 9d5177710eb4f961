import ArgumentParser
import RegistreCore

/// `registre map POLICY --format svg|dot`: a picture of the data flows.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw the data flows: sources -> activities -> recipients -> countries, transfers coloured by safeguard."
    )

    @OptionGroup var options: PolicyOptions
    @OptionGroup var document: DocumentOptions

    @Option(help: "Output format: svg or dot (Graphviz).")
    var format: DataFlowMap.Format = .svg

    func run() throws {
        let (policy, _) = try options.load()
        let language = try document.language(of: policy)
        try emit(DataFlowMap(policy: policy, language: language).render(format: format), to: document.output)
    }
}

extension DataFlowMap.Format: ExpressibleByArgument {}

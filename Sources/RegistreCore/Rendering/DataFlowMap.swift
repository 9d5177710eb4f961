/// The data flows of a policy as a graph in four columns, sources -> activities -> recipients ->
/// countries, each transfer coloured by its safeguard; rendered as SVG or Graphviz DOT.
public struct DataFlowMap: Sendable {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        case svg, dot
    }

    struct Node: Hashable {
        var id: String
        var label: String
        var column: Int
        var detail: String
        var isDashed = false
    }

    struct Edge: Hashable {
        var from: String
        var to: String
        /// The safeguard for edges that cross the EEA border; nil inside it.
        var flow: Flow
    }

    /// What an edge carries, which decides its colour.
    enum Flow: Hashable {
        case collection, sharing, insideEEA, unknownLocation
        case transfer(Safeguard?)
    }

    let columns: [[Node]]
    let edges: [Edge]
    let title: String
    let words: Vocabulary

    /// Builds the map of `policy`, with labels in `language`.
    public init(policy: Policy, language: String) {
        let words = Vocabulary(language)
        let fallback = policy.languages.first
        var edges: [Edge] = []
        var sources: [Node] = []
        var activities: [Node] = []
        var recipients: [Node] = []
        var countries: [String: Node] = [:]

        for activity in policy.activities {
            let basis = activity.legalBasis.map { $0.article } ?? words.pick("no legal basis", "sans base légale")
            activities.append(Node(id: "a:" + activity.id, label: activity.name.text(in: language, fallback: fallback), column: 1, detail: basis))
            for source in activity.sources { edges.append(Edge(from: "s:" + source.value, to: "a:" + activity.id, flow: .collection)) }
            for recipient in activity.recipients { edges.append(Edge(from: "a:" + activity.id, to: "r:" + recipient.value, flow: .sharing)) }
            for transfer in activity.transfers { edges.append(Edge(from: "a:" + activity.id, to: "t:" + transfer.value, flow: .sharing)) }
        }
        for source in policy.sources {
            sources.append(Node(id: "s:" + source.id, label: source.name.text(in: language, fallback: fallback), column: 0, detail: words.sourceKind(source.kind)))
        }
        func countryNode(_ code: String) -> String {
            let inside = Country.isInEEA(code)
            countries["c:" + code] = Node(
                id: "c:" + code, label: words.country(code), column: 3,
                detail: inside ? words.pick("EEA", "EEE") : (Country.adequate.contains(code) ? words.pick("adequacy decision", "décision d'adéquation") : words.pick("outside the EEA", "hors EEE")))
            return "c:" + code
        }
        func unknownNode() -> String {
            countries["c:?"] = Node(id: "c:?", label: words.pick("Unspecified country", "Pays non précisé"), column: 3, detail: words.pick("location not stated", "localisation non indiquée"), isDashed: true)
            return "c:?"
        }
        for recipient in policy.recipients {
            recipients.append(Node(id: "r:" + recipient.id, label: recipient.name.text(in: language, fallback: fallback), column: 2, detail: words.recipientKind(recipient.kind)))
            if recipient.countries.isEmpty, let region = recipient.region {
                let id = "c:region:" + region.rawValue
                countries[id] = Node(id: id, label: words.region(region), column: 3, detail: words.pick("no country named", "aucun pays nommé"), isDashed: true)
                edges.append(Edge(from: "r:" + recipient.id, to: id, flow: region.leavesEEA ? .transfer(recipient.safeguard) : .insideEEA))
            } else if recipient.countries.isEmpty, recipient.kind != .internalTeam {
                edges.append(Edge(from: "r:" + recipient.id, to: unknownNode(), flow: recipient.safeguard.map { .transfer($0) } ?? .unknownLocation))
            }
            for country in recipient.countries {
                let flow: Flow = Country.isInEEA(country.value) ? .insideEEA : .transfer(recipient.safeguard ?? (Country.adequate.contains(country.value) ? .adequacy : nil))
                edges.append(Edge(from: "r:" + recipient.id, to: countryNode(country.value), flow: flow))
            }
        }
        for transfer in policy.transfers {
            let label = transfer.description?.text(in: language, fallback: fallback) ?? transfer.id
            let kind = transfer.isOccasional == true ? words.pick("occasional transfer", "transfert ponctuel") : words.pick("transfer", "transfert")
            recipients.append(Node(id: "t:" + transfer.id, label: label, column: 2, detail: kind, isDashed: transfer.isOccasional == true))
            if let recipient = transfer.recipient { edges.append(Edge(from: "r:" + recipient.value, to: "t:" + transfer.id, flow: .sharing)) }
            let targets = transfer.countries.isEmpty ? [unknownNode()] : transfer.countries.map { countryNode($0.value) }
            for target in targets { edges.append(Edge(from: "t:" + transfer.id, to: target, flow: .transfer(transfer.safeguard))) }
        }
        let ids = Set(sources.map(\.id) + activities.map(\.id) + recipients.map(\.id) + countries.keys)
        self.edges = Array(Set(edges.filter { ids.contains($0.from) && ids.contains($0.to) })).sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        self.columns = DataFlowMap.ordered([sources, activities, recipients, Array(countries.values).sorted { $0.label < $1.label }], edges: self.edges)
        self.title = words.pick("Data flows", "Flux de données") + " — " + policy.organization.name
        self.words = words
    }

    /// Orders each column by the mean position of its neighbours in the column before, so that
    /// lines cross less (the barycentre heuristic); the activity column keeps the policy's order.
    static func ordered(_ columns: [[Node]], edges: [Edge]) -> [[Node]] {
        var result = columns
        var position: [String: Double] = [:]
        for (index, node) in result[1].enumerated() { position[node.id] = Double(index) }
        func mean(_ node: Node, neighbours: [String]) -> Double {
            let values = neighbours.compactMap { position[$0] }
            return values.isEmpty ? .infinity : values.reduce(0, +) / Double(values.count)
        }
        result[0].sort { a, b in
            let ma = mean(a, neighbours: edges.filter { $0.from == a.id }.map(\.to))
            let mb = mean(b, neighbours: edges.filter { $0.from == b.id }.map(\.to))
            return ma == mb ? a.label < b.label : ma < mb
        }
        for column in 2...3 {
            result[column].sort { a, b in
                let ma = mean(a, neighbours: edges.filter { $0.to == a.id }.map(\.from))
                let mb = mean(b, neighbours: edges.filter { $0.to == b.id }.map(\.from))
                return ma == mb ? a.label < b.label : ma < mb
            }
            for (index, node) in result[column].enumerated() { position[node.id] = Double(index) }
        }
        return result
    }

    /// The map as `format`.
    public func render(format: Format) -> String {
        switch format {
        case .dot: dot()
        case .svg: svg()
        }
    }

    /// The colour and the legend of an edge.
    func style(_ flow: Flow) -> (color: String, legend: String) {
        switch flow {
        case .collection: ("#8a8f98", words.pick("collection", "collecte"))
        case .sharing: ("#5b7db1", words.pick("disclosure", "communication"))
        case .insideEEA: ("#9aa5b1", words.pick("inside the EEA", "dans l'EEE"))
        case .unknownLocation: ("#b08968", words.pick("location not stated", "localisation non indiquée"))
        case .transfer(let safeguard):
            switch safeguard {
            case .adequacy, .dataPrivacyFramework: ("#2e9e5b", words.safeguard(safeguard))
            case .standardContractualClauses: ("#1f6fd1", words.safeguard(safeguard))
            case .bindingCorporateRules: ("#8a3fd1", words.safeguard(safeguard))
            case .codeOfConduct, .certification: ("#158f8f", words.safeguard(safeguard))
            case .derogation: ("#e07b00", words.safeguard(safeguard))
            case .unspecified: ("#e0a800", words.safeguard(.unspecified))
            case .some(.none), nil: ("#d62828", words.safeguard(nil))
            }
        }
    }
}

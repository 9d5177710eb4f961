/// The keys a policy may use for data categories, data uses and data subjects: the fideslang
/// default taxonomy, built in, plus the keys the policy declares under `taxonomy:`.
public struct Taxonomy: Sendable {
    /// Data categories, such as `user.contact.email`.
    public private(set) var dataCategories: [String: TaxonomyEntry]
    /// Data uses, such as `marketing.communications.email`.
    public private(set) var dataUses: [String: TaxonomyEntry]
    /// Data subjects, such as `customer`.
    public private(set) var dataSubjects: [String: TaxonomyEntry]

    /// The fideslang default taxonomy.
    public static let fideslang: Taxonomy = DefaultTaxonomy.make()

    init(dataCategories: [String: TaxonomyEntry], dataUses: [String: TaxonomyEntry], dataSubjects: [String: TaxonomyEntry]) {
        self.dataCategories = dataCategories
        self.dataUses = dataUses
        self.dataSubjects = dataSubjects
    }

    /// Adds a key the policy declares.
    mutating func add(_ entry: TaxonomyEntry, to kind: TaxonomyKind) {
        switch kind {
        case .dataCategory: dataCategories[entry.key] = entry
        case .dataUse: dataUses[entry.key] = entry
        case .dataSubject: dataSubjects[entry.key] = entry
        }
    }

    /// The entries of one kind.
    public func entries(_ kind: TaxonomyKind) -> [String: TaxonomyEntry] {
        switch kind {
        case .dataCategory: dataCategories
        case .dataUse: dataUses
        case .dataSubject: dataSubjects
        }
    }

    /// True when the data category is a special category of GDPR Art. 9(1), itself or through
    /// its parents.
    public func isSpecialCategory(_ key: String) -> Bool {
        lineage(of: key, in: dataCategories).contains { $0.isSpecialCategory }
    }

    /// True when the data category concerns criminal convictions and offences (GDPR Art. 10).
    public func isCriminalData(_ key: String) -> Bool {
        lineage(of: key, in: dataCategories).contains { $0.isCriminalData }
    }

    /// The readable name of a key in `language`, or the key itself.
    public func name(of key: String, kind: TaxonomyKind, language: String = "en") -> String {
        guard let entry = entries(kind)[key] else { return key }
        return entry.translations[language] ?? entry.name
    }

    private func lineage(of key: String, in entries: [String: TaxonomyEntry]) -> [TaxonomyEntry] {
        var result: [TaxonomyEntry] = []
        var current: String? = key
        var seen: Set<String> = []
        while let next = current, let entry = entries[next], seen.insert(next).inserted {
            result.append(entry)
            current = entry.parent
        }
        return result
    }
}

/// Which list of the taxonomy a key belongs to.
public enum TaxonomyKind: String, Sendable, CaseIterable {
    /// What data: `user.contact.email`.
    case dataCategory = "data category"
    /// What for: `marketing.communications.email`.
    case dataUse = "data use"
    /// About whom: `customer`.
    case dataSubject = "data subject"
}

/// One key of the taxonomy.
public struct TaxonomyEntry: Sendable, Hashable {
    /// The dotted key.
    public var key: String
    /// The parent key, when there is one.
    public var parent: String?
    /// A readable name, in English for the built-in keys.
    public var name: String
    /// What it covers.
    public var description: String
    /// True for a special category of GDPR Art. 9(1).
    public var isSpecialCategory: Bool
    /// True for data on criminal convictions and offences (GDPR Art. 10).
    public var isCriminalData: Bool
    /// The name in other languages, by language code.
    public var translations: [String: String]
}

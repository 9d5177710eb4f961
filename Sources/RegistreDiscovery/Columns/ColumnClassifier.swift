/// One column of a table as read from a database: its name, declared type and sampled values.
public struct ColumnSample: Sendable, Hashable {
    /// The schema the table is in; nil for the connection's default one.
    public var schema: String?
    /// The table.
    public var table: String
    /// The column.
    public var name: String
    /// The type the database declares (`TEXT`, `character varying(255)`, `date`); empty when
    /// an SQLite column declares none.
    public var type: String
    /// The rows read, NULLs included.
    public var rowsSampled: Int
    /// The non-NULL values of those rows, as text.
    public var values: [String]

    /// Creates a sample.
    public init(schema: String? = nil, table: String, name: String, type: String, rowsSampled: Int, values: [String]) {
        self.schema = schema
        self.table = table
        self.name = name
        self.type = type
        self.rowsSampled = rowsSampled
        self.values = values
    }
}

/// A data category a column holds, how sure the classifier is, and why.
public struct ColumnCategory: Sendable, Hashable {
    /// The fideslang data category, such as `user.contact.email`.
    public var key: String
    /// From 0 to 1.
    public var confidence: Double
    /// What it rests on: `name`, `type date`, `values: 47 of 50 e-mail addresses`.
    public var evidence: [String]
    /// A few sampled values that showed it: kept only by a classifier asked to keep them,
    /// since they are personal data.
    public var examples: [String]

    /// Creates a category.
    public init(key: String, confidence: Double, evidence: [String], examples: [String] = []) {
        self.key = key
        self.confidence = confidence
        self.evidence = evidence
        self.examples = examples
    }
}

/// What the classifier says about one column.
public struct ColumnProfile: Sendable, Hashable {
    /// The schema the table is in; nil for the connection's default one.
    public var schema: String?
    /// The table.
    public var table: String
    /// The column.
    public var column: String
    /// The declared type.
    public var type: String
    /// The rows read, NULLs included.
    public var rowsSampled: Int
    /// The non-empty values checked.
    public var valuesChecked: Int
    /// The categories at or above the classifier's least confidence, the surest first; empty
    /// for a column that holds no personal data (an id, an amount, a status).
    public var categories: [ColumnCategory]
    /// Every value check made, by category: the one the name suggested and those declared.
    public var checks: [String: ValueCheck]

    /// `schema.table.column`, or `table.column` in the default schema.
    public var qualifiedName: String { [schema, table, column].compactMap { $0 }.joined(separator: ".") }

    /// `schema.table`, or `table` in the default schema.
    public var qualifiedTable: String { [schema, table].compactMap { $0 }.joined(separator: ".") }
}

/// Classifies a database's columns into fideslang data categories from their names (French
/// and English), declared types and sampled values, with a confidence.
///
/// Names give the categories values cannot show (a name, a gender, a password hash); values
/// confirm or contradict what the name says (a column `email` holding no e-mail address is
/// most likely something else) and find personal data under names that say nothing (`notes`
/// full of phone numbers). Values are read through ``PersonalDataScanner``, with the words a form
/// would print before them where a bare value proves nothing (`date de naissance :`).
public struct ColumnClassifier: Sendable {
    /// The detectors run over values; only its types are checked.
    public var scanner: PersonalDataScanner
    /// Categories below this confidence are left out.
    public var minimumConfidence: Double
    /// Whether a few matching values are kept with each category (for `--values`).
    public var keepsExamples: Bool

    /// The categories values can prove absent: a declared one that no sampled value looks like
    /// is reported by ``DriftReport``. Names, streets and company numbers have no shape strict
    /// enough for that.
    public static let valueCheckedCategories: [String] = ValueSpec.byCategory.values.filter(\.isStrict).map(\.category).sorted()

    /// - Parameters:
    ///   - scanner: the detectors for values; every type by default.
    ///   - minimumConfidence: the least confidence a category needs; the scanner's by default.
    ///   - keepsExamples: whether to keep a few matching values with each category.
    public init(scanner: PersonalDataScanner = PersonalDataScanner(), minimumConfidence: Double? = nil, keepsExamples: Bool = false) {
        self.scanner = scanner
        self.minimumConfidence = minimumConfidence ?? scanner.minimumConfidence
        self.keepsExamples = keepsExamples
    }

    /// Classifies the columns of one table together: a vague name (`nom`, `city`) counts when
    /// the table's name or another of its columns (an e-mail address, a last name) shows the
    /// rows are about people.
    /// - Parameters:
    ///   - columns: the table's columns, all from the same table.
    ///   - declared: the categories a dataset declares for each column, by column name: each
    ///     that values can check is checked, so that one never found can be reported.
    public func classify(_ columns: [ColumnSample], declared: [String: [String]] = [:]) -> [ColumnProfile] {
        let drafts = columns.map(draft)
        let tableIsAboutPeople = columns.first.map { ColumnVocabulary.isAboutPeople(table: $0.table) } ?? false
        let aboutPeople = tableIsAboutPeople || drafts.contains(where: \.isDirectIdentifier)
        return drafts.map { profile($0, aboutPeople: aboutPeople, declared: declared[$0.sample.name] ?? []) }
    }

    /// Classifies one column on its own; `aboutPeople` says whether its table is about people.
    public func classify(_ column: ColumnSample, declared: [String] = [], aboutPeople: Bool = false) -> ColumnProfile {
        let draft = draft(column)
        return profile(draft, aboutPeople: aboutPeople || ColumnVocabulary.isAboutPeople(table: column.table), declared: declared)
    }

    /// A column read once: what its name matches and what its values hold.
    private struct Draft {
        var sample: ColumnSample
        var storage: DeclaredStorage
        var match: ColumnVocabulary.Match?
        var statistics: ValueStatistics?
        var nameCheck: (check: ValueCheck, examples: [String])?

        /// True when the column names or holds something that points at one person (an e-mail
        /// address, a last name, a social security number): its table is about people.
        var isDirectIdentifier: Bool {
            if let match, !match.rule.needsPeople, ColumnClassifier.directIdentifiers.contains(match.rule.category),
                nameCheck.map({ !$0.check.isStrict || $0.check.checked == 0 || $0.check.ratio >= 0.5 }) ?? true {
                return true
            }
            guard let statistics, statistics.checked > 0 else { return false }
            return ["user.contact.email", "user.contact.phone_number", "user.government_id.national_identification_number"].contains {
                Double(statistics.tallies[$0]?.whole ?? 0) >= 0.8 * Double(statistics.checked)
            }
        }
    }

    static let directIdentifiers: Set<String> = [
        "user.contact.email", "user.contact.phone_number", "user.name", "user.name.first", "user.name.last", "user.contact.address",
        "user.government_id.national_identification_number", "user.financial.bank_account", "user.demographic.date_of_birth",
        "user.government_id.passport_number",
    ]

    private func draft(_ sample: ColumnSample) -> Draft {
        let storage = DeclaredStorage(sample.type)
        let match = ColumnVocabulary.match(ColumnVocabulary.words(of: sample.name))
        // A binary column's bytes are not text to read; PostgreSQL writes an inet host with its
        // prefix length (`10.0.0.1/32`), which is no part of the address.
        let values = storage == .network ? sample.values.map { $0.split(separator: "/").first.map(String.init) ?? $0 } : sample.values
        let statistics = storage == .binary ? nil : ValueStatistics(values: values, scanner: scanner, keepsExamples: keepsExamples)
        let nameCheck = match.flatMap { ValueSpec.byCategory[$0.rule.category] }.flatMap { spec in statistics?.check(spec) }
        return Draft(sample: sample, storage: storage, match: match, statistics: statistics, nameCheck: nameCheck)
    }

    private func profile(_ draft: Draft, aboutPeople: Bool, declared: [String]) -> ColumnProfile {
        var categories: [String: ColumnCategory] = [:]
        var checks: [String: ValueCheck] = [:]
        if let match = draft.match {
            let category = fromName(match, draft: draft, aboutPeople: aboutPeople)
            categories[category.key] = category
            if let check = draft.nameCheck?.check { checks[check.category] = check }
        }
        if let statistics = draft.statistics {
            for key in declared where checks[key] == nil {
                if let spec = ValueSpec.byCategory[key], let check = statistics.check(spec)?.check { checks[key] = check }
            }
            for (key, tally) in statistics.tallies.sorted(by: { $0.key < $1.key }) {
                guard let category = fromValues(key, tally, checked: statistics.checked, storage: draft.storage) else { continue }
                // What the name said, values included, stands unless values alone say more (a
                // column `email` of `Name <address>` values holds e-mail addresses all the same).
                let named = categories.values.filter { Self.isRelated($0.key, key) }.map(\.confidence).max() ?? 0
                if category.confidence > named { categories[key] = category }
            }
        }
        let kept = categories.values.filter { $0.confidence >= minimumConfidence }
            .sorted { ($0.confidence, $1.key) > ($1.confidence, $0.key) }
        return ColumnProfile(
            schema: draft.sample.schema, table: draft.sample.table, column: draft.sample.name, type: draft.sample.type,
            rowsSampled: draft.sample.rowsSampled, valuesChecked: draft.statistics?.checked ?? 0, categories: kept, checks: checks)
    }

    /// The category the name gives, weighed by the table, the declared type and the values.
    private func fromName(_ match: ColumnVocabulary.Match, draft: Draft, aboutPeople: Bool) -> ColumnCategory {
        let rule = match.rule
        var confidence = rule.confidence
        var evidence = ["name"]
        let lacksPeople = rule.needsPeople && !match.namesPerson && !aboutPeople
        if lacksPeople {
            confidence *= 0.5
            evidence = ["name, in a table that does not look like it is about people"]
        }
        switch draft.storage.fit(rule.storage, category: rule.category) {
        case .fits: break
        case .confirms:
            confidence = min(0.95, confidence + 0.1)
            evidence.append("type \(draft.sample.type)")
        case .contradicts:
            confidence *= 0.5
            evidence.append("type \(draft.sample.type) does not fit")
        }
        var examples: [String] = []
        if let (check, matching) = draft.nameCheck {
            evidence.append(check.checked == 0 ? "values: none in \(draft.sample.rowsSampled) sampled rows" : check.evidence)
            if check.checked > 0 {
                let ratio = check.ratio
                if ratio >= 0.5, check.isStrict {
                    // Name and values agree: both would have to be wrong.
                    confidence = 1 - (1 - confidence) * (1 - (0.5 + 0.45 * ratio))
                } else if ratio >= 0.5, !lacksPeople {
                    // A capitalised word passes for a name, a number and a street word for an
                    // address: a weaker confirmation, and none where the table is not about people.
                    confidence = 1 - (1 - confidence) * (1 - 0.5 * ratio)
                } else if check.isStrict {
                    // The values say otherwise, the fewer matching the louder.
                    confidence *= 0.3 + 1.4 * ratio
                }
            }
            examples = matching
        }
        return ColumnCategory(key: rule.category, confidence: Self.rounded(confidence), evidence: evidence, examples: examples)
    }

    /// The category values give by themselves: most values are one (an e-mail column under
    /// any name), or, in free text, some values hold one.
    private func fromValues(_ key: String, _ tally: ValueStatistics.Tally, checked: Int, storage: DeclaredStorage) -> ColumnCategory? {
        guard checked > 0 else { return nil }
        let noun = ValueSpec.byCategory[key]?.noun ?? key
        let whole = Double(tally.whole) / Double(checked)
        if whole >= 0.5 {
            return ColumnCategory(
                key: key, confidence: Self.rounded(tally.meanConfidence * (0.55 + 0.45 * whole)),
                evidence: ["values: \(tally.whole) of \(checked) \(noun)"], examples: tally.examples)
        }
        guard storage.holdsText else { return nil }
        let share = Double(tally.containing) / Double(checked)
        // One value holding an e-mail address is personal data in the column; many make it sure.
        let weight = 0.6 + 0.35 * min(1, max(3 * share, Double(tally.containing) / 20))
        return ColumnCategory(
            key: key, confidence: Self.rounded(tally.meanConfidence * weight),
            evidence: ["values: \(tally.containing) of \(checked) contain \(noun)"], examples: tally.examples)
    }

    /// True when one key is the other or an ancestor of it (`user.name`, `user.name.last`).
    static func isRelated(_ a: String, _ b: String) -> Bool {
        a == b || a.hasPrefix(b + ".") || b.hasPrefix(a + ".")
    }

    /// A confidence to two decimals, never quite certain.
    static func rounded(_ value: Double) -> Double {
        (min(0.99, max(0, value)) * 100).rounded() / 100
    }
}

/// What a column's declared type says it stores.
enum DeclaredStorage: Sendable {
    case text, number, date, boolean, binary, network, json, unknown

    init(_ type: String) {
        let type = type.lowercased()
        if type.isEmpty {
            self = .unknown
        } else if type.contains("bool") {
            self = .boolean
        } else if ["bytea", "blob", "binary"].contains(where: type.contains) {
            self = .binary
        } else if type == "inet" || type == "cidr" || type.hasPrefix("macaddr") {
            self = .network
        } else if type.contains("json") {
            self = .json
        } else if ["char", "text", "clob", "string"].contains(where: type.contains) {
            self = .text
        } else if type.contains("date") || type.contains("time") {
            self = .date
        } else if ["int", "num", "dec", "real", "double", "float", "money", "serial"].contains(where: type.contains) {
            self = .number
        } else {
            self = .unknown
        }
    }

    /// True when values may be free text, where personal data hides inside longer values.
    var holdsText: Bool { self == .text || self == .json || self == .unknown }

    /// How the type bears on a rule.
    enum Fit { case fits, confirms, contradicts }

    /// Whether this storage suits a rule expecting `expected` for `category`.
    func fit(_ expected: ColumnVocabulary.Storage, category: String) -> Fit {
        if self == .boolean { return .contradicts }
        if self == .date, category == "user.demographic.date_of_birth" { return .confirms }
        if self == .network, category == "user.device.ip_address" { return .confirms }
        switch expected {
        case .any: return .fits
        case .text: return [.number, .date, .binary].contains(self) ? .contradicts : .fits
        case .date: return [.number, .binary, .network].contains(self) ? .contradicts : .fits
        case .number: return [.date, .binary, .network].contains(self) ? .contradicts : .fits
        }
    }
}

import Foundation
import RegistreCore

/// One difference between what a dataset declares about a column and what a column scan found
/// in it.
public struct DriftItem: Sendable, Hashable {
    /// What kind of difference it is; the raw values are the names Registre prints.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Personal data in a table the dataset does not describe at all.
        case tableUndeclared = "table-undeclared"
        /// Personal data in a column its collection does not list.
        case columnUndeclared = "column-undeclared"
        /// Personal data in a column listed with no personal (`user`) category.
        case fieldNotPersonal = "field-not-personal"
        /// A column declared with personal categories holds another one too.
        case categoryUndeclared = "category-undeclared"
        /// A column's values never look like the category declared, but like another one.
        case categoryWrong = "category-wrong"
        /// A declared category values can show, that none of the sampled values shows (or the
        /// column is empty).
        case categoryNotFound = "category-not-found"
    }

    /// The kind.
    public var kind: Kind
    /// The table's schema; nil for the connection's default one.
    public var schema: String?
    /// The table.
    public var table: String
    /// The column.
    public var column: String
    /// The categories the dataset declares for the column (empty when it does not list it).
    public var declared: [String]
    /// The categories found, surest first (empty for a category not found).
    public var found: [String]
    /// How sure the scan is of the difference, from 0 to 1.
    public var confidence: Double
    /// What it rests on: the name, the type, value counts.
    public var evidence: [String]
    /// The place in the dataset file: the field, else its collection, else the dataset.
    public var location: SourceLocation

    /// `schema.table.column`, or `table.column` in the default schema.
    public var qualifiedName: String { [schema, table, column].compactMap { $0 }.joined(separator: ".") }

    /// What differs, in a sentence: names and categories, never a value.
    public var message: String {
        let because = "(\(String(format: "%.2f", confidence)); \(evidence.joined(separator: "; ")))"
        let foundList = found.joined(separator: ", ")
        switch kind {
        case .tableUndeclared:
            let table = [schema, self.table].compactMap { $0 }.joined(separator: ".")
            return "table \(table) is not in the dataset, yet its column \(column) holds \(foundList) \(because)"
        case .columnUndeclared:
            return "column \(qualifiedName) is not in the dataset, yet holds \(foundList) \(because)"
        case .fieldNotPersonal:
            let declaredList = declared.isEmpty ? "no data category" : "only \(declared.joined(separator: ", "))"
            return "\(qualifiedName) is declared with \(declaredList), yet holds \(foundList) \(because)"
        case .categoryUndeclared:
            return "\(qualifiedName) is declared \(declared.joined(separator: ", ")), yet also holds \(foundList) \(because)"
        case .categoryWrong:
            return "\(qualifiedName) is declared \(declared.joined(separator: ", ")), but holds \(foundList) \(because)"
        case .categoryNotFound:
            return "\(qualifiedName) is declared \(declared.joined(separator: ", ")), but no sampled value shows it \(because)"
        }
    }
}

/// The drift between the datasets describing a database and a scan of its columns: personal
/// data nobody declared, categories declared under the wrong key, categories declared that
/// are not there. An Article 30 register built from a dataset that drifted is wrong.
public struct DriftReport: Sendable {
    /// The differences, in the order of the profiles compared.
    public var items: [DriftItem]

    /// The text the differences rest on, for ``findings()``: the register names the categories of personal data.
    public static let reference = "GDPR Art. 30(1)(c)"

    /// The rules drift findings name (`drift-KIND`), for reports that describe their rules.
    public static let rules: [RuleDescription] = DriftItem.Kind.allCases.map { kind in
        let summary = switch kind {
        case .tableUndeclared: "Personal data is found in a table the datasets do not describe."
        case .columnUndeclared: "Personal data is found in a column its collection does not list."
        case .fieldNotPersonal: "Personal data is found in a column the datasets list without a personal data category."
        case .categoryUndeclared: "A column holds a category of personal data besides those declared for it."
        case .categoryWrong: "A column's values never look like the category declared, but like another one."
        case .categoryNotFound: "None of the sampled values of a column shows the category declared for it."
        }
        return RuleDescription(id: "drift-" + kind.rawValue, severity: kind == .categoryNotFound ? .warning : .error, summary: summary, reference: reference)
    }

    /// Compares the profiles of a scan with the datasets describing the database.
    /// - Parameters:
    ///   - profiles: the scanned columns, their tables named as the datasets name them (no
    ///     schema for the connection's default one).
    ///   - datasets: the datasets; a collection belongs to the table of its dataset's schema.
    ///   - minimumConfidence: categories not found below this confidence are left out.
    public init(comparing profiles: [ColumnProfile], with datasets: [Dataset], minimumConfidence: Double = 0.5) {
        items = profiles.flatMap { Self.items(for: $0, datasets: datasets) }.filter { $0.confidence >= minimumConfidence }
    }

    /// True when the scan found what the datasets declare, and nothing else.
    public var isEmpty: Bool { items.isEmpty }

    /// The items as `registre check` findings: errors where personal data is undeclared or
    /// declared under the wrong category, warnings for categories not found.
    public func findings() -> [Finding] {
        items.map { item in
            Finding(
                ruleID: "drift-" + item.kind.rawValue, severity: item.kind == .categoryNotFound ? .warning : .error, message: item.message,
                location: item.location, reference: Self.reference)
        }
    }

    private static func items(for profile: ColumnProfile, datasets: [Dataset]) -> [DriftItem] {
        let found = profile.categories.filter { isPersonal($0.key) }
        func item(_ kind: DriftItem.Kind, declared: [String], found: [ColumnCategory], at location: SourceLocation) -> DriftItem {
            DriftItem(
                kind: kind, schema: profile.schema, table: profile.table, column: profile.column, declared: declared, found: found.map(\.key),
                confidence: found.map(\.confidence).max() ?? 0, evidence: Array(found.flatMap(\.evidence).uniqued()), location: location)
        }
        let owner = datasets.first { $0.schema == profile.schema && $0.collection(profile.table) != nil }
        guard let owner, let collection = owner.collection(profile.table) else {
            guard !found.isEmpty, let dataset = datasets.first(where: { $0.schema == profile.schema }) ?? datasets.first else { return [] }
            return [item(.tableUndeclared, declared: [], found: found, at: dataset.location)]
        }
        guard let field = collection.field(profile.column) else {
            return found.isEmpty ? [] : [item(.columnUndeclared, declared: [], found: found, at: collection.location)]
        }
        let declared = Array(categories(of: field).uniqued())
        let personal = declared.filter(isPersonal)
        if personal.isEmpty {
            return found.isEmpty ? [] : [item(.fieldNotPersonal, declared: declared, found: found, at: field.location)]
        }
        let uncovered = found.filter { category in !personal.contains { ColumnClassifier.isRelated($0, category.key) } }
        // A category values can show, that they do not: the column is empty, or under three in
        // ten values are one and none holds one inside free text. Only the column's own: a
        // nested field's value is somewhere inside a document.
        let missing = Array(field.dataCategories.uniqued()).filter(isPersonal).compactMap { profile.checks[$0] }.filter { check in
            check.isStrict && (check.checked == 0 || check.ratio < 0.3 && !found.contains { ColumnClassifier.isRelated($0.key, check.category) })
        }
        if !uncovered.isEmpty, !missing.isEmpty {
            var wrong = item(.categoryWrong, declared: personal, found: uncovered, at: field.location)
            wrong.evidence = Array((wrong.evidence + missing.map(\.evidence)).uniqued())
            return [wrong]
        }
        if !uncovered.isEmpty { return [item(.categoryUndeclared, declared: personal, found: uncovered, at: field.location)] }
        return missing.map { check in
            let evidence = check.checked == 0 ? "values: none in \(profile.rowsSampled) sampled rows" : check.evidence
            // Surer with more values checked; an empty sample is as sure as twenty values.
            let size = check.checked == 0 ? (profile.rowsSampled == 0 ? 0 : 1) : min(1, Double(check.checked) / 20)
            let confidence = ColumnClassifier.rounded((1 - check.ratio) * (0.6 + 0.35 * size))
            return DriftItem(
                kind: .categoryNotFound, schema: profile.schema, table: profile.table, column: profile.column, declared: [check.category], found: [],
                confidence: confidence, evidence: [evidence, "checked by values: \(check.noun)"], location: field.location)
        }
    }

    /// A field's categories and those of the fields nested in it (a JSON column's keys).
    private static func categories(of field: DatasetField) -> [String] {
        field.dataCategories + field.fields.flatMap(categories)
    }

    private static func isPersonal(_ key: String) -> Bool {
        key == "user" || key.hasPrefix("user.")
    }
}

extension Sequence where Element: Hashable {
    /// The elements in order, each once.
    fileprivate func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}

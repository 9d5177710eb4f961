import Foundation
import RegistreCore

/// Rectification (Art. 16) of one person's rows in one dataset: the values given replace the
/// ones held, in the person's own rows only, in one transaction; then every changed row is read
/// back and a field not holding its new value fails the request.
public struct Rectifier: Sendable {
    /// One correction: a field of a collection and its right value, as `--set` gives it.
    public struct Correction: Sendable, Hashable {
        public var collection: String
        public var field: String
        public var value: String

        /// Reads `COLLECTION.FIELD=VALUE`.
        public init(argument: String) throws(ConnectorError) {
            guard let equals = argument.firstIndex(of: "="), let dot = argument[..<equals].firstIndex(of: ".") else {
                throw ConnectorError(code: "correction-invalid", message: "--set \(argument): write COLLECTION.FIELD=VALUE, such as customer.phone=0612345678")
            }
            collection = String(argument[..<dot])
            field = String(argument[argument.index(after: dot)..<equals])
            value = String(argument[argument.index(after: equals)...])
            guard !collection.isEmpty, !field.isEmpty else {
                throw ConnectorError(code: "correction-invalid", message: "--set \(argument): write COLLECTION.FIELD=VALUE, such as customer.phone=0612345678")
            }
        }
    }

    /// What happened in one collection.
    public struct CollectionResult: Sendable, Hashable {
        /// The person's rows changed.
        public var rows: Int
        /// Rows that already held the right values.
        public var unchanged: Int
        /// Rows left as they were because they also concern someone else.
        public var shared: Int
        /// The fields corrected.
        public var fields: [String]
    }

    /// The outcome of a rectification.
    public struct Result: Sendable {
        /// `completed`, `partially_completed` (shared rows left, or a collection without rows of
        /// the person), `no_data` or `failed`.
        public var status: String
        public var collections: [String: CollectionResult]
        /// Collections named by a correction where the person has no row of their own.
        public var notFound: [String]
        /// Fields read back without their new value (empty unless `failed`).
        public var failures: [String]
    }

    let dataset: Dataset
    let connector: any Connector

    /// Creates a rectifier.
    public init(dataset: Dataset, connector: any Connector) {
        self.dataset = dataset
        self.connector = connector
    }

    /// Checks `corrections` against the dataset and the database before anything is read:
    /// each names a personal field of a described table that is not a key, a reference or
    /// read-only, and a value its column can hold. Returns the value to write for each.
    func typed(_ corrections: [Correction]) async throws -> [(correction: Correction, value: SQLValue)] {
        var typed: [(Correction, SQLValue)] = []
        for correction in corrections {
            let name = "\(correction.collection).\(correction.field)"
            guard let collection = dataset.collection(correction.collection) else {
                throw ConnectorError(code: "correction-invalid", message: "\(name): the dataset has no collection \(correction.collection)")
            }
            guard let field = collection.field(correction.field) else {
                throw ConnectorError(code: "correction-invalid", message: "\(name): the collection has no field \(correction.field)")
            }
            guard field.isPersonal else {
                throw ConnectorError(code: "correction-invalid", message: "\(name) is not personal data in the dataset (no user.* category); rectification changes personal data only")
            }
            let referenced = dataset.collections.contains { other in
                other.fields.contains { $0.references.contains { $0.collection == collection.name && $0.field == field.name } }
            }
            guard !field.primaryKey, field.references.isEmpty, !referenced else {
                throw ConnectorError(code: "correction-invalid", message: "\(name) is a key linking rows; changing it would break those links")
            }
            guard !field.readOnly else {
                throw ConnectorError(code: "correction-invalid", message: "\(name) is read_only in the dataset")
            }
            let table = TableName(schema: dataset.schema, name: collection.name)
            guard let column = try await connector.describe(table)?.column(field.name) else {
                throw ConnectorError(code: "column-missing", message: "\(name): the database has no such column; run registre datasets check")
            }
            typed.append((correction, try Self.value(correction.value, for: column, name: name)))
        }
        let names = typed.map { "\($0.0.collection).\($0.0.field)" }
        if let twice = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ConnectorError(code: "correction-invalid", message: "\(twice) is given twice")
        }
        return typed
    }

    /// `text` as the value `column` holds: an integer or a number where the column is numeric,
    /// within its declared length where it is text. Other types (dates, booleans) are left to
    /// the database, whose refusal then changes nothing.
    static func value(_ text: String, for column: TableDescription.Column, name: String) throws -> SQLValue {
        if column.isInteger {
            guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                throw ConnectorError(code: "correction-invalid", message: "\(name) holds integers (\(column.type)); '\(text.prefix(40))' is not one")
            }
            return .integer(number)
        }
        if column.isNumeric {
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite else {
                throw ConnectorError(code: "correction-invalid", message: "\(name) holds numbers (\(column.type)); '\(text.prefix(40))' is not one")
            }
            return .real(number)
        }
        if let length = column.maximumLength, text.count > length {
            throw ConnectorError(code: "correction-invalid", message: "\(name) holds at most \(length) characters (\(column.type)); the value has \(text.count)")
        }
        return .text(text)
    }

    /// Corrects the rows of the person `identities` designate; `filters` (same form as the
    /// corrections) keep, in their collection, only the rows whose field holds that value, to
    /// say which of several addresses is wrong.
    public func rectify(_ identities: [Identity], _ corrections: [Correction], only filters: [Correction] = []) async throws -> Result {
        for filter in filters where dataset.collection(filter.collection)?.field(filter.field) == nil {
            throw ConnectorError(code: "correction-invalid", message: "--where \(filter.collection).\(filter.field): the dataset has no such field")
        }
        let typed = try await typed(corrections)
        let found = try await SubjectFinder(dataset: dataset, connector: connector).find(identities)
        guard !found.rows.isEmpty else { return Result(status: "no_data", collections: [:], notFound: [], failures: []) }
        let owned = found.ownership(in: dataset)

        var changes: [RowChange] = []
        var expected: [Expected] = []
        var results: [String: CollectionResult] = [:]
        var notFound: [String] = []
        for (name, group) in Dictionary(grouping: typed, by: \.correction.collection).sorted(by: { $0.key < $1.key }) {
            guard let collection = dataset.collection(name) else { continue }
            let rows = found.rows[name] ?? []
            let own = rows.filter { owned[name]?[SubjectFinder.key(of: $0, in: collection)] ?? true }
            let mine = own.filter { row in
                filters.allSatisfy { $0.collection != name || (row[$0.field] ?? .null).isSame(as: .text($0.value)) }
            }
            guard !mine.isEmpty else {
                notFound.append(name)
                continue
            }
            guard !collection.primaryKey.isEmpty else {
                throw ConnectorError(code: "dataset-invalid", message: "\(name) declares no primary key; run registre datasets check")
            }
            // Several rows holding different values of a field are several facts: which one is
            // wrong is for a person to say, not for the tool to guess.
            for (correction, _) in group where Set(mine.map { $0[correction.field] ?? .null }).count > 1 {
                throw ConnectorError(
                    code: "correction-ambiguous",
                    message: "\(name).\(correction.field): the person has \(mine.count) rows in \(name) holding different values; say which with --where \(name).FIELD=VALUE (its key, for one)")
            }
            var result = CollectionResult(rows: 0, unchanged: 0, shared: rows.count - own.count, fields: group.map(\.correction.field).sorted())
            let table = TableName(schema: dataset.schema, name: name)
            for row in mine {
                let assignments = group.filter { correction, value in !(row[correction.field] ?? .null).isSame(as: value) }
                    .map { RowChange.Assignment(column: $0.correction.field, value: $0.value) }
                guard !assignments.isEmpty else {
                    result.unchanged += 1
                    continue
                }
                let key = collection.primaryKey.map { RowChange.Assignment(column: $0.name, value: row[$0.name] ?? .null) }
                changes.append(RowChange(table: table, key: key, kind: .update(assignments)))
                expected.append(Expected(collection: collection, key: key, values: Dictionary(uniqueKeysWithValues: assignments.map { ($0.column, $0.value) })))
                result.rows += 1
            }
            results[name] = result
        }
        if !changes.isEmpty { try await connector.apply(changes) }

        let failures = try await verify(expected)
        let partial = !notFound.isEmpty || results.values.contains { $0.shared > 0 }
        let status = !failures.isEmpty ? "failed" : partial ? "partially_completed" : "completed"
        return Result(status: status, collections: results, notFound: notFound, failures: failures)
    }

    /// A row changed and the values it must hold now.
    struct Expected {
        var collection: DatasetCollection
        var key: [RowChange.Assignment]
        var values: [String: SQLValue]
    }

    /// Reads every changed row back, a batch of keys per query: a row gone, or a field not
    /// holding its new value (a trigger rewriting it), is a failure.
    func verify(_ expected: [Expected]) async throws -> [String] {
        var failures: [String] = []
        for (_, entries) in Dictionary(grouping: expected, by: \.collection.name).sorted(by: { $0.key < $1.key }) {
            failures += try await connector.readBack(
                entries.map { ReadBack(key: $0.key, expected: .holding($0.values, rowRequired: true)) }, of: entries[0].collection,
                schema: dataset.schema, change: "rectification")
        }
        return failures
    }
}

import Foundation
import RegistreCore

/// An identity a request starts from: its type (as datasets name it in `fides_meta.identity`)
/// and the value the person gave.
public struct Identity: Sendable, Hashable, CustomStringConvertible {
    /// `email`, `phone_number`, `customer_number`...
    public var type: String
    /// The value, normalised with ``normalized(type:value:)``.
    public var value: String

    /// `type=value`, normalised.
    public var description: String { "\(type)=\(value)" }

    /// Parses `type=value`, as the command line gives it.
    public init(argument: String) throws {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw ConnectorError(code: "identity-invalid", message: "an identity is type=value, such as email=jeanne@exemple.fr; found '\(argument.prefix(60))'")
        }
        try self.init(type: String(argument[..<equals]), value: String(argument[argument.index(after: equals)...]))
    }

    /// Creates an identity, normalising the value.
    public init(type: String, value: String) throws {
        self.type = type.trimmingCharacters(in: .whitespaces)
        self.value = try Self.normalized(type: self.type, value: value)
    }

    /// The value as it is compared: trimmed and in Unicode NFC; e-mail addresses lowercased
    /// and phone numbers in E.164 (French national numbers get +33).
    public static func normalized(type: String, value: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !trimmed.isEmpty, trimmed.count <= 320 else {
            throw ConnectorError(code: "identity-invalid", message: "the \(type) identity is empty or longer than 320 characters")
        }
        switch type {
        case "email":
            let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !trimmed.contains(where: \.isWhitespace) else {
                throw ConnectorError(code: "identity-invalid", message: "the email identity is not an e-mail address")
            }
            return trimmed.lowercased()
        case "phone_number", "phone":
            guard let number = PhoneNumber.e164(trimmed) else {
                throw ConnectorError(code: "identity-invalid", message: "the phone identity is not a phone number (French national or international form)")
            }
            return number
        default:
            return trimmed
        }
    }

    /// The values a database may hold for this identity: e-mail addresses are compared without
    /// case, in NFC and NFD; phone numbers in the written forms French databases use.
    var storedForms: [String] {
        switch type {
        case "email":
            return Array(Set([value, value.decomposedStringWithCanonicalMapping])).sorted()
        case "phone_number", "phone":
            return PhoneNumber.writtenForms(ofE164: value)
        default:
            return [value]
        }
    }

    /// True when the database compares this identity without case (e-mail addresses).
    var isCaseInsensitive: Bool { Self.isCaseInsensitive(type: type) }

    /// True when identities of `type` are compared without case: e-mail addresses.
    static func isCaseInsensitive(type: String) -> Bool { type == "email" }
}

/// Phone numbers: E.164 from French national or international writing, and back to the forms
/// people type.
enum PhoneNumber {
    static func e164(_ text: String) -> String? {
        var digits = ""
        var plus = false
        for (index, character) in text.enumerated() {
            if character == "+", index == 0 { plus = true; continue }
            if character.isASCII, character.isNumber { digits.append(character); continue }
            if " .-()/".contains(character) { continue }
            return nil
        }
        if plus { return (8...15).contains(digits.count) ? "+" + digits : nil }
        if digits.hasPrefix("00") { return (10...17).contains(digits.count) ? "+" + digits.dropFirst(2) : nil }
        if digits.count == 10, digits.hasPrefix("0") { return "+33" + digits.dropFirst() }
        return nil
    }

    /// `+33612345678` as `+33612345678`, `0612345678`, `06 12 34 56 78`, `06.12.34.56.78`,
    /// `06-12-34-56-78`, `+33 6 12 34 56 78` and `0033612345678`.
    static func writtenForms(ofE164 number: String) -> [String] {
        var forms = [number, "00" + number.dropFirst()]
        if number.hasPrefix("+33"), number.count == 12 {
            let national = "0" + number.dropFirst(3)
            let pairs = stride(from: 0, to: 10, by: 2).map { offset -> String in
                let start = national.index(national.startIndex, offsetBy: offset)
                return String(national[start..<national.index(start, offsetBy: 2)])
            }
            let subscriber = String(number.dropFirst(3))
            let grouped = stride(from: 1, to: 9, by: 2).map { offset -> String in
                let start = subscriber.index(subscriber.startIndex, offsetBy: offset)
                return String(subscriber[start..<subscriber.index(start, offsetBy: 2)])
            }
            forms += [
                national, pairs.joined(separator: " "), pairs.joined(separator: "."), pairs.joined(separator: "-"),
                "+33 " + String(subscriber.prefix(1)) + " " + grouped.joined(separator: " "),
            ]
        }
        return forms
    }
}

/// Every row of one person across a dataset: found from the identities given by following the
/// references in both directions, a batch of values per query (`IN`), never one query per row.
public struct SubjectRows: Sendable {
    /// The rows found, by collection name, in primary-key order.
    public var rows: [String: [Row]]
    /// How many queries the search took.
    public var queries: Int

    /// For each found row, whether it is the person's own: false when one of its references to a
    /// collection where the person has rows points at a row that is not theirs (address 30 of
    /// another customer, a referral between two customers).
    func ownership(in dataset: Dataset) -> [String: [[SQLValue]: Bool]] {
        var owned: [String: [[SQLValue]: Bool]] = [:]
        for collection in dataset.collections {
            guard let found = rows[collection.name] else { continue }
            for row in found {
                var mine = true
                for field in collection.fields where field.isSurrogateKey && field.isPersonal {
                    guard let value = row[field.name], value != .null else { continue }
                    for reference in field.references where reference.dataset == dataset.key && reference.collection != collection.name {
                        guard let theirs = rows[reference.collection], let target = dataset.collection(reference.collection), target.isPersonal else { continue }
                        if !theirs.contains(where: { $0[reference.field] == value }) { mine = false }
                    }
                }
                owned[collection.name, default: [:]][SubjectFinder.key(of: row, in: collection)] = mine
            }
        }
        return owned
    }
}

/// Finds a subject's rows in one dataset through one connector.
public struct SubjectFinder: Sendable {
    let dataset: Dataset
    let connector: any Connector

    /// Creates a finder.
    public init(dataset: Dataset, connector: any Connector) {
        self.dataset = dataset
        self.connector = connector
    }

    /// A column that leads to rows: having values for `from`, query `to`.
    struct Edge: Hashable {
        var from: FieldPath
        var to: FieldPath
    }

    struct FieldPath: Hashable {
        var collection: String
        var field: String
    }

    /// The edges of the dataset's reference graph (within this dataset), both ways where the
    /// reference gives no direction.
    var edges: [FieldPath: [FieldPath]] { Self.edges(of: dataset) }

    /// The edges of `dataset`'s reference graph.
    static func edges(of dataset: Dataset) -> [FieldPath: [FieldPath]] {
        var edges: [FieldPath: [FieldPath]] = [:]
        for collection in dataset.collections where !collection.skipProcessing {
            for field in collection.fields {
                let here = FieldPath(collection: collection.name, field: field.name)
                for reference in field.references where reference.dataset == dataset.key {
                    let there = FieldPath(collection: reference.collection, field: reference.field)
                    if reference.direction != .from { edges[here, default: []].append(there) }
                    if reference.direction != .to { edges[there, default: []].append(here) }
                }
            }
        }
        return edges
    }

    /// What a search keeps of each row it finds.
    public enum Keeping: Sendable, Hashable {
        /// Every column the dataset declares: what erasure and rectification work on.
        case rows
        /// Every column while a collection holds at most `beyond` rows of the person, then the
        /// primary key alone, enough to read the rows again a batch at a time
        /// (``SubjectExport``). A collection without a primary key is kept whole.
        case keys(beyond: Int)

        /// Keys beyond 1,000 rows, what exports search with: an export of 100,000 rows holds
        /// their keys, not their text, and a small one reads nothing twice.
        public static let links = Keeping.keys(beyond: 1_000)
    }

    /// The subject's rows for `identities`. An identity no collection declares is an error; one
    /// that matches nothing gives no rows.
    public func find(_ identities: [Identity], keeping: Keeping = .rows) async throws -> SubjectRows {
        let edges = self.edges
        var found: [String: [[SQLValue]: Row]] = [:]
        var queried: [FieldPath: Set<SQLValue>] = [:]
        var queue: [(path: FieldPath, values: [SQLValue], caseInsensitive: Bool)] = []
        var queries = 0

        for identity in identities {
            let seeds = dataset.collections.filter { !$0.skipProcessing }.flatMap { collection in
                collection.fields.filter { $0.identity == identity.type }.map { FieldPath(collection: collection.name, field: $0.name) }
            }
            guard !seeds.isEmpty else {
                let known = Set(dataset.collections.flatMap { $0.fields.compactMap(\.identity) }).sorted()
                throw ConnectorError(
                    code: "identity-unknown",
                    message: "no collection of dataset '\(dataset.key)' holds the identity '\(identity.type)'; it knows \(known.isEmpty ? "none" : known.joined(separator: ", "))")
            }
            for seed in seeds {
                queue.append((seed, identity.storedForms.map(SQLValue.text), identity.isCaseInsensitive))
            }
        }

        while !queue.isEmpty {
            let (path, values, caseInsensitive) = queue.removeFirst()
            guard let collection = dataset.collection(path.collection) else { continue }
            let fresh = values.filter { $0 != .null && !queried[path, default: []].contains($0) }
            guard !fresh.isEmpty else { continue }
            queried[path, default: []].formUnion(fresh)
            let columns = collection.fields.map(\.name)
            let table = TableName(schema: dataset.schema, name: collection.name)
            let primary = collection.primaryKey.map(\.name)
            let linking = collection.fields.map(\.name).filter { edges[FieldPath(collection: collection.name, field: $0)] != nil }
            var links: [String: Set<SQLValue>] = [:]
            var rowsOfCollection = found[collection.name, default: [:]]
            found[collection.name] = nil
            try await connector.forEachRow(
                of: table, columns: columns, where: path.field, matchingAnyOf: fresh, caseInsensitive: caseInsensitive, queries: &queries
            ) { row in
                let key = Self.key(of: row, in: collection)
                guard rowsOfCollection[key] == nil else { return }
                if case .keys(let beyond) = keeping, !primary.isEmpty, rowsOfCollection.count >= beyond {
                    // Too many to keep whole: every row of the collection is kept as its key alone
                    // (the array shared with the key).
                    if rowsOfCollection.first?.value.columns != primary {
                        for (key, _) in rowsOfCollection { rowsOfCollection[key] = Row(columns: primary, values: key) }
                    }
                    rowsOfCollection[key] = Row(columns: primary, values: key)
                } else {
                    rowsOfCollection[key] = row
                }
                for field in linking {
                    if let value = row[field], value != .null { links[field, default: []].insert(value) }
                }
            }
            if !rowsOfCollection.isEmpty { found[collection.name] = rowsOfCollection }
            for (field, values) in links {
                for target in edges[FieldPath(collection: collection.name, field: field)] ?? [] { queue.append((target, Array(values), false)) }
            }
        }

        var rows: [String: [Row]] = [:]
        // Each collection's table of rows is let go before the next is sorted.
        for collection in dataset.collections {
            guard let byKey = found.removeValue(forKey: collection.name) else { continue }
            rows[collection.name] = byKey.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)
        }
        return SubjectRows(rows: rows, queries: queries)
    }

    /// A row's identity within its table: its primary key, or every column without one.
    static func key(of row: Row, in collection: DatasetCollection) -> [SQLValue] {
        let primary = collection.primaryKey.map(\.name)
        if !primary.isEmpty { return primary.map { row[$0] ?? .null } }
        return row.values
    }
}

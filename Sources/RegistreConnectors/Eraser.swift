import Foundation
import RegistreCore

/// Erasure (Art. 17) of one person's rows in one dataset: each personal field erased as the
/// dataset says (row deleted, or the field masked), except where the policy says processing is
/// still necessary (Art. 17(3)(b): a legal obligation such as 10-year accounting), and rows that
/// also concern another person. Everything changes in one transaction per connector; then every
/// row is read back, and a field still holding its old value fails the erasure.
public struct Eraser: Sendable {
    let dataset: Dataset
    let connector: any Connector
    /// Collections kept under Art. 17(3), with the reason, from ``retained(by:in:)``.
    let retained: [String: String]
    /// The key of `hmac` masking.
    let secret: [UInt8]
    /// Set while a restriction keeps some of the person's rows: why the identity columns are
    /// kept too, so the restricted rows stay the person's and a later erasure still finds them.
    let keepingIdentities: String?

    /// Creates an eraser.
    public init(dataset: Dataset, connector: any Connector, retained: [String: String], secret: [UInt8], keepingIdentities: String? = nil) {
        self.dataset = dataset
        self.connector = connector
        self.retained = retained
        self.secret = secret
        self.keepingIdentities = keepingIdentities
    }

    /// The collections of `dataset` that `policy` keeps despite an erasure request: those serving
    /// an activity under a legal obligation (Art. 6(1)(c)), or with a retention rule that names
    /// the law that imposes it. The reason quotes the policy.
    public static func retained(by policy: Policy, in dataset: Dataset) -> [String: String] {
        var reasons: [String: String] = [:]
        for collection in dataset.collections {
            for id in collection.activities {
                guard let activity = policy.activities.first(where: { $0.id == id }) else { continue }
                let law = activity.retention.compactMap(\.legalReference).first
                if activity.legalBasis == .legalObligation || law != nil {
                    let source = activity.legalObligation ?? law ?? "a legal obligation"
                    reasons[collection.name] = "kept for the activity '\(id)' under \(source) (GDPR Art. 17(3)(b)); restricted until its retention ends"
                    break
                }
            }
        }
        return reasons
    }

    /// What happened to one collection.
    public struct CollectionResult: Sendable, Hashable {
        /// `deleted`, `masked`, `kept` (Art. 17(3)) or `shared` (rows that also concern someone else).
        public var action: String
        /// The rows concerned.
        public var rows: Int
        /// The fields masked (for `masked`).
        public var fields: [String]
        /// Personal fields left as they were, with why (keys, read-only fields).
        public var keptFields: [String: String]
        /// Why the rows were kept, for `kept` and `shared`.
        public var reason: String?
    }

    /// The outcome of an erasure.
    public struct Result: Sendable {
        /// `completed`, `partially_completed` (something kept, and why), `no_data` or `failed`.
        public var status: String
        /// Per collection; a collection may have erased rows and shared rows, so entries are a list.
        public var collections: [String: [CollectionResult]]
        /// Fields read back still holding their old value (empty unless `failed`).
        public var failures: [String]
    }

    /// A row of the subject, with its collection and key.
    struct Target {
        var collection: DatasetCollection
        var row: Row
        var key: [RowChange.Assignment]
    }

    /// Erases the rows of the person `identities` designate.
    public func erase(_ identities: [Identity]) async throws -> Result {
        let found = try await SubjectFinder(dataset: dataset, connector: connector).find(identities)
        guard !found.rows.isEmpty else { return Result(status: "no_data", collections: [:], failures: []) }
        let owned = found.ownership(in: dataset)

        var changes: [RowChange] = []
        var deletions: [String: [RowChange]] = [:]
        var results: [String: [CollectionResult]] = [:]
        var expected: [(target: Target, masked: [String: SQLValue])] = []
        var deleted: [Target] = []
        for collection in dataset.collections where collection.isPersonal {
            guard let rows = found.rows[collection.name], !rows.isEmpty else { continue }
            if let reason = retained[collection.name] {
                results[collection.name, default: []].append(CollectionResult(action: "kept", rows: rows.count, fields: [], keptFields: [:], reason: reason))
                continue
            }
            let mine = rows.filter { owned[collection.name]?[SubjectFinder.key(of: $0, in: collection)] ?? true }
            if mine.count < rows.count {
                results[collection.name, default: []].append(CollectionResult(
                    action: "shared", rows: rows.count - mine.count, fields: [], keptFields: [:],
                    reason: "these rows also concern another person (a reference leads to their rows); erasing them would erase that person's data"))
            }
            guard !mine.isEmpty else { continue }
            let table = TableName(schema: dataset.schema, name: collection.name)
            let targets = mine.map { row in
                Target(collection: collection, row: row, key: collection.primaryKey.map { RowChange.Assignment(column: $0.name, value: row[$0.name] ?? .null) })
            }
            guard !collection.primaryKey.isEmpty else {
                throw ConnectorError(code: "dataset-invalid", message: "\(collection.name) declares no primary key; run registre datasets check")
            }
            if collection.erasesByDeletion, let reason = keepingIdentities, collection.fields.contains(where: { $0.identity != nil }) {
                results[collection.name, default: []].append(CollectionResult(action: "kept", rows: targets.count, fields: [], keptFields: [:], reason: reason))
                continue
            }
            if collection.erasesByDeletion {
                deletions[collection.name] = targets.map { RowChange(table: table, key: $0.key, kind: .delete) }
                deleted += targets
                results[collection.name, default: []].append(CollectionResult(action: "deleted", rows: targets.count, fields: [], keptFields: [:], reason: nil))
                continue
            }
            var keptFields: [String: String] = [:]
            var maskedFields: Set<String> = []
            for field in collection.fields where field.isPersonal {
                if field.readOnly { keptFields[field.name] = "read_only in the dataset" }
                else if field.identity != nil, let reason = keepingIdentities { keptFields[field.name] = reason }
                else if field.isDeclaredKey {
                    // A key made of real data cannot be overwritten in place: it stays, and the
                    // erasure is partial (registre datasets check reports it as an error).
                    keptFields[field.name] = field.isSurrogateKey ? Self.keyReason : "personal data used as a key; delete the rows instead"
                }
            }
            let erasable = try collection.fields.filter { $0.isPersonal && keptFields[$0.name] == nil }.map { field in
                (field: field, masking: try Masking(field.masking ?? .nullRewrite))
            }
            for target in targets {
                var assignments: [RowChange.Assignment] = []
                var masked: [String: SQLValue] = [:]
                for (field, masking) in erasable {
                    let old = target.row[field.name] ?? .null
                    guard old != .null else { continue }
                    let value = masking.apply(to: old, secret: secret)
                    guard !old.isSame(as: value) else { continue }
                    assignments.append(.init(column: field.name, value: value))
                    masked[field.name] = old
                    maskedFields.insert(field.name)
                }
                if !assignments.isEmpty {
                    changes.append(RowChange(table: table, key: target.key, kind: .update(assignments)))
                    expected.append((target, masked))
                }
            }
            results[collection.name, default: []].append(CollectionResult(action: "masked", rows: targets.count, fields: maskedFields.sorted(), keptFields: keptFields, reason: nil))
        }
        changes += dataset.deletionOrder(deletions.keys).flatMap { deletions[$0] ?? [] }
        if !changes.isEmpty { try await connector.apply(changes) }

        let failures = try await verify(masked: expected, deleted: deleted)
        // Keys left in place name no one once their rows are masked; anything else kept makes the
        // erasure partial, and the result says why.
        let partial = results.values.joined().contains { result in
            result.action == "kept" || result.action == "shared" || result.keptFields.values.contains { $0 != Self.keyReason }
        }
        let status = !failures.isEmpty ? "failed" : partial ? "partially_completed" : "completed"
        return Result(status: status, collections: results, failures: failures)
    }

    /// Reads every changed row back: deleted rows must be gone, masked fields must no longer hold
    /// their old value (or be NULL when nulled).
    func verify(masked: [(target: Target, masked: [String: SQLValue])], deleted: [Target]) async throws -> [String] {
        let all = masked.map { ($0.target, ReadBack.Expected.without($0.masked)) } + deleted.map { ($0, ReadBack.Expected.gone) }
        var failures: [String] = []
        for (_, entries) in Dictionary(grouping: all, by: { $0.0.collection.name }).sorted(by: { $0.key < $1.key }) {
            failures += try await connector.readBack(
                entries.map { ReadBack(key: $0.0.key, expected: $0.1) }, of: entries[0].0.collection, schema: dataset.schema, change: "erasure")
        }
        return failures
    }

    static let keyReason = "a key linking rows, which names no one once they are masked"

    /// The value `strategy` writes in place of `value`.
    static func mask(_ value: SQLValue, with strategy: MaskingStrategy, secret: [UInt8]) throws -> SQLValue {
        try Masking(strategy).apply(to: value, secret: secret)
    }
}

extension Dataset {
    /// Collections in an order that deletes rows before the rows they refer to, and after the
    /// collections `fides_meta.erase_after` names: what erasure and retention delete in.
    func deletionOrder(_ names: some Sequence<String>) -> [String] {
        deletionStages(names).flatMap { $0 }
    }

    /// `names` in stages: each stage's collections are referred to by none left for later ones,
    /// so a stage may be deleted from at once, its members in any order.
    public func deletionStages(_ names: some Sequence<String>) -> [[String]] {
        var remaining = Set(names)
        var stages: [[String]] = []
        while !remaining.isEmpty {
            let ready = remaining.sorted().filter { name in
                // A collection waits while another pending one still refers to it or must go first.
                let waitsOnReferrer = remaining.contains { other in
                    other != name && (collection(other)?.fields.contains { $0.references.contains { $0.collection == name } } ?? false)
                }
                let waitsOnEraseAfter = collection(name)?.eraseAfter.contains { remaining.contains($0) } ?? false
                return !waitsOnReferrer && !waitsOnEraseAfter
            }
            let next = ready.isEmpty ? remaining.sorted() : ready  // a cycle: the transaction decides
            stages.append(next)
            remaining.subtract(next)
        }
        return stages
    }
}

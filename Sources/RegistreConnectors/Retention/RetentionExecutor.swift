import Crypto
import Foundation
import RegistreCore

/// Carries out a retention plan: each page of due items is one transaction (rows deleted,
/// fields masked as the dataset says, deactivate and archive values written), then read back.
/// A run that stops (a crash, a lost connection) is resumed by running again: the plan then
/// holds only what is left, because deleted rows are gone and masked fields show it.
public struct RetentionExecutor: Sendable {
    let planner: RetentionPlanner
    /// The key of `hmac` masking.
    let secret: [UInt8]

    /// Creates an executor.
    public init(planner: RetentionPlanner, secret: [UInt8]) {
        self.planner = planner
        self.secret = secret
    }

    /// One transaction's worth of changes, committed and read back.
    public struct Batch: Sendable {
        /// The collection.
        public var collection: String
        /// Rows changed, by action (`delete`, `anonymise`, `deactivate`, `archive`).
        public var rows: [String: Int]
        /// SHA-256 of the changed rows' keys, in order: the audit chain proves which rows a
        /// batch touched without holding keys that may be personal data (an e-mail address).
        public var keysDigest: String
        /// Fields read back still holding what should have changed (empty when all is well).
        public var failures: [String]
    }

    /// What a run did.
    public struct Outcome: Sendable {
        /// Rows changed, by collection and action (`customer delete`).
        public var applied: [String: Int] = [:]
        /// Read-back failures.
        public var failures: [String] = []
        /// The plan's own counts (held, flagged, waiting...).
        public var summary = RetentionSummary()
    }

    /// Applies every due action at `now` (in the collection `only` when given), handing
    /// `committed` each batch once it is committed and verified (so that the caller records it
    /// before the next one starts). One page's transaction is carried out while the next page is
    /// read and judged; the next transaction starts only once the one before is committed, read
    /// back and handed to `committed`.
    public func run(at now: Date, only: String? = nil, committed: (Batch) async throws -> Void) async throws -> Outcome {
        var outcome = Outcome()
        let connector = planner.connector
        let schema = planner.dataset.schema
        // The page being written: its transaction and read-back, and what to report of it.
        var writing: (work: Task<[String], any Error>, collection: String, rows: [String: Int], digest: String)?
        func finishWriting() async throws {
            guard let page = writing else { return }
            writing = nil
            let failures = try await page.work.value
            for (action, count) in page.rows { outcome.applied["\(page.collection) \(action)", default: 0] += count }
            outcome.failures += failures
            try await committed(Batch(collection: page.collection, rows: page.rows, keysDigest: page.digest, failures: failures))
        }
        let summary: RetentionSummary
        do {
            summary = try await planner.plan(at: now, only: only, explaining: false) { collection, items in
                let due = items.filter { $0.status == .due && $0.action != .none }
                guard !due.isEmpty else { return }
                let table = TableName(schema: schema, name: collection.name)
                var changes: [RowChange] = []
                var rows: [String: Int] = [:]
                var digest = SHA256()
                for item in due {
                    let change: RowChange
                    switch item.action {
                    case .delete:
                        change = RowChange(table: table, key: item.key, kind: .delete)
                    case .anonymise:
                        let assignments = try item.fields.compactMap { name -> RowChange.Assignment? in
                            guard let field = collection.field(name) else { return nil }
                            let value = try Masking(field.masking ?? .nullRewrite).apply(to: item.row[name] ?? .null, secret: secret)
                            return RowChange.Assignment(column: name, value: value)
                        }
                        change = RowChange(table: table, key: item.key, kind: .update(assignments))
                    case .deactivate, .archive:
                        let values = collection.values(writtenBy: item.action)
                        change = RowChange(table: table, key: item.key, kind: .update(item.fields.map { .init(column: $0, value: .text(values[$0] ?? "")) }))
                    case .none:
                        continue
                    }
                    changes.append(change)
                    rows[item.action.rawValue, default: 0] += 1
                    digest.update(data: Data(RowChange.describe(item.key).utf8))
                    digest.update(data: Data([0x0A]))
                }
                try await finishWriting()
                let changed = changes
                writing = (
                    Task {
                        try await connector.apply(changed)
                        return try await verify(due, in: collection)
                    }, collection.name, rows, Hex.string(bytesOf: digest.finalize())
                )
                // In a table that refers to itself the next page is read once this one is written.
                if collection.refersToItself { try await finishWriting() }
            }
        } catch {
            // What the page being written did is reported if it was committed, then the error.
            try? await finishWriting()
            throw error
        }
        try await finishWriting()
        outcome.summary = summary
        return outcome
    }

    /// Reads the changed rows back: deleted ones must be gone, masked fields must no longer hold
    /// their old value, deactivate and archive values must be there.
    func verify(_ items: [RetentionItem], in collection: DatasetCollection) async throws -> [String] {
        let rows = items.compactMap { item -> ReadBack? in
            switch item.action {
            case .delete: ReadBack(key: item.key, expected: .gone)
            case .anonymise: ReadBack(key: item.key, expected: .without(Dictionary(uniqueKeysWithValues: item.fields.map { ($0, item.row[$0] ?? .null) })))
            case .deactivate, .archive:
                ReadBack(key: item.key, expected: .holding(collection.values(writtenBy: item.action).mapValues(SQLValue.text), rowRequired: false))
            case .none: nil
            }
        }
        return try await planner.connector.readBack(rows, of: collection, schema: planner.dataset.schema, change: "retention")
    }
}

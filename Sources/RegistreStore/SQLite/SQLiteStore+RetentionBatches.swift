import Foundation
import GRDB

extension SQLiteStore {
    public func openRetentionPass(_ batches: [RetentionBatch]) async throws {
        try await pool.write { db in
            for batch in batches {
                try db.execute(
                    sql: """
                        INSERT INTO retention_batch (pass_at, dataset, collection, stage, state) VALUES (?, ?, ?, ?, 'pending')
                        ON CONFLICT (pass_at, dataset, collection) DO NOTHING
                        """,
                    arguments: [batch.passAt.millisecondsSince1970, batch.dataset, batch.collection, batch.stage])
            }
        }
    }

    /// SQLite has one writer at a time: the claim's read and update are one write transaction,
    /// which is what `FOR UPDATE SKIP LOCKED` gives PostgreSQL's concurrent servers.
    public func claimRetentionBatch(passAt: Date, worker: String, now: Date, until: Date) async throws -> RetentionBatch.Claim {
        try await pool.write { db in
            let pass = passAt.millisecondsSince1970
            let id = try Int64.fetchOne(
                db,
                sql: """
                    SELECT b.id FROM retention_batch b
                    WHERE b.pass_at = ? AND (b.state = 'pending' OR (b.state = 'claimed' AND b.claimed_until < ?))
                      AND NOT EXISTS (
                        SELECT 1 FROM retention_batch e
                        WHERE e.pass_at = b.pass_at AND e.dataset = b.dataset AND e.stage < b.stage AND e.state IN ('pending', 'claimed'))
                    ORDER BY b.stage, b.id LIMIT 1
                    """,
                arguments: [pass, now.millisecondsSince1970])
            guard let id else {
                let open = try Int.fetchOne(db, sql: "SELECT count(*) FROM retention_batch WHERE pass_at = ? AND state IN ('pending', 'claimed')", arguments: [pass]) ?? 0
                return open > 0 ? .waiting : .finished
            }
            try db.execute(
                sql: "UPDATE retention_batch SET state = 'claimed', worker = ?, claimed_until = ?, attempts = attempts + 1 WHERE id = ?",
                arguments: [worker, until.millisecondsSince1970, id])
            guard let batch = try Self.retentionBatches(db, where: "id = ?", [id]).first else { return .waiting }
            return .claimed(batch)
        }
    }

    public func renewRetentionClaim(_ batch: RetentionBatch, worker: String, until: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE retention_batch SET claimed_until = ? WHERE id = ? AND state = 'claimed' AND worker = ?",
                arguments: [until.millisecondsSince1970, batch.id, worker])
            guard db.changesCount == 1 else { throw StoreError.claimLost(batch, worker: worker) }
        }
    }

    public func finishRetentionBatch(_ batch: RetentionBatch, worker: String, state: RetentionBatch.State, outcome: String, at date: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE retention_batch SET state = ?, outcome = ?, finished_at = ? WHERE id = ? AND state = 'claimed' AND worker = ?",
                arguments: [state.rawValue, outcome, date.millisecondsSince1970, batch.id, worker])
            guard db.changesCount == 1 else { throw StoreError.claimLost(batch, worker: worker) }
        }
    }

    public func retentionBatches(passAt: Date) async throws -> [RetentionBatch] {
        try await pool.read { db in try Self.retentionBatches(db, where: "pass_at = ?", [passAt.millisecondsSince1970]) }
    }

    static func retentionBatches(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [RetentionBatch] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, pass_at, dataset, collection, stage, state, worker, claimed_until, attempts, finished_at, outcome
                FROM retention_batch WHERE \(condition) ORDER BY stage, dataset, collection
                """,
            arguments: arguments
        ).map { row in
            try RetentionBatch(
                stored: row[0], passAt: row[1], dataset: row[2], collection: row[3], stage: row[4], state: row[5], worker: row[6], claimedUntil: row[7],
                attempts: row[8], finishedAt: row[9], outcome: row[10])
        }
    }
}

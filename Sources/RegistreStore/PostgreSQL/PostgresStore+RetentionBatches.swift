import Foundation
import PostgresNIO

extension PostgresStore {
    static let batchColumns = "id, pass_at, dataset, collection, stage, state, worker, claimed_until, attempts, finished_at, outcome"

    public func openRetentionPass(_ batches: [RetentionBatch]) async throws {
        let logger = self.logger
        try await transaction { connection in
            for batch in batches {
                try await connection.query(
                    """
                    INSERT INTO retention_batch (pass_at, dataset, collection, stage, state)
                    VALUES (\(batch.passAt.millisecondsSince1970), \(batch.dataset), \(batch.collection), \(batch.stage), 'pending')
                    ON CONFLICT (pass_at, dataset, collection) DO NOTHING
                    """, logger: logger)
            }
        }
    }

    /// One statement: the candidate is locked with `FOR UPDATE SKIP LOCKED` (a row another
    /// server is claiming at this instant is passed over, not waited for) and updated at once.
    public func claimRetentionBatch(passAt: Date, worker: String, now: Date, until: Date) async throws -> RetentionBatch.Claim {
        let pass = passAt.millisecondsSince1970
        let claimed = try await retentionBatches(
            """
            WITH candidate AS (
              SELECT b.id FROM retention_batch b
              WHERE b.pass_at = \(pass) AND (b.state = 'pending' OR (b.state = 'claimed' AND b.claimed_until < \(now.millisecondsSince1970)))
                AND NOT EXISTS (
                  SELECT 1 FROM retention_batch e
                  WHERE e.pass_at = b.pass_at AND e.dataset = b.dataset AND e.stage < b.stage AND e.state IN ('pending', 'claimed'))
              ORDER BY b.stage, b.id LIMIT 1
              FOR UPDATE OF b SKIP LOCKED)
            UPDATE retention_batch r SET state = 'claimed', worker = \(worker), claimed_until = \(until.millisecondsSince1970), attempts = r.attempts + 1
            FROM candidate WHERE r.id = candidate.id
            RETURNING r.id, r.pass_at, r.dataset, r.collection, r.stage, r.state, r.worker, r.claimed_until, r.attempts, r.finished_at, r.outcome
            """)
        if let batch = claimed.first { return .claimed(batch) }
        let rows = try await client.query("SELECT count(*) FROM retention_batch WHERE pass_at = \(pass) AND state IN ('pending', 'claimed')", logger: logger)
        var open: Int64 = 0
        for try await count in rows.decode(Int64.self) { open = count }
        return open > 0 ? .waiting : .finished
    }

    public func renewRetentionClaim(_ batch: RetentionBatch, worker: String, until: Date) async throws {
        let rows = try await client.query(
            """
            UPDATE retention_batch SET claimed_until = \(until.millisecondsSince1970)
            WHERE id = \(batch.id) AND state = 'claimed' AND worker = \(worker) RETURNING id
            """, logger: logger)
        var updated = false
        for try await _ in rows { updated = true }
        guard updated else { throw StoreError.claimLost(batch, worker: worker) }
    }

    public func finishRetentionBatch(_ batch: RetentionBatch, worker: String, state: RetentionBatch.State, outcome: String, at date: Date) async throws {
        let rows = try await client.query(
            """
            UPDATE retention_batch SET state = \(state.rawValue), outcome = \(outcome), finished_at = \(date.millisecondsSince1970)
            WHERE id = \(batch.id) AND state = 'claimed' AND worker = \(worker) RETURNING id
            """, logger: logger)
        var updated = false
        for try await _ in rows { updated = true }
        guard updated else { throw StoreError.claimLost(batch, worker: worker) }
    }

    public func retentionBatches(passAt: Date) async throws -> [RetentionBatch] {
        try await retentionBatches(
            "SELECT \(unescaped: Self.batchColumns) FROM retention_batch WHERE pass_at = \(passAt.millisecondsSince1970) ORDER BY stage, dataset, collection")
    }

    private func retentionBatches(_ query: PostgresQuery) async throws -> [RetentionBatch] {
        var batches: [RetentionBatch] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, pass, dataset, collection, stage, state, worker, until, attempts, finished, outcome) in rows.decode(
            (Int64, Int64, String, String, Int32, String, String?, Int64?, Int32, Int64?, String?).self)
        {
            batches.append(try RetentionBatch(
                stored: id, passAt: pass, dataset: dataset, collection: collection, stage: Int(stage), state: state, worker: worker, claimedUntil: until,
                attempts: Int(attempts), finishedAt: finished, outcome: outcome))
        }
        return batches
    }
}

extension StoreError {
    /// `error` as a log line may show it: PostgreSQL's own message and SQLSTATE (never the
    /// detail, which may quote values), or the error's description.
    public static func loggable(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            return "\(error.serverInfo?[.message] ?? "\(error.code)")\(error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")"
        }
        return "\(error)"
    }
}

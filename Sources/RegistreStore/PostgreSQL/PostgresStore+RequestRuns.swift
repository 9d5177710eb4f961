import Foundation
import PostgresNIO

extension PostgresStore {
    /// One statement: the insert, the update of a claim that ran out or the renewal of the
    /// owner's own returns the row; a live claim of another server returns nothing. Two servers claiming at once are ordered by
    /// the row's lock, and the second sees the first's claim.
    public func claimRequestRun(_ id: Int64, owner: String, now: Date, until: Date) async throws -> Bool {
        let rows = try await client.query(
            """
            INSERT INTO request_run (request_id, owner, claimed_until) VALUES (\(id), \(owner), \(until.millisecondsSince1970))
            ON CONFLICT (request_id) DO UPDATE SET owner = excluded.owner, claimed_until = excluded.claimed_until
            WHERE request_run.claimed_until < \(now.millisecondsSince1970) OR request_run.owner = excluded.owner
            RETURNING request_id
            """, logger: logger)
        var claimed = false
        for try await _ in rows { claimed = true }
        return claimed
    }

    public func releaseRequestRun(_ id: Int64, owner: String) async throws {
        _ = try await client.query("DELETE FROM request_run WHERE request_id = \(id) AND owner = \(owner)", logger: logger)
    }
}

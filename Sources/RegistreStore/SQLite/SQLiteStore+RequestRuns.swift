import Foundation
import GRDB

extension SQLiteStore {
    /// One statement in SQLite's single writer: the row is taken when there is none, when its
    /// claim ran out, or renewed when it is the owner's own.
    public func claimRequestRun(_ id: Int64, owner: String, now: Date, until: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO request_run (request_id, owner, claimed_until) VALUES (?, ?, ?)
                    ON CONFLICT (request_id) DO UPDATE SET owner = excluded.owner, claimed_until = excluded.claimed_until
                    WHERE request_run.claimed_until < ? OR request_run.owner = excluded.owner
                    """,
                arguments: [id, owner, until.millisecondsSince1970, now.millisecondsSince1970])
            return db.changesCount == 1
        }
    }

    public func releaseRequestRun(_ id: Int64, owner: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM request_run WHERE request_id = ? AND owner = ?", arguments: [id, owner])
        }
    }
}

import Foundation
import GRDB

extension SQLiteStore {
    public func latestEvents() async throws -> [String: [String: Date]] {
        try await pool.read { db in
            var latest: [String: [String: Date]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT subject_hash, kind, max(occurred_at) FROM subject_event GROUP BY subject_hash, kind")
            while let row = try rows.next() {
                latest[row[0], default: [:]][row[1]] = Date(millisecondsSince1970: row[2])
            }
            return latest
        }
    }

    public func insertHold(_ hold: LegalHold, audit: @Sendable (LegalHold) -> AuditDraft) async throws -> LegalHold {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO legal_hold (scope, identity_type, subject_hash, dataset, collection, reason, until, created_at, released_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    hold.scope.rawValue, hold.identityType, hold.subjectHash, hold.dataset, hold.collection, hold.reason,
                    hold.until?.millisecondsSince1970, hold.createdAt.millisecondsSince1970, hold.releasedAt?.millisecondsSince1970,
                ])
            var stored = hold
            stored.id = db.lastInsertedRowID
            _ = try Self.appendAudit(audit(stored), in: db)
            return stored
        }
    }

    public func releaseHold(id: Int64, at date: Date, audit: AuditDraft) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE legal_hold SET released_at = ? WHERE id = ? AND released_at IS NULL", arguments: [date.millisecondsSince1970, id])
            guard db.changesCount == 1 else { throw StoreError.holdReleased(id) }
            _ = try Self.appendAudit(audit, in: db)
        }
    }

    public func holds(includeReleased: Bool) async throws -> [LegalHold] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT id, scope, identity_type, subject_hash, dataset, collection, reason, until, created_at, released_at FROM legal_hold
                    \(includeReleased ? "" : "WHERE released_at IS NULL") ORDER BY id
                    """
            ).map { row in
                try LegalHold(
                    stored: row[0], scope: row[1], identityType: row[2], subjectHash: row[3], dataset: row[4], collection: row[5], reason: row[6],
                    until: row[7], createdAt: row[8], releasedAt: row[9])
            }
        }
    }
}

extension LegalHold {
    /// A hold as both back ends store it.
    init(
        stored id: Int64, scope: String, identityType: String?, subjectHash: String?, dataset: String?, collection: String?, reason: String,
        until: Int64?, createdAt: Int64, releasedAt: Int64?
    ) throws {
        guard let scope = Scope(rawValue: scope) else {
            throw StoreError(code: "hold-unreadable", message: "legal hold \(id) has a scope Registre does not know ('\(scope)')")
        }
        self.init(
            id: id, scope: scope, identityType: identityType, subjectHash: subjectHash, dataset: dataset, collection: collection, reason: reason,
            until: until.map(Date.init(millisecondsSince1970:)), createdAt: Date(millisecondsSince1970: createdAt),
            releasedAt: releasedAt.map(Date.init(millisecondsSince1970:)))
    }
}

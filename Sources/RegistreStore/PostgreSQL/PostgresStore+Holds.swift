import Foundation
import PostgresNIO

extension PostgresStore {
    public func latestEvents() async throws -> [String: [String: Date]] {
        var latest: [String: [String: Date]] = [:]
        let rows = try await client.query("SELECT subject_hash, kind, max(occurred_at) FROM subject_event GROUP BY subject_hash, kind", logger: logger)
        for try await (hash, kind, occurred) in rows.decode((String, String, Int64).self) {
            latest[hash, default: [:]][kind] = Date(millisecondsSince1970: occurred)
        }
        return latest
    }

    public func insertHold(_ hold: LegalHold, audit: @Sendable (LegalHold) -> AuditDraft) async throws -> LegalHold {
        let logger = self.logger
        return try await transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO legal_hold (scope, identity_type, subject_hash, dataset, collection, reason, until, created_at, released_at)
                VALUES (\(hold.scope.rawValue), \(hold.identityType), \(hold.subjectHash), \(hold.dataset), \(hold.collection), \(hold.reason),
                  \(hold.until?.millisecondsSince1970), \(hold.createdAt.millisecondsSince1970), \(hold.releasedAt?.millisecondsSince1970))
                RETURNING id
                """, logger: logger)
            var stored = hold
            for try await id in rows.decode(Int64.self) { stored.id = id }
            _ = try await Self.appendAudit(audit(stored), on: connection, logger: logger)
            return stored
        }
    }

    public func releaseHold(id: Int64, at date: Date, audit: AuditDraft) async throws {
        let logger = self.logger
        try await transaction { connection in
            let rows = try await connection.query(
                "UPDATE legal_hold SET released_at = \(date.millisecondsSince1970) WHERE id = \(id) AND released_at IS NULL RETURNING id", logger: logger)
            var updated = false
            for try await _ in rows { updated = true }
            guard updated else { throw StoreError.holdReleased(id) }
            _ = try await Self.appendAudit(audit, on: connection, logger: logger)
        }
    }

    public func holds(includeReleased: Bool) async throws -> [LegalHold] {
        var holds: [LegalHold] = []
        let rows = try await client.query(
            """
            SELECT id, scope, identity_type, subject_hash, dataset, collection, reason, until, created_at, released_at FROM legal_hold
            WHERE \(includeReleased) OR released_at IS NULL ORDER BY id
            """, logger: logger)
        for try await (id, scope, type, hash, dataset, collection, reason, until, created, released) in rows.decode(
            (Int64, String, String?, String?, String?, String?, String, Int64?, Int64, Int64?).self)
        {
            holds.append(try LegalHold(
                stored: id, scope: scope, identityType: type, subjectHash: hash, dataset: dataset, collection: collection, reason: reason, until: until,
                createdAt: created, releasedAt: released))
        }
        return holds
    }
}

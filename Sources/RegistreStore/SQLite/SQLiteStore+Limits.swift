import Foundation
import GRDB

extension SQLiteStore {
    public func insertLimit(_ limit: ProcessingLimit, audit: @Sendable (ProcessingLimit) -> AuditDraft) async throws -> ProcessingLimit {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO processing_limit (kind, activities, ground, request_id, since, lifted_at, lift_reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    limit.kind.rawValue, JSONList.encode(limit.activities), limit.ground, limit.requestID, limit.since.millisecondsSince1970,
                    limit.liftedAt?.millisecondsSince1970, limit.liftReason,
                ])
            var stored = limit
            stored.id = db.lastInsertedRowID
            try Self.insert(limit.identityHashes, of: stored.id, into: .limits, db)
            _ = try Self.appendAudit(audit(stored), in: db)
            return stored
        }
    }

    public func liftLimit(_ limit: ProcessingLimit, audit: AuditDraft) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE processing_limit SET lifted_at = ?, lift_reason = ? WHERE id = ? AND lifted_at IS NULL",
                arguments: [limit.liftedAt?.millisecondsSince1970, limit.liftReason, limit.id])
            guard db.changesCount == 1 else { throw StoreError.limitLifted(limit.id) }
            _ = try Self.appendAudit(audit, in: db)
        }
    }

    public func limits(identityHashes: [String], includeLifted: Bool) async throws -> [ProcessingLimit] {
        guard !identityHashes.isEmpty else { return [] }
        return try await pool.read { db in
            try Self.limits(
                db, where: "id IN (\(Self.ids(in: .limits, matching: identityHashes)))\(includeLifted ? "" : " AND lifted_at IS NULL")",
                arguments: StatementArguments(identityHashes))
        }
    }

    public func activeLimits() async throws -> [ProcessingLimit] {
        try await pool.read { db in try Self.limits(db, where: "lifted_at IS NULL", arguments: []) }
    }

    public func limit(id: Int64) async throws -> ProcessingLimit? {
        try await pool.read { db in try Self.limits(db, where: "id = ?", arguments: [id]).first }
    }

    private static func limits(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [ProcessingLimit] {
        var limits = try Row.fetchAll(
            db, sql: "SELECT id, kind, activities, ground, request_id, since, lifted_at, lift_reason FROM processing_limit WHERE \(condition) ORDER BY id",
            arguments: arguments
        ).map { row in
            try ProcessingLimit(
                stored: row[0], kind: row[1], activities: row[2], ground: row[3], requestID: row[4], since: row[5], liftedAt: row[6], liftReason: row[7])
        }
        for index in limits.indices { limits[index].identityHashes = try Self.hashes(of: limits[index].id, in: .limits, db) }
        return limits
    }
}

extension ProcessingLimit {
    /// A limit as both back ends store it (identities apart).
    init(stored id: Int64, kind: String, activities: String, ground: String, requestID: Int64?, since: Int64, liftedAt: Int64?, liftReason: String?) throws {
        guard let kind = Kind(rawValue: kind) else {
            throw StoreError(code: "limit-unreadable", message: "limit \(id) is of a kind Registre does not know ('\(kind)')")
        }
        self.init(
            id: id, kind: kind, activities: JSONList.decode(activities), ground: ground, requestID: requestID, identityHashes: [],
            since: Date(millisecondsSince1970: since), liftedAt: liftedAt.map(Date.init(millisecondsSince1970:)), liftReason: liftReason)
    }
}

extension StoreError {
    /// The limit was lifted already (or does not exist).
    static func limitLifted(_ id: Int64) -> StoreError {
        StoreError(code: "limit-lifted", message: "limit \(id) was already lifted (or does not exist)")
    }
}

import Foundation
import PostgresNIO

extension PostgresStore {
    public func insertLimit(_ limit: ProcessingLimit, audit: @Sendable (ProcessingLimit) -> AuditDraft) async throws -> ProcessingLimit {
        let logger = self.logger
        return try await transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO processing_limit (kind, activities, ground, request_id, since, lifted_at, lift_reason)
                VALUES (\(limit.kind.rawValue), \(JSONList.encode(limit.activities)), \(limit.ground), \(limit.requestID),
                  \(limit.since.millisecondsSince1970), \(limit.liftedAt?.millisecondsSince1970), \(limit.liftReason))
                RETURNING id
                """, logger: logger)
            var stored = limit
            for try await id in rows.decode(Int64.self) { stored.id = id }
            try await Self.insert(limit.identityHashes, of: stored.id, into: .limits, on: connection, logger: logger)
            _ = try await Self.appendAudit(audit(stored), on: connection, logger: logger)
            return stored
        }
    }

    public func liftLimit(_ limit: ProcessingLimit, audit: AuditDraft) async throws {
        let logger = self.logger
        try await transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE processing_limit SET lifted_at = \(limit.liftedAt?.millisecondsSince1970), lift_reason = \(limit.liftReason)
                WHERE id = \(limit.id) AND lifted_at IS NULL RETURNING id
                """, logger: logger)
            var updated = false
            for try await _ in rows { updated = true }
            guard updated else { throw StoreError.limitLifted(limit.id) }
            _ = try await Self.appendAudit(audit, on: connection, logger: logger)
        }
    }

    public func limits(identityHashes: [String], includeLifted: Bool) async throws -> [ProcessingLimit] {
        guard !identityHashes.isEmpty else { return [] }
        return try await limits(
            """
            SELECT \(unescaped: Self.limitColumns) FROM processing_limit l
            WHERE id IN (\(unescaped: IdentityTable.limits.idsWhereHash) = ANY(\(identityHashes)))
              AND (\(includeLifted) OR lifted_at IS NULL)
            ORDER BY id
            """)
    }

    public func activeLimits() async throws -> [ProcessingLimit] {
        try await limits("SELECT \(unescaped: Self.limitColumns) FROM processing_limit l WHERE lifted_at IS NULL ORDER BY id")
    }

    public func limit(id: Int64) async throws -> ProcessingLimit? {
        try await limits("SELECT \(unescaped: Self.limitColumns) FROM processing_limit l WHERE id = \(id)").first
    }

    private static let limitColumns = """
        id, kind, activities, ground, request_id, since, lifted_at, lift_reason,
        ARRAY(\(IdentityTable.limits.selectHashes(of: "l.id")))
        """

    private func limits(_ query: PostgresQuery) async throws -> [ProcessingLimit] {
        var limits: [ProcessingLimit] = []
        for try await row in try await client.query(query, logger: logger) {
            let (id, kind, activities, ground, request, since, lifted, reason, hashes) =
                try row.decode((Int64, String, String, String, Int64?, Int64, Int64?, String?, [String]).self)
            var limit = try ProcessingLimit(
                stored: id, kind: kind, activities: activities, ground: ground, requestID: request, since: since, liftedAt: lifted, liftReason: reason)
            limit.identityHashes = hashes
            limits.append(limit)
        }
        return limits
    }
}

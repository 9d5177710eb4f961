import Foundation
import PostgresNIO

extension PostgresStore {
    public func insertDirective(_ directive: PostMortemDirective, audit: @Sendable (PostMortemDirective) -> AuditDraft) async throws -> PostMortemDirective {
        let logger = self.logger
        return try await transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO post_mortem_directive (instruction, sealed_details, recorded_at)
                VALUES (\(directive.instruction.rawValue), \(directive.sealedDetails), \(directive.recordedAt.millisecondsSince1970))
                RETURNING id
                """, logger: logger)
            var stored = directive
            for try await id in rows.decode(Int64.self) { stored.id = id }
            try await Self.insert(directive.identityHashes, of: stored.id, into: .directives, on: connection, logger: logger)
            _ = try await Self.appendAudit(audit(stored), on: connection, logger: logger)
            return stored
        }
    }

    public func updateDirective(_ directive: PostMortemDirective, audit: AuditDraft) async throws {
        let logger = self.logger
        try await transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE post_mortem_directive
                SET revoked_at = \(directive.revokedAt?.millisecondsSince1970), applied_at = \(directive.appliedAt?.millisecondsSince1970),
                  applied_request = \(directive.appliedRequest)
                WHERE id = \(directive.id) AND revoked_at IS NULL AND applied_at IS NULL RETURNING id
                """, logger: logger)
            var updated = false
            for try await _ in rows { updated = true }
            guard updated else { throw StoreError.directiveClosed(directive.id) }
            _ = try await Self.appendAudit(audit, on: connection, logger: logger)
        }
    }

    public func directives(identityHashes: [String], includeClosed: Bool) async throws -> [PostMortemDirective] {
        guard !identityHashes.isEmpty else { return [] }
        return try await directives(
            """
            SELECT \(unescaped: Self.directiveColumns) FROM post_mortem_directive d
            WHERE id IN (\(unescaped: IdentityTable.directives.idsWhereHash) = ANY(\(identityHashes)))
              AND (\(includeClosed) OR (revoked_at IS NULL AND applied_at IS NULL))
            ORDER BY id
            """)
    }

    public func directive(id: Int64) async throws -> PostMortemDirective? {
        try await directives("SELECT \(unescaped: Self.directiveColumns) FROM post_mortem_directive d WHERE id = \(id)").first
    }

    private static let directiveColumns = """
        id, instruction, sealed_details, recorded_at, revoked_at, applied_at, applied_request,
        ARRAY(\(IdentityTable.directives.selectHashes(of: "d.id")))
        """

    private func directives(_ query: PostgresQuery) async throws -> [PostMortemDirective] {
        var directives: [PostMortemDirective] = []
        for try await row in try await client.query(query, logger: logger) {
            let (id, instruction, sealed, recorded, revoked, applied, request, hashes) =
                try row.decode((Int64, String, String, Int64, Int64?, Int64?, Int64?, [String]).self)
            var directive = try PostMortemDirective(
                stored: id, instruction: instruction, sealedDetails: sealed, recordedAt: recorded, revokedAt: revoked, appliedAt: applied, appliedRequest: request)
            directive.identityHashes = hashes
            directives.append(directive)
        }
        return directives
    }
}

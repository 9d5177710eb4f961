import Foundation
import GRDB

extension SQLiteStore {
    public func insertDirective(_ directive: PostMortemDirective, audit: @Sendable (PostMortemDirective) -> AuditDraft) async throws -> PostMortemDirective {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO post_mortem_directive (instruction, sealed_details, recorded_at) VALUES (?, ?, ?)",
                arguments: [directive.instruction.rawValue, directive.sealedDetails, directive.recordedAt.millisecondsSince1970])
            var stored = directive
            stored.id = db.lastInsertedRowID
            try Self.insert(directive.identityHashes, of: stored.id, into: .directives, db)
            _ = try Self.appendAudit(audit(stored), in: db)
            return stored
        }
    }

    public func updateDirective(_ directive: PostMortemDirective, audit: AuditDraft) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE post_mortem_directive SET revoked_at = ?, applied_at = ?, applied_request = ?
                    WHERE id = ? AND revoked_at IS NULL AND applied_at IS NULL
                    """,
                arguments: [directive.revokedAt?.millisecondsSince1970, directive.appliedAt?.millisecondsSince1970, directive.appliedRequest, directive.id])
            guard db.changesCount == 1 else { throw StoreError.directiveClosed(directive.id) }
            _ = try Self.appendAudit(audit, in: db)
        }
    }

    public func directives(identityHashes: [String], includeClosed: Bool) async throws -> [PostMortemDirective] {
        guard !identityHashes.isEmpty else { return [] }
        let open = includeClosed ? "" : " AND revoked_at IS NULL AND applied_at IS NULL"
        return try await pool.read { db in
            try Self.directives(
                db, where: "id IN (\(Self.ids(in: .directives, matching: identityHashes)))\(open)",
                arguments: StatementArguments(identityHashes))
        }
    }

    public func directive(id: Int64) async throws -> PostMortemDirective? {
        try await pool.read { db in try Self.directives(db, where: "id = ?", arguments: [id]).first }
    }

    private static func directives(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [PostMortemDirective] {
        var directives = try Row.fetchAll(
            db, sql: "SELECT id, instruction, sealed_details, recorded_at, revoked_at, applied_at, applied_request FROM post_mortem_directive WHERE \(condition) ORDER BY id",
            arguments: arguments
        ).map { row in
            try PostMortemDirective(stored: row[0], instruction: row[1], sealedDetails: row[2], recordedAt: row[3], revokedAt: row[4], appliedAt: row[5], appliedRequest: row[6])
        }
        for index in directives.indices { directives[index].identityHashes = try Self.hashes(of: directives[index].id, in: .directives, db) }
        return directives
    }
}

extension PostMortemDirective {
    /// A directive as both back ends store it (identities apart).
    init(stored id: Int64, instruction: String, sealedDetails: String, recordedAt: Int64, revokedAt: Int64?, appliedAt: Int64?, appliedRequest: Int64?) throws {
        guard let instruction = Instruction(rawValue: instruction) else {
            throw StoreError(code: "directive-unreadable", message: "directive \(id) has an instruction Registre does not know ('\(instruction)')")
        }
        self.init(
            id: id, instruction: instruction, sealedDetails: sealedDetails, identityHashes: [], recordedAt: Date(millisecondsSince1970: recordedAt),
            revokedAt: revokedAt.map(Date.init(millisecondsSince1970:)), appliedAt: appliedAt.map(Date.init(millisecondsSince1970:)), appliedRequest: appliedRequest)
    }
}

extension StoreError {
    /// The directive was withdrawn or carried out already (or does not exist).
    static func directiveClosed(_ id: Int64) -> StoreError {
        StoreError(code: "directive-closed", message: "directive \(id) was already withdrawn or carried out (or does not exist)")
    }
}

import Foundation
import GRDB
import RegistreCore

extension SQLiteStore {
    public func insertRequest(_ request: SubjectRequest, audit: @Sendable (SubjectRequest) -> AuditDraft) async throws -> SubjectRequest {
        try await pool.write { db in
            try db.execute(
                sql: """
                INSERT INTO subject_request (kind, state, subject_hash, sealed_details, received_at, started_on, due_on, extended_to,
                  extension_reason, closed_at, outcome, version, code_hash, code_expires_at, code_attempts, reminded_for)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: Self.arguments(of: request))
            var stored = request
            stored.id = db.lastInsertedRowID
            _ = try Self.appendAudit(audit(stored), in: db)
            return stored
        }
    }

    public func updateRequest(_ request: SubjectRequest, audit: AuditDraft) async throws {
        try await pool.write { db in
            var arguments = Self.arguments(of: request)
            arguments += [request.id, request.version - 1]
            try db.execute(
                sql: """
                UPDATE subject_request SET kind = ?, state = ?, subject_hash = ?, sealed_details = ?, received_at = ?, started_on = ?,
                  due_on = ?, extended_to = ?, extension_reason = ?, closed_at = ?, outcome = ?, version = ?, code_hash = ?,
                  code_expires_at = ?, code_attempts = ?, reminded_for = ?
                WHERE id = ? AND version = ?
                """,
                arguments: arguments)
            guard db.changesCount == 1 else { throw StoreError.requestChanged(request.id) }
            _ = try Self.appendAudit(audit, in: db)
            if !request.state.isOpen {
                // Overwrite the sealed file's pages in the database file, not only unlink them.
                try db.execute(sql: "PRAGMA secure_delete = ON")
                try db.execute(sql: "DELETE FROM identity_proof WHERE request_id = ?", arguments: [request.id])
                if db.changesCount > 0 { _ = try Self.appendAudit(audit.proofDestroyed(request.id), in: db) }
            }
        }
    }

    public func storeIdentityProof(_ proof: IdentityProofFile, audit: AuditDraft) async throws -> Bool {
        let open = RequestState.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try await pool.write { db in
            try db.execute(
                sql: """
                INSERT INTO identity_proof (request_id, content_type, size, sha256, sealed_content, received_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM subject_request WHERE id = ? AND state IN (\(open)))
                ON CONFLICT (request_id) DO UPDATE SET content_type = excluded.content_type, size = excluded.size, sha256 = excluded.sha256,
                  sealed_content = excluded.sealed_content, received_at = excluded.received_at
                """,
                arguments: [
                    proof.requestID, proof.contentType, proof.size, proof.sha256, proof.sealedContent, proof.receivedAt.millisecondsSince1970, proof.requestID,
                ])
            guard db.changesCount == 1 else { return false }
            _ = try Self.appendAudit(audit, in: db)
            return true
        }
    }

    public func identityProof(requestID: Int64, content: Bool) async throws -> IdentityProofFile? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT content_type, size, sha256, \(content ? "sealed_content" : "x''"), received_at FROM identity_proof WHERE request_id = ?",
                arguments: [requestID]
            ).map { row in
                IdentityProofFile(
                    requestID: requestID, contentType: row[0], size: row[1], sha256: row[2], sealedContent: row[3],
                    receivedAt: Date(millisecondsSince1970: row[4]))
            }
        }
    }

    public func request(id: Int64) async throws -> SubjectRequest? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.requestColumns) FROM subject_request WHERE id = ?", arguments: [id]).map(Self.subjectRequest)
        }
    }

    public func requests(includeClosed: Bool) async throws -> [SubjectRequest] {
        let open = RequestState.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                SELECT \(Self.requestColumns) FROM subject_request \(includeClosed ? "" : "WHERE state IN (\(open))")
                ORDER BY coalesce(extended_to, due_on) IS NULL, coalesce(extended_to, due_on), id
                """
            ).map(Self.subjectRequest)
        }
    }

    static let requestColumns = """
        id, kind, state, subject_hash, sealed_details, received_at, started_on, due_on, extended_to, extension_reason, closed_at, outcome, version,
        code_hash, code_expires_at, code_attempts, reminded_for
        """

    static func arguments(of request: SubjectRequest) -> StatementArguments {
        [
            request.right.rawValue, request.state.rawValue, request.subjectHash, request.sealedDetails, request.receivedAt.millisecondsSince1970,
            request.startedOn?.description, request.dueOn?.description, request.extendedTo?.description, request.extensionReason,
            request.closedAt?.millisecondsSince1970, request.outcome, request.version, request.codeHash,
            request.codeExpiresAt?.millisecondsSince1970, request.codeAttempts, request.remindedFor?.description,
        ]
    }

    static func subjectRequest(_ row: Row) throws -> SubjectRequest {
        try SubjectRequest(
            stored: row[0], kind: row[1], state: row[2], subjectHash: row[3], sealedDetails: row[4], receivedAt: row[5],
            startedOn: row[6], dueOn: row[7], extendedTo: row[8], extensionReason: row[9], closedAt: row[10], outcome: row[11], version: row[12],
            codeHash: row[13], codeExpiresAt: row[14], codeAttempts: row[15], remindedFor: row[16])
    }
}

extension SubjectRequest {
    /// A request as both back ends store it: right and state as text, days as `YYYY-MM-DD`,
    /// instants in milliseconds. A value no version of Registre writes is an error, not a guess.
    init(
        stored id: Int64, kind: String, state: String, subjectHash: String, sealedDetails: String, receivedAt: Int64,
        startedOn: String?, dueOn: String?, extendedTo: String?, extensionReason: String?, closedAt: Int64?, outcome: String?, version: Int64,
        codeHash: String?, codeExpiresAt: Int64?, codeAttempts: Int64, remindedFor: String?
    ) throws {
        guard let right = SubjectRight(rawValue: kind), let state = RequestState(rawValue: state) else {
            throw StoreError(code: "request-unreadable", message: "request \(id) holds a right or state Registre does not know ('\(kind)', '\(state)')")
        }
        func day(_ text: String?) throws -> CivilDate? {
            guard let text else { return nil }
            guard let day = CivilDate(iso: text) else { throw StoreError(code: "request-unreadable", message: "request \(id) holds a date that is not one: '\(text)'") }
            return day
        }
        self.init(
            id: id, right: right, state: state, subjectHash: subjectHash, sealedDetails: sealedDetails,
            receivedAt: Date(millisecondsSince1970: receivedAt), startedOn: try day(startedOn), dueOn: try day(dueOn),
            extendedTo: try day(extendedTo), extensionReason: extensionReason, closedAt: closedAt.map(Date.init(millisecondsSince1970:)),
            outcome: outcome, version: version, codeHash: codeHash, codeExpiresAt: codeExpiresAt.map(Date.init(millisecondsSince1970:)),
            codeAttempts: Int(codeAttempts), remindedFor: try day(remindedFor))
    }
}

extension StoreError {
    /// Another writer changed the request between reading and writing it.
    static func requestChanged(_ id: Int64) -> StoreError {
        StoreError(code: "request-changed", message: "request \(id) was changed meanwhile (or does not exist); read it again")
    }
}

import Foundation
import PostgresNIO
import RegistreCore

extension PostgresStore {
    public func insertRequest(_ request: SubjectRequest, audit: @Sendable (SubjectRequest) -> AuditDraft) async throws -> SubjectRequest {
        let logger = self.logger
        return try await transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO subject_request (kind, state, subject_hash, sealed_details, received_at, started_on, due_on, extended_to,
                  extension_reason, closed_at, outcome, version, code_hash, code_expires_at, code_attempts, reminded_for)
                VALUES (\(request.right.rawValue), \(request.state.rawValue), \(request.subjectHash), \(request.sealedDetails),
                  \(request.receivedAt.millisecondsSince1970), \(request.startedOn?.description), \(request.dueOn?.description),
                  \(request.extendedTo?.description), \(request.extensionReason), \(request.closedAt?.millisecondsSince1970),
                  \(request.outcome), \(request.version), \(request.codeHash), \(request.codeExpiresAt?.millisecondsSince1970),
                  \(Int64(request.codeAttempts)), \(request.remindedFor?.description))
                RETURNING id
                """, logger: logger)
            var stored = request
            for try await id in rows.decode(Int64.self) { stored.id = id }
            _ = try await Self.appendAudit(audit(stored), on: connection, logger: logger)
            return stored
        }
    }

    public func updateRequest(_ request: SubjectRequest, audit: AuditDraft) async throws {
        let logger = self.logger
        try await transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE subject_request SET kind = \(request.right.rawValue), state = \(request.state.rawValue),
                  subject_hash = \(request.subjectHash), sealed_details = \(request.sealedDetails),
                  received_at = \(request.receivedAt.millisecondsSince1970), started_on = \(request.startedOn?.description),
                  due_on = \(request.dueOn?.description), extended_to = \(request.extendedTo?.description),
                  extension_reason = \(request.extensionReason), closed_at = \(request.closedAt?.millisecondsSince1970),
                  outcome = \(request.outcome), version = \(request.version), code_hash = \(request.codeHash),
                  code_expires_at = \(request.codeExpiresAt?.millisecondsSince1970), code_attempts = \(Int64(request.codeAttempts)),
                  reminded_for = \(request.remindedFor?.description)
                WHERE id = \(request.id) AND version = \(request.version - 1)
                RETURNING id
                """, logger: logger)
            var updated = false
            for try await _ in rows { updated = true }
            guard updated else { throw StoreError.requestChanged(request.id) }
            _ = try await Self.appendAudit(audit, on: connection, logger: logger)
            if !request.state.isOpen {
                var destroyed = false
                for try await _ in try await connection.query("DELETE FROM identity_proof WHERE request_id = \(request.id) RETURNING request_id", logger: logger) {
                    destroyed = true
                }
                if destroyed { _ = try await Self.appendAudit(audit.proofDestroyed(request.id), on: connection, logger: logger) }
            }
        }
    }

    public func storeIdentityProof(_ proof: IdentityProofFile, audit: AuditDraft) async throws -> Bool {
        let logger = self.logger
        let open = RequestState.allCases.filter(\.isOpen).map(\.rawValue)
        return try await transaction { connection in
            var stored = false
            for try await _ in try await connection.query(
                """
                INSERT INTO identity_proof (request_id, content_type, size, sha256, sealed_content, received_at)
                SELECT \(proof.requestID), \(proof.contentType), \(Int64(proof.size)), \(proof.sha256), \(proof.sealedContent), \(proof.receivedAt.millisecondsSince1970)
                WHERE EXISTS (SELECT 1 FROM subject_request WHERE id = \(proof.requestID) AND state = ANY(\(open)) FOR UPDATE)
                ON CONFLICT (request_id) DO UPDATE SET content_type = excluded.content_type, size = excluded.size, sha256 = excluded.sha256,
                  sealed_content = excluded.sealed_content, received_at = excluded.received_at
                RETURNING request_id
                """, logger: logger) { stored = true }
            guard stored else { return false }
            _ = try await Self.appendAudit(audit, on: connection, logger: logger)
            return true
        }
    }

    public func identityProof(requestID: Int64, content: Bool) async throws -> IdentityProofFile? {
        let rows = try await client.query(
            "SELECT content_type, size, sha256, \(unescaped: content ? "sealed_content" : "''::bytea"), received_at FROM identity_proof WHERE request_id = \(requestID)",
            logger: logger)
        for try await (type, size, sha256, sealed, received) in rows.decode((String, Int64, String, Data, Int64).self) {
            return IdentityProofFile(
                requestID: requestID, contentType: type, size: Int(size), sha256: sha256, sealedContent: sealed, receivedAt: Date(millisecondsSince1970: received))
        }
        return nil
    }

    public func request(id: Int64) async throws -> SubjectRequest? {
        try await subjectRequests("SELECT \(unescaped: SQLiteStore.requestColumns) FROM subject_request WHERE id = \(id)").first
    }

    public func requests(includeClosed: Bool) async throws -> [SubjectRequest] {
        let open = RequestState.allCases.filter(\.isOpen).map(\.rawValue)
        return try await subjectRequests(
            """
            SELECT \(unescaped: SQLiteStore.requestColumns) FROM subject_request WHERE \(includeClosed) OR state = ANY(\(open))
            ORDER BY coalesce(extended_to, due_on) IS NULL, coalesce(extended_to, due_on), id
            """)
    }

    private func subjectRequests(_ query: PostgresQuery) async throws -> [SubjectRequest] {
        let rows = try await client.query(query, logger: logger)
        var requests: [SubjectRequest] = []
        for try await row in rows {
            let (id, kind, state, subject, sealed, received, started, due, extended, reason, closed, outcome, version, code, expiry, attempts, reminded) =
                try row.decode(
                    (Int64, String, String, String, String, Int64, String?, String?, String?, String?, Int64?, String?, Int64, String?, Int64?, Int64, String?)
                        .self)
            requests.append(try SubjectRequest(
                stored: id, kind: kind, state: state, subjectHash: subject, sealedDetails: sealed, receivedAt: received, startedOn: started,
                dueOn: due, extendedTo: extended, extensionReason: reason, closedAt: closed, outcome: outcome, version: version,
                codeHash: code, codeExpiresAt: expiry, codeAttempts: attempts, remindedFor: reminded))
        }
        return requests
    }
}

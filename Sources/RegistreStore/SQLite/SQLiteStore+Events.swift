import Foundation
import GRDB

extension SQLiteStore {
    public func insertEvents(_ events: [SubjectEvent], audit: @Sendable (Int) -> AuditDraft) async throws -> Int {
        try await pool.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO subject_event (identity_type, subject_hash, kind, occurred_at, recorded_at, source)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
            var recorded = 0
            for event in events {
                try statement.execute(arguments: [
                    event.identityType, event.subjectHash, event.kind, event.occurredAt.millisecondsSince1970, event.recordedAt.millisecondsSince1970,
                    event.source,
                ])
                recorded += db.changesCount
            }
            _ = try Self.appendAudit(audit(recorded), in: db)
            return recorded
        }
    }

    public func events(subjectHashes: [String]) async throws -> [SubjectEvent] {
        guard !subjectHashes.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: subjectHashes.count).joined(separator: ", ")
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT id, identity_type, subject_hash, kind, occurred_at, recorded_at, source FROM subject_event
                    WHERE subject_hash IN (\(placeholders)) ORDER BY occurred_at, id
                    """,
                arguments: StatementArguments(subjectHashes)
            ).map { row in
                SubjectEvent(
                    id: row[0], identityType: row[1], subjectHash: row[2], kind: row[3], occurredAt: Date(millisecondsSince1970: row[4]),
                    recordedAt: Date(millisecondsSince1970: row[5]), source: row[6])
            }
        }
    }
}

import Foundation
import PostgresNIO

extension PostgresStore {
    public func insertEvents(_ events: [SubjectEvent], audit: @Sendable (Int) -> AuditDraft) async throws -> Int {
        let logger = self.logger
        return try await transaction { connection in
            var recorded = 0
            // A statement per 5,000 events, their columns bound as arrays.
            for start in stride(from: 0, to: events.count, by: 5_000) {
                let batch = events[start..<min(start + 5_000, events.count)]
                let rows = try await connection.query(
                    """
                    INSERT INTO subject_event (identity_type, subject_hash, kind, occurred_at, recorded_at, source)
                    SELECT * FROM unnest(\(batch.map(\.identityType))::text[], \(batch.map(\.subjectHash))::text[], \(batch.map(\.kind))::text[],
                      \(batch.map(\.occurredAt.millisecondsSince1970))::bigint[], \(batch.map(\.recordedAt.millisecondsSince1970))::bigint[],
                      \(batch.map(\.source))::text[])
                    ON CONFLICT DO NOTHING RETURNING id
                    """, logger: logger)
                for try await _ in rows { recorded += 1 }
            }
            _ = try await Self.appendAudit(audit(recorded), on: connection, logger: logger)
            return recorded
        }
    }

    public func events(subjectHashes: [String]) async throws -> [SubjectEvent] {
        guard !subjectHashes.isEmpty else { return [] }
        var events: [SubjectEvent] = []
        let rows = try await client.query(
            """
            SELECT id, identity_type, subject_hash, kind, occurred_at, recorded_at, source FROM subject_event
            WHERE subject_hash = ANY(\(subjectHashes)) ORDER BY occurred_at, id
            """, logger: logger)
        for try await (id, type, hash, kind, occurred, recorded, source) in rows.decode((Int64, String, String, String, Int64, Int64, String).self) {
            events.append(SubjectEvent(
                id: id, identityType: type, subjectHash: hash, kind: kind, occurredAt: Date(millisecondsSince1970: occurred),
                recordedAt: Date(millisecondsSince1970: recorded), source: source))
        }
        return events
    }
}

import Foundation
import PostgresNIO

extension PostgresStore {
    /// One month of the consent ledger: its table and the span of `received_at` it holds, in
    /// milliseconds since 1970, from the first instant of the month in UTC to the first of the next.
    struct MonthPartition: Hashable, Sendable {
        let name: String
        let from: Int64
        let to: Int64

        /// The month `date` falls in.
        init(containing date: Date) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let parts = calendar.dateComponents([.year, .month], from: date)
            let start = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: 1))!
            let end = calendar.date(byAdding: .month, value: 1, to: start)!
            name = String(format: "consent_record_y%04dm%02d", parts.year!, parts.month!)
            from = start.millisecondsSince1970
            to = end.millisecondsSince1970
        }

        func holds(_ milliseconds: Int64) -> Bool { from <= milliseconds && milliseconds < to }
    }

    /// Creates the monthly partitions that records received at `dates` need, unless this server
    /// already knows they exist. Servers sharing the database create each month once: they take
    /// turns on an advisory lock and `IF NOT EXISTS` lets the later ones find it done.
    func ensurePartitions(for dates: some Sequence<Date>) async throws {
        var missing: Set<MonthPartition> = []
        let known = partitions.withLock { $0 }
        for date in dates {
            let milliseconds = date.millisecondsSince1970
            if !known.contains(where: { $0.holds(milliseconds) }) && !missing.contains(where: { $0.holds(milliseconds) }) {
                missing.insert(MonthPartition(containing: Date(millisecondsSince1970: milliseconds)))
            }
        }
        guard !missing.isEmpty else { return }
        let logger = self.logger
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(727210462)", logger: logger)
            for partition in missing {
                // Names and bounds are computed here, never from input.
                try await connection.query(PostgresQuery(unsafeSQL: """
                    CREATE TABLE IF NOT EXISTS \(partition.name) PARTITION OF consent_record
                    FOR VALUES FROM (\(partition.from)) TO (\(partition.to))
                    """), logger: logger)
            }
        }
        partitions.withLock { $0.formUnion(missing) }
    }

    /// The partitions of this month and the next, made when the server starts so that the first
    /// consent of a month rarely waits for its table.
    func ensureComingPartitions(now: Date = Date()) async throws {
        let thisMonth = MonthPartition(containing: now)
        try await ensurePartitions(for: [now, Date(millisecondsSince1970: thisMonth.to)])
    }
}

import Foundation
import PostgresNIO
import Testing
@testable import RegistreStore

/// The consent ledger on PostgreSQL is partitioned by month of receipt (UTC).
@Suite struct PostgresPartitionTests {
    static let endOf2025 = Date(millisecondsSince1970: 1_767_225_599_999)  // 2025-12-31T23:59:59.999Z
    static let startOf2026 = Date(millisecondsSince1970: 1_767_225_600_000)  // 2026-01-01T00:00:00Z
    static let november2026 = Date(timeIntervalSince1970: 1_794_787_200)  // 2026-11-15

    /// Each record's id and the partition holding it, by id.
    static func placement(_ store: PostgresStore) async throws -> [(id: Int64, table: String)] {
        var rows: [(Int64, String)] = []
        for try await (id, table) in try await store.client.query(
            "SELECT id, tableoid::regclass::text FROM consent_record ORDER BY id", logger: StoreFixture.logger
        ).decode((Int64, String).self) { rows.append((id, table)) }
        return rows
    }

    @Test func monthBoundsAreUTCMonths() {
        let december = PostgresStore.MonthPartition(containing: Self.endOf2025)
        #expect(december.name == "consent_record_y2025m12")
        #expect(december.to == Self.startOf2026.millisecondsSince1970 && december.holds(Self.endOf2025.millisecondsSince1970))
        let january = PostgresStore.MonthPartition(containing: Self.startOf2026)
        #expect(january.name == "consent_record_y2026m01" && january.from == december.to)
        #expect(PostgresStore.MonthPartition(containing: Date(timeIntervalSince1970: 1_709_164_800)).name == "consent_record_y2024m02")  // 29 Feb 2024
    }

    @Test func recordsStoredBeforePartitioningMoveIntoTheirMonths() async throws {
        try await StoreFixture.with(.postgres, migrated: false) { fixture in
            let store = try #require(fixture.store as? PostgresStore)
            try await store.migrate(stoppingAfter: "2-subject-requests")
            // The single table of migration 1 needs no partition.
            store.partitions.withLock { $0 = [Self.endOf2025, Self.startOf2026, Self.november2026].map(PostgresStore.MonthPartition.init).reduce(into: []) { $0.insert($1) } }
            let before = try await store.appendConsents([
                StoreFixture.draft(subject: "a", at: Self.endOf2025), StoreFixture.draft(subject: "b", at: Self.startOf2026),
                StoreFixture.draft(subject: "a", at: Self.november2026),
            ])
            try await store.migrate()
            #expect(try await Self.placement(store).map { "\($0.id) \($0.table)" } == [
                "\(before[0].id) consent_record_y2025m12", "\(before[1].id) consent_record_y2026m01", "\(before[2].id) consent_record_y2026m11",
            ])
            #expect(try await store.consentHistory(subjectHash: "a") == [before[0], before[2]])
            // The sequence carries on after the moved records, and the chain still holds.
            let after = try await store.appendConsents([StoreFixture.draft(subject: "a", at: Self.november2026)])
            #expect(after[0].id == before[2].id + 1)
            let verified = try await AuditVerifier(store: store).verify()
            #expect(verified.problem == nil && verified.checked == 4)
            // This month and the next were made when the server started.
            var tables: Set<String> = []
            for try await name in try await store.client.query(
                "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'consent_record'::regclass", logger: StoreFixture.logger
            ).decode(String.self) { tables.insert(name) }
            let now = PostgresStore.MonthPartition(containing: Date())
            #expect(tables.contains(now.name) && tables.contains(PostgresStore.MonthPartition(containing: Date(millisecondsSince1970: now.to)).name))
        }
    }

    @Test func aNewMonthGetsItsPartitionEvenWhenTwoServersRaceForIt() async throws {
        try await StoreFixture.with(.postgres) { fixture in
            let first = try #require(fixture.store as? PostgresStore)
            let second = try PostgresStore(url: try #require(fixture.postgresURL), logger: StoreFixture.logger)
            let may2031 = Date(timeIntervalSince1970: 1_935_878_400)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await second.run() }
                defer { group.cancelAll() }
                async let one = first.appendConsents((0..<20).map { StoreFixture.draft(subject: "one-\($0)", at: may2031.addingTimeInterval(Double($0))) })
                async let two = second.appendConsents((0..<20).map { StoreFixture.draft(subject: "two-\($0)", at: may2031.addingTimeInterval(Double($0))) })
                let stored = try await one.count + two.count
                #expect(stored == 40)
            }
            let placement = try await Self.placement(first)
            #expect(placement.count == 40 && placement.allSatisfy { $0.table == "consent_record_y2031m05" })
        }
    }
}

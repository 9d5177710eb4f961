import Foundation
import Synchronization
import Testing
@testable import RegistreConnectors

/// The server's pool of connections to a company database, on a real PostgreSQL server.
@Suite struct ConnectorPoolTests {
    /// Runs `body` with a pool on the shop fixture loaded in a fresh PostgreSQL database.
    static func withPool(maximumOpen: Int, lifetime: Duration = .seconds(60), _ body: (ConnectorPool, ConnectorFixture) async throws -> Void) async throws {
        try await ConnectorFixture.with(.postgres, scripts: ShopFixtureTests.scripts) { fixture in
            let pool = ConnectorPool(location: fixture.location, logger: ConnectorFixture.logger, maximumOpen: maximumOpen, definitionLifetime: lifetime)
            do {
                try await body(pool, fixture)
                await pool.close()
            } catch {
                await pool.close()
                throw error
            }
        }
    }

    /// The connections the fixture's database has open, as PostgreSQL counts them.
    static func connections(_ pool: ConnectorPool) async throws -> Int {
        try await pool.withConnector { connector in
            let rows = try await connector.rows(of: TableName(schema: "pg_catalog", name: "pg_stat_activity"), columns: ["datname"], where: "datname",
                                                matchesAnyOf: [.text(try #require(pool.databaseName))], caseInsensitive: false)
            return rows.count
        }
    }

    /// The PostgreSQL backend serving the connection the pool lends next.
    static func backendPID(_ pool: ConnectorPool) async throws -> String {
        try await pool.withConnector { connector in
            let rows = try await connector.rows(of: TableName(schema: "pg_catalog", name: "pg_stat_activity"), columns: ["pid", "query"], where: "datname",
                                                matchesAnyOf: [.text(try #require(pool.databaseName))], caseInsensitive: false)
            return rows.first { ($0.values.last?.jsonText ?? "").contains("pg_stat_activity") }?.values.first?.jsonText ?? ""
        }
    }

    @Test func requestsBeyondTheLimitWaitAndConnectionsAreReused() async throws {
        try await Self.withPool(maximumOpen: 2) { pool, _ in
            final class Busy: Sendable {
                let count = Mutex((now: 0, most: 0))
            }
            let busy = Busy()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await pool.withConnector { connector in
                            busy.count.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                            _ = try await connector.describe(TableName(schema: nil, name: "customer"))
                            try await Task.sleep(for: .milliseconds(30))
                            busy.count.withLock { $0.now -= 1 }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(busy.count.withLock { $0.most } == 2, "never more connections lent than the limit")
            #expect(try await Self.connections(pool) == 2, "the two connections are kept open and lent again, no third one")
        }
    }

    @Test func definitionsAreKeptForTheirLifetimeThenReadAgain() async throws {
        try await Self.withPool(maximumOpen: 1, lifetime: .seconds(3600)) { pool, _ in
            let customer = TableName(schema: nil, name: "customer")
            let before = try await pool.withConnector { try await $0.describe(customer) }
            #expect(before?.column("nickname") == nil)
            try ConnectorFixture.psql(try ConnectorFixture.postgresURL(), database: try #require(pool.databaseName), command: "ALTER TABLE customer ADD COLUMN nickname text")
            let cached = try await pool.withConnector { try await $0.describe(customer) }
            #expect(cached?.column("nickname") == nil, "read once, kept for its lifetime")
            // A pool whose definitions last no time, warmed before the change, reads them again.
            let fresh = ConnectorPool(location: pool.location, logger: ConnectorFixture.logger, maximumOpen: 1, definitionLifetime: .zero)
            let address = TableName(schema: nil, name: "address")
            _ = try await fresh.withConnector { try await $0.describe(address) }
            try ConnectorFixture.psql(try ConnectorFixture.postgresURL(), database: try #require(pool.databaseName), command: "ALTER TABLE address ADD COLUMN floor text")
            let again = try await fresh.withConnector { try await $0.describe(address) }
            await fresh.close()
            #expect(again?.column("floor") != nil, "read again once its lifetime passed")
        }
    }

    @Test func aFailedConnectionIsDroppedAndTheNextRequestGetsAWorkingOne() async throws {
        try await Self.withPool(maximumOpen: 1) { pool, _ in
            let customer = TableName(schema: nil, name: "customer")
            // A value PostgreSQL cannot cast to the column's type: the query fails on the server.
            let failed = await #expect(throws: ConnectorError.self) {
                try await pool.withConnector { try await $0.rows(of: customer, columns: ["id"], where: "id", matchesAnyOf: [.text("not a number")], caseInsensitive: false) }
            }
            #expect(failed?.code == "query-failed")
            let first = try await Self.backendPID(pool)
            let rows = try await pool.withConnector { try await $0.rows(of: customer, columns: ["id"], where: "id", matchesAnyOf: [.integer(1)], caseInsensitive: false) }
            #expect(rows.count == 1)
            // (PostgreSQL lists a closed connection until its backend has exited: wait for that.)
            var open = try await Self.connections(pool)
            for _ in 0..<40 where open != 1 {
                try await Task.sleep(for: .milliseconds(50))
                open = try await Self.connections(pool)
            }
            #expect(open == 1, "the failed connection was closed, not kept beside the new one")
            #expect(try await Self.backendPID(pool) == first, "the new one is kept and lent again")
        }
    }
}

extension ConnectorPool {
    /// The database the pool connects to.
    var databaseName: String? {
        guard case .postgres(let url) = location else { return nil }
        return String(url.path.dropFirst())
    }
}

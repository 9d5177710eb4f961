import Foundation
import RegistreCore
import Testing
@testable import RegistreConnectors

/// What a column scan reads of a database: the list of its tables and a bounded sample of each.
@Suite struct TableListingTests {
    static let script = FidesSample.root.appendingPathComponent("Tests/Fixtures/columns/schema.sql")
    static let shop = ["customer", "newsletter", "orders", "product"]

    @Test(arguments: Backend.allCases) func tablesOfTheDefaultSchemaComeWithoutOne(backend: Backend) async throws {
        try await ConnectorFixture.with(backend, scripts: [Self.script]) { fixture in
            // SQLite's own tables (sqlite_sequence), PostgreSQL's partitions and views are no tables to scan.
            switch backend {
            case .sqlite:
                try await fixture.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT); INSERT INTO counter DEFAULT VALUES;")
            case .postgres:
                try await fixture.execute("""
                    CREATE TABLE counter (id int, at date) PARTITION BY RANGE (at);
                    CREATE TABLE counter_2024 PARTITION OF counter FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                    CREATE VIEW customer_view AS SELECT id, email FROM customer;
                    """)
            }
            try await fixture.withConnector { connector in
                let expected = (["counter"] + Self.shop).map { TableName(schema: nil, name: $0) }
                #expect(try await connector.tables(schema: nil) == expected)
                #expect(try await connector.tables(schema: backend == .sqlite ? "main" : "public") == expected)

                let table = TableName(schema: nil, name: "customer")
                let rows = try await connector.sample(of: table, columns: ["id", "email", "fax"], limit: 3)
                #expect(rows.count == 3 && rows.allSatisfy { $0.columns == ["id", "email", "fax"] })
                #expect(rows.first?.values.first.map { if case .integer = $0 { true } else { false } } == true)
                #expect(rows.first?["email"].map { if case .text(let text) = $0 { text.hasSuffix("@exemple.fr") } else { false } } == true)
                let all = try await connector.sample(of: table, columns: ["fax"], limit: 1000)
                #expect(all.count == 20 && all.filter { $0["fax"] == .null }.count == 14)
                #expect(try await connector.sample(of: table, columns: ["id"], limit: 0).isEmpty)
                await #expect(throws: ConnectorError.self) {
                    try await connector.sample(of: TableName(schema: nil, name: "customer\"; DROP TABLE product; --"), columns: ["id"], limit: 1)
                }
                #expect(try await connector.tables(schema: nil).contains(TableName(schema: nil, name: "product")))
            }
        }
    }

    @Test func postgreSQLTablesOfAnotherSchemaComeWithIt() async throws {
        try await ConnectorFixture.with(.postgres, scripts: [Self.script], schema: "crm") { fixture in
            try await fixture.withConnector { connector in
                let expected = Self.shop.map { TableName(schema: "crm", name: $0) }
                #expect(try await connector.tables(schema: nil) == expected)
                #expect(try await connector.tables(schema: "crm") == expected)
                #expect(try await connector.tables(schema: "nowhere").isEmpty)
                #expect(try await connector.tables(schema: "pg_catalog").isEmpty)
                let rows = try await connector.sample(of: TableName(schema: "crm", name: "orders"), columns: ["shipping_address"], limit: 2)
                #expect(rows.count == 2)
            }
        }
    }
}

import Foundation
import RegistreCore
import Testing
@testable import RegistreConnectors

/// `registre datasets check` on real databases: the shop fixture (clean but for one column left
/// without an index on purpose) and a dataset holding one mistake of each kind.
@Suite struct DatasetCheckTests {
    static let checkFolder = FidesSample.root.appendingPathComponent("Tests/Fixtures/check")

    @Test(arguments: Backend.allCases) func theShopWarnsOnlyAboutItsUnindexedColumn(backend: Backend) async throws {
        try await ConnectorFixture.with(backend, scripts: ShopFixtureTests.scripts, schema: "boutique") { fixture in
            let dataset = fixture.placed(try ShopFixtureTests.dataset())
            let findings = try await fixture.withConnector { connector in
                try await DatasetCheck(dataset: dataset, connector: connector).run()
            }
            #expect(findings.map(\.ruleID) == ["dataset-not-indexed"], "\(findings.map(\.description))")
            #expect(findings.first?.severity == .warning && findings.first?.message.contains("login by customer_id") == true)
        }
    }

    @Test(arguments: Backend.allCases) func eachMistakeIsReportedWhereItIsWritten(backend: Backend) async throws {
        let scripts = [Self.checkFolder.appendingPathComponent("schema.sql")]
        try await ConnectorFixture.with(backend, scripts: scripts) { fixture in
            let loaded = try DatasetLoader.load(contentsOf: Self.checkFolder.appendingPathComponent("dataset.yml").path)
            #expect(loaded.findings.isEmpty, "\(loaded.findings.map(\.description))")
            let dataset = try #require(loaded.datasets?.first)
            let findings = try await fixture.withConnector { connector in
                try await DatasetCheck(dataset: dataset, connector: connector, activities: ["customer-account"]).run()
            }
            let found = findings.map { "\($0.severity) \($0.ruleID) \($0.location.line)" }
            let expected = [
                "error dataset-unknown-activity 6",
                "warning dataset-not-indexed 12",
                "error dataset-unmaskable 15",  // hash (64 characters) into VARCHAR(20)
                "error dataset-unmaskable 18",  // NULL into NOT NULL
                "warning dataset-type-differs 20",
                "error dataset-unmaskable 23",  // text into INTEGER
                "error dataset-unmaskable 26",  // aes_encrypt
                "error dataset-unmaskable 29",  // unknown strategy
                "error dataset-column-missing 32",
                "error dataset-unmaskable 36",  // e-mail in the primary key
                "error dataset-unmaskable 41",  // visited_at in the primary key
                "error dataset-reference-missing 49",
                "error dataset-no-primary-key 50",
                "error dataset-unreachable 50",
                "warning dataset-unreachable 56",
                "error dataset-table-missing 61",
            ]
            #expect(found.sorted() == expected.sorted(), "\(findings.map(\.description).joined(separator: "\n"))")
            let messages = findings.map(\.message)
            #expect(messages.contains { $0.contains("writes 64 characters and the column holds at most 20") })
            #expect(messages.contains { $0.contains("no identity reaches device") })
            #expect(findings.allSatisfy { $0.location.file.hasSuffix("dataset.yml") })
            // The table name from the dataset was quoted, never run.
            let stillThere = try await fixture.withConnector { connector in try await connector.describe(TableName(schema: nil, name: "person")) }
            #expect(stillThere != nil)
        }
    }

    @Test(arguments: [
        ("lower((email)::text)", "lower(email)"),
        ("\"Email\" COLLATE NOCASE DESC", "email"),
        ("lower(\"referee_email\")", "lower(referee_email)"),
        ("customer_id", "customer_id"),
        ("(lower(email))", "lower(email)"),
    ])
    func indexKeysAreComparedAsTheDatabasesPrintThem(printed: String, normalized: String) {
        #expect(TableDescription.normalizedLead(printed) == normalized)
    }

    @Test func theFirstTermOfAnExpressionIndexIsReadFromItsSQL() {
        #expect(SQLiteConnector.firstIndexedTerm(of: "CREATE INDEX x ON customer (lower(email), id)") == "lower(email)")
        #expect(SQLiteConnector.firstIndexedTerm(of: "CREATE INDEX \"on\" ON t(substr(a, 1, 2))") == "substr(a, 1, 2)")
    }
}

import Foundation
import GRDB
import RegistreCore
import Testing
@testable import RegistreConnectors

/// The shop of `Tests/Fixtures/shop` (twelve tables: composite keys, nullable references, a
/// reference cycle, tables reachable only through others, shared addresses and referrals that a
/// careless search would leak); its README lists every person's rows.
@Suite struct ShopFixtureTests {
    static let folder = FidesSample.root.appendingPathComponent("Tests/Fixtures/shop")

    static let scripts = ["schema.sql", "seed.sql"].map { folder.appendingPathComponent($0) }

    static func dataset() throws -> Dataset {
        let loaded = try DatasetLoader.load(contentsOf: folder.appendingPathComponent("dataset.yml").path)
        #expect(loaded.findings.isEmpty, "\(loaded.findings.map(\.description))")
        return try #require(loaded.datasets?.first)
    }

    /// Runs `body` with the shop loaded in `backend` (on PostgreSQL, in the schema `boutique`,
    /// not `public`), after the SQL statements of `setup`, and a writable connector to it.
    static func withShop<T: Sendable>(_ backend: Backend, setup: [String] = [], _ body: (Dataset, any Connector) async throws -> T) async throws -> T {
        let folder = try SubjectFinderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var scripts = Self.scripts
        if !setup.isEmpty {
            let extra = folder.appendingPathComponent("setup.sql")
            try setup.joined(separator: "\n").write(to: extra, atomically: true, encoding: .utf8)
            scripts.append(extra)
        }
        return try await ConnectorFixture.with(backend, scripts: scripts, schema: "boutique") { fixture in
            let dataset = fixture.placed(try Self.dataset())
            return try await fixture.withConnector(writable: true) { connector in try await body(dataset, connector) }
        }
    }

    /// Runs `body` with a finder over the shop loaded in `backend` (on PostgreSQL, in the
    /// schema `boutique`, not `public`).
    static func withFinder(_ backend: Backend, _ body: (SubjectFinder) async throws -> Void) async throws {
        try await ConnectorFixture.with(backend, scripts: scripts, schema: "boutique") { fixture in
            let dataset = fixture.placed(try Self.dataset())
            try await fixture.withConnector { connector in try await body(SubjectFinder(dataset: dataset, connector: connector)) }
        }
    }

    static func keys(_ found: SubjectRows, _ collection: String, _ columns: String...) -> [String] {
        (found.rows[collection] ?? []).map { row in columns.map { row[$0]?.jsonText ?? "null" }.joined(separator: "/") }
    }

    @Test(arguments: Backend.allCases) func jeanneGetsHerRowsInEveryTableAndNobodyElses(backend: Backend) async throws {
        try await Self.withFinder(backend) { finder in
        let found = try await finder.find([Identity(argument: "email=jeanne.dupont@EXEMPLE.fr")])
        #expect(Self.keys(found, "customer", "id") == ["1"])
        #expect(Self.keys(found, "address", "id") == ["10", "11"])
        #expect(Self.keys(found, "customer_order", "id") == ["101", "102"])
        #expect(Self.keys(found, "order_line", "order_id", "line_no") == ["101/1", "101/2", "102/1"])
        #expect(Self.keys(found, "payment_card", "id") == ["501", "502"])
        #expect(Self.keys(found, "login", "id") == ["901", "902"])
        #expect(Self.keys(found, "support_ticket", "id") == ["701", "702"])
        #expect(Self.keys(found, "ticket_message", "ticket_id", "message_no") == ["701/1", "701/2", "702/1"])
        #expect(Self.keys(found, "loyalty_account", "id") == ["801"])
        #expect(Self.keys(found, "referral", "id") == ["951", "952"])
        #expect(found.rows["newsletter_subscription"]?.count == 2)
        // Customer 2 (Karim) is linked through referral 951; none of his rows may appear.
        #expect(!Self.keys(found, "customer_order", "id").contains("103"))
        // The same rows by phone, in another written form, and by customer number, less the
        // newsletter, which only the e-mail address reaches.
        for identity in ["phone_number=+33 6 12 34 56 78", "customer_number=C-000042"] {
            let other = try await finder.find([Identity(argument: identity)])
            for collection in found.rows.keys where collection != "newsletter_subscription" {
                #expect(other.rows[collection] == found.rows[collection], "\(identity): \(collection)")
            }
            #expect(other.rows["newsletter_subscription"] == nil)
        }
        }
    }

    @Test(arguments: Backend.allCases) func sharedAddressesDoNotLeakTheOtherPerson(backend: Backend) async throws {
        try await Self.withFinder(backend) { finder in
        let claire = try await finder.find([Identity(argument: "email=claire.martin@exemple.fr")])
        #expect(Self.keys(claire, "customer", "id") == ["4"])
        #expect(Self.keys(claire, "address", "id") == ["30", "40"])
        #expect(Self.keys(claire, "customer_order", "id") == ["106"])
        let patrick = try await finder.find([Identity(argument: "email=Patrick.O'Brien@example.com")])
        #expect(Self.keys(patrick, "customer", "id") == ["5"])
        #expect(patrick.rows["customer_order"] == nil, "no orders: nothing, not an error")
        let margot = try await finder.find([Identity(argument: "email=margot.leroy@example.com")])
        #expect(margot.rows.keys.sorted() == ["newsletter_subscription"] && margot.rows["newsletter_subscription"]?.count == 2)
        let injected = try await finder.find([Identity(argument: "email=x'or'1'='1@exemple.fr")])
        #expect(injected.rows.isEmpty)
        }
    }
}

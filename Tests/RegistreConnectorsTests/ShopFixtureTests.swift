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

    static func finder(in directory: URL) throws -> SubjectFinder {
        let path = directory.appendingPathComponent("shop.sqlite").path
        let queue = try DatabaseQueue(path: path)
        for file in ["schema.sql", "seed.sql"] {
            let script = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            try queue.write { db in try db.execute(sql: script) }
        }
        let loaded = try DatasetLoader.load(contentsOf: folder.appendingPathComponent("dataset.yml").path)
        #expect(loaded.findings.isEmpty, "\(loaded.findings.map(\.description))")
        return SubjectFinder(dataset: try #require(loaded.datasets?.first), connector: try SQLiteConnector(path: path))
    }

    static func keys(_ found: SubjectRows, _ collection: String, _ columns: String...) -> [String] {
        (found.rows[collection] ?? []).map { row in columns.map { row[$0]?.jsonText ?? "null" }.joined(separator: "/") }
    }

    @Test func jeanneGetsHerRowsInEveryTableAndNobodyElses() async throws {
        let directory = try SubjectFinderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let finder = try Self.finder(in: directory)
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
    }

    @Test func sharedAddressesDoNotLeakTheOtherPerson() async throws {
        let directory = try SubjectFinderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let finder = try Self.finder(in: directory)
        let claire = try await finder.find([Identity(argument: "email=claire.martin@exemple.fr")])
        #expect(Self.keys(claire, "customer", "id") == ["4"])
        #expect(Self.keys(claire, "address", "id") == ["30", "40"])
        #expect(Self.keys(claire, "customer_order", "id") == ["106"])
        let patrick = try await finder.find([Identity(argument: "email=Patrick.O'Brien@example.com")])
        #expect(Self.keys(patrick, "customer", "id") == ["5"])
        #expect(patrick.rows["customer_order"] == nil, "no orders: nothing, not an error")
        let margot = try await finder.find([Identity(argument: "email=margot.leroy@example.com")])
        #expect(margot.rows.keys.sorted() == ["newsletter_subscription"] && margot.rows["newsletter_subscription"]?.count == 2)
    }
}

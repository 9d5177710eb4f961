import Foundation
import RegistreCore
import Testing
@testable import RegistreConnectors

/// Erasure on the shop fixture, in SQLite and in PostgreSQL: what goes, what is masked, what the
/// policy keeps, what belongs to someone else too, and that nothing is reported done that is not.
@Suite struct EraserTests {
    static let secret = Array(repeating: UInt8(7), count: 32)

    static func policy() throws -> Policy {
        try #require(PolicyLoader.load(contentsOf: ShopFixtureTests.folder.appendingPathComponent("policy.yaml").path).policy)
    }

    /// Runs `body` with an eraser over a fresh shop in `backend`; `setup` is SQL run first.
    static func withEraser(_ backend: Backend, setup: [String] = [], _ body: (Eraser, any Connector) async throws -> Void) async throws {
        let retained = Eraser.retained(by: try Self.policy(), in: try ShopFixtureTests.dataset())
        try await ShopFixtureTests.withShop(backend, setup: setup) { dataset, connector in
            try await body(Eraser(dataset: dataset, connector: connector, retained: retained, secret: Self.secret), connector)
        }
    }

    static func read(_ connector: any Connector, _ table: String, _ column: String, _ values: SQLValue..., where key: String = "id") async throws -> [Row] {
        let schema = connector is PostgresConnector ? "boutique" : nil
        let columns = try await connector.describe(TableName(schema: schema, name: table))?.columns.map(\.name) ?? []
        return try await connector.rows(of: TableName(schema: schema, name: table), columns: columns, where: key, matchesAnyOf: values, caseInsensitive: false)
            .sorted { ($0[column]?.jsonText ?? "") < ($1[column]?.jsonText ?? "") }
    }

    @Test(arguments: Backend.allCases) func jeanneIsErasedExceptWhatTheLawKeepsAndWhatIsAlsoKarims(backend: Backend) async throws {
        try await Self.withEraser(backend) { eraser, connector in
            let result = try await eraser.erase([Identity(argument: "email=Jeanne.Dupont@exemple.fr")])
            #expect(result.status == "partially_completed" && result.failures.isEmpty, "\(result.failures)")
            #expect(result.collections["customer_order"]?.first?.action == "kept")
            #expect(result.collections["customer_order"]?.first?.reason?.contains("Code de commerce") == true)
            #expect(result.collections["referral"]?.map(\.action).sorted() == ["masked", "shared"])

            let customer = try #require(try await Self.read(connector, "customer", "id", .integer(1)).first)
            #expect(customer["first_name"]?.jsonText == "anonyme" && customer["phone"] == .null)
            #expect(customer["email"]?.jsonText?.count == 64 && customer["email"]?.jsonText?.contains("@") == false)
            #expect(customer["id"]?.jsonText == "1", "the key stays")
            let addresses = try await Self.read(connector, "address", "id", .integer(10), .integer(11), .integer(30))
            #expect(addresses.map { $0["street"]?.jsonText } == ["-", "-", "27 rue de la Gaîté"], "address 30 is Paul's")
            #expect(try await Self.read(connector, "loyalty_account", "id", .integer(801)).isEmpty)
            let newsletter = try await Self.read(connector, "newsletter_subscription", "email", .text("jeanne.dupont@exemple.fr"), .text("JEANNE.DUPONT@EXEMPLE.FR"), where: "email")
            #expect(newsletter.isEmpty)
            let orders = try await Self.read(connector, "customer_order", "id", .integer(101), .integer(102))
            #expect(orders.map { $0["status"]?.jsonText } .allSatisfy { $0 != "anonymised" } && orders.count == 2, "accounting keeps the orders as they were")
            let referrals = try await Self.read(connector, "referral", "id", .integer(951), .integer(952))
            #expect(referrals[0]["referee_email"]?.jsonText == "karim.benali@example.com", "951 also concerns Karim")
            #expect(referrals[1]["referee_email"]?.jsonText?.count == 64)
            // Karim's own rows are untouched.
            #expect(try await Self.read(connector, "customer", "id", .integer(2)).first?["first_name"]?.jsonText == "Karim")
            #expect(try await Self.read(connector, "loyalty_account", "id", .integer(802)).count == 1)

            // Again: the identity leads nowhere any more, which is not an error.
            let again = try await eraser.erase([Identity(argument: "email=jeanne.dupont@exemple.fr")])
            #expect(again.status == "no_data")
        }
    }

    @Test(arguments: Backend.allCases) func aSharedAddressStaysForTheOtherPerson(backend: Backend) async throws {
        try await Self.withEraser(backend) { eraser, connector in
            let result = try await eraser.erase([Identity(argument: "email=claire.martin@exemple.fr")])
            #expect(result.collections["address"]?.map(\.action).sorted() == ["masked", "shared"])
            let addresses = try await Self.read(connector, "address", "id", .integer(30), .integer(40))
            #expect(addresses.map { $0["city"]?.jsonText } == ["Besançon", "-"])
        }
    }

    /// A trigger that puts the old value back, as a misbehaving application or replication might:
    /// the read-back sees it and the erasure fails instead of claiming success.
    @Test(arguments: Backend.allCases) func aFieldStillHoldingItsOldValueFailsTheErasure(backend: Backend) async throws {
        let revert = backend == .sqlite
            ? ["CREATE TRIGGER keep_name AFTER UPDATE ON customer BEGIN UPDATE customer SET last_name = old.last_name WHERE id = new.id; END;"]
            : [
                "CREATE FUNCTION keep_name() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_name := OLD.last_name; RETURN NEW; END $$;",
                "CREATE TRIGGER keep_name BEFORE UPDATE ON customer FOR EACH ROW EXECUTE FUNCTION keep_name();",
            ]
        try await Self.withEraser(backend, setup: revert) { eraser, _ in
            let result = try await eraser.erase([Identity(argument: "email=paul.martin@exemple.fr")])
            #expect(result.status == "failed")
            #expect(result.failures == ["customer.last_name of row (id=3) still holds its old value"])
        }
    }

    /// A statement refused halfway (a trigger forbids deleting newsletter rows): the whole
    /// erasure is rolled back, so the customer still has its e-mail address.
    @Test(arguments: Backend.allCases) func aRefusedStatementLeavesNothingHalfDone(backend: Backend) async throws {
        let refuse = backend == .sqlite
            ? ["CREATE TRIGGER no_delete BEFORE DELETE ON newsletter_subscription BEGIN SELECT RAISE(ABORT, 'newsletter rows are archived first'); END;"]
            : [
                "CREATE FUNCTION no_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'newsletter rows are archived first'; END $$;",
                "CREATE TRIGGER no_delete BEFORE DELETE ON newsletter_subscription FOR EACH ROW EXECUTE FUNCTION no_delete();",
            ]
        try await Self.withEraser(backend, setup: refuse) { eraser, connector in
            await #expect(throws: ConnectorError.self) { try await eraser.erase([Identity(argument: "email=jeanne.dupont@exemple.fr")]) }
            let customer = try await Self.read(connector, "customer", "id", .integer(1))
            #expect(customer.first?["email"]?.jsonText == "Jeanne.Dupont@Exemple.fr")
            #expect(try await Self.read(connector, "loyalty_account", "id", .integer(801)).count == 1)
        }
    }

    @Test func maskingWritesWhatTheDatasetSays() throws {
        #expect(try Eraser.mask(.text("a"), with: .nullRewrite, secret: Self.secret) == .null)
        #expect(try Eraser.mask(.integer(12), with: MaskingStrategy(strategy: "string_rewrite", configuration: ["rewrite_value": "0"]), secret: Self.secret) == .integer(0))
        #expect(try Eraser.mask(.text("abc"), with: MaskingStrategy(strategy: "hash"), secret: Self.secret) == .text("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        let hmac = try Eraser.mask(.text("abc"), with: MaskingStrategy(strategy: "hmac"), secret: Self.secret)
        #expect(hmac.jsonText?.count == 64 && hmac != .text("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        // What the dataset check counts on: SHA-512 writes 128 characters, for hmac as for hash.
        let long = try Eraser.mask(.text("abc"), with: MaskingStrategy(strategy: "hmac", configuration: ["algorithm": "SHA-512"]), secret: Self.secret)
        #expect(long.jsonText?.count == 128)
        #expect(try Eraser.mask(.text("abc"), with: MaskingStrategy(strategy: "random_string_rewrite", configuration: ["length": "12"]), secret: Self.secret).jsonText?.count == 12)
        #expect(throws: ConnectorError.self) { try Eraser.mask(.text("abc"), with: MaskingStrategy(strategy: "aes_encrypt"), secret: Self.secret) }
        #expect(SQLValue.text("0.00").isSame(as: .integer(0)) && !SQLValue.text("a").isSame(as: .text("b")))
    }
}

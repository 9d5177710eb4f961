import Foundation
import RegistreCore
import Testing
@testable import RegistreConnectors

/// Rectification on the shop fixture, in SQLite and in PostgreSQL: the person's own rows only,
/// refused up front when it cannot be done as asked, verified by reading back.
@Suite struct RectifierTests {
    static let jeanne = "email=jeanne.dupont@exemple.fr"

    /// Runs `body` with a rectifier over a fresh shop in `backend`; `setup` is SQL run first.
    static func withRectifier(_ backend: Backend, setup: [String] = [], _ body: (Rectifier, any Connector) async throws -> Void) async throws {
        try await ShopFixtureTests.withShop(backend, setup: setup) { dataset, connector in
            try await body(Rectifier(dataset: dataset, connector: connector), connector)
        }
    }

    static func corrections(_ arguments: String...) throws -> [Rectifier.Correction] {
        try arguments.map(Rectifier.Correction.init(argument:))
    }

    @Test(arguments: Backend.allCases) func jeannesPhoneAndOneAddressAreCorrectedOnceAndForAll(backend: Backend) async throws {
        try await Self.withRectifier(backend) { rectifier, connector in
            let corrections = try Self.corrections("customer.phone=07 00 00 00 01", "customer.birth_date=1984-03-13", "address.street=1 rue Neuve")
            let result = try await rectifier.rectify([Identity(argument: Self.jeanne)], corrections, only: try Self.corrections("address.id=10"))
            #expect(result.status == "completed" && result.failures.isEmpty, "\(result)")
            #expect(result.collections["customer"] == .init(rows: 1, unchanged: 0, shared: 0, fields: ["birth_date", "phone"]))
            #expect(result.collections["address"]?.rows == 1)

            let customer = try #require(try await EraserTests.read(connector, "customer", "id", .integer(1)).first)
            #expect(customer["phone"]?.jsonText == "07 00 00 00 01")
            #expect(customer["birth_date"]?.jsonText == "1984-03-13")
            let addresses = try await EraserTests.read(connector, "address", "id", .integer(10), .integer(11))
            #expect(addresses.map { $0["street"]?.jsonText } == ["1 rue Neuve", "3 place Bellecour"], "only the address she named")

            let again = try await rectifier.rectify([Identity(argument: Self.jeanne)], corrections, only: try Self.corrections("address.id=10"))
            #expect(again.status == "completed" && again.collections["customer"]?.unchanged == 1 && again.collections["customer"]?.rows == 0)
        }
    }

    @Test(arguments: Backend.allCases) func whatCannotBeDoneAsAskedIsRefusedBeforeAnythingChanges(backend: Backend) async throws {
        try await Self.withRectifier(backend) { rectifier, connector in
            let identities = [try Identity(argument: Self.jeanne)]
            let refused: [(String, String)] = [
                ("customer.id=5", "a key linking rows"),
                ("address.customer_id=2", "a key linking rows"),
                ("support_ticket.status=closed", "not personal data"),
                ("payment_card.expiry_year=soon", "holds integers"),
                ("customer.nickname=Jeannot", "no field nickname"),
                ("address.street=1 rue Neuve", "--where address.FIELD=VALUE"),
            ]
            for (argument, message) in refused {
                // The phone comes first: the refusal of the second correction must leave it too.
                let corrections = try Self.corrections("customer.phone=07 00 00 00 01", argument)
                await #expect(throws: ConnectorError.self, "\(argument)") {
                    do {
                        _ = try await rectifier.rectify(identities, corrections)
                    } catch let error as ConnectorError {
                        #expect(error.message.contains(message), "\(error)")
                        throw error
                    }
                }
            }
            await #expect(throws: ConnectorError.self) { try await rectifier.rectify(identities, try Self.corrections("customer.phone=1", "customer.phone=2")) }
            #expect(throws: ConnectorError.self) { try Rectifier.Correction(argument: "phone=0612") }
            let customer = try #require(try await EraserTests.read(connector, "customer", "id", .integer(1)).first)
            #expect(customer["phone"]?.jsonText == "06 12 34 56 78", "nothing changed")
        }
    }

    @Test(arguments: Backend.allCases) func noDataAndRowsOfOthersAreSaidSo(backend: Backend) async throws {
        try await Self.withRectifier(backend) { rectifier, _ in
            let none = try await rectifier.rectify([Identity(argument: "email=nobody@exemple.fr")], try Self.corrections("customer.phone=1"))
            #expect(none.status == "no_data")
            // Paul has no loyalty account: the correction has nothing to correct there.
            let paul = try await rectifier.rectify([Identity(argument: "email=paul.martin@exemple.fr")], try Self.corrections("loyalty_account.card_number=FID-1"))
            #expect(paul.status == "partially_completed" && paul.notFound == ["loyalty_account"], "\(paul)")
            // Claire's default address is Paul's row: hers to read, not hers to rewrite.
            let claire = try await rectifier.rectify([Identity(argument: "email=claire.martin@exemple.fr")], try Self.corrections("address.street=2 rue Neuve"))
            #expect(claire.status == "partially_completed" && claire.collections["address"]?.shared == 1, "\(claire)")
        }
    }

    /// A trigger that puts the old value back: the read-back sees it and the request fails.
    @Test(arguments: Backend.allCases) func aFieldNotHoldingItsNewValueFailsTheRequest(backend: Backend) async throws {
        let revert = backend == .sqlite
            ? ["CREATE TRIGGER keep_phone AFTER UPDATE ON customer BEGIN UPDATE customer SET phone = old.phone WHERE id = new.id; END;"]
            : [
                "CREATE FUNCTION keep_phone() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.phone := OLD.phone; RETURN NEW; END $$;",
                "CREATE TRIGGER keep_phone BEFORE UPDATE ON customer FOR EACH ROW EXECUTE FUNCTION keep_phone();",
            ]
        try await Self.withRectifier(backend, setup: revert) { rectifier, _ in
            let result = try await rectifier.rectify([Identity(argument: Self.jeanne)], try Self.corrections("customer.phone=07 00 00 00 01"))
            #expect(result.status == "failed")
            #expect(result.failures == ["customer.phone of row (id=1) does not hold its new value"])
        }
    }

    @Test func valuesAreTypedByTheirColumn() throws {
        let varchar = TableDescription.Column(name: "postal_code", type: "character varying(5)", nullable: true)
        #expect(try Rectifier.value("75011", for: varchar, name: "a.b") == .text("75011"))
        #expect(throws: ConnectorError.self) { try Rectifier.value("750110", for: varchar, name: "a.b") }
        let numeric = TableDescription.Column(name: "amount", type: "numeric(10,2)", nullable: true)
        #expect(try Rectifier.value(" 12.5", for: numeric, name: "a.b") == .real(12.5))
        #expect(throws: ConnectorError.self) { try Rectifier.value("nan", for: numeric, name: "a.b") }
        let integer = TableDescription.Column(name: "n", type: "bigint", nullable: true)
        #expect(try Rectifier.value("42", for: integer, name: "a.b") == .integer(42))
    }
}

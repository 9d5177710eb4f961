import Foundation
import RegistreCore
import Testing
@testable import RegistreConnectors

@Suite struct SubjectFinderTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("registre-connectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func ids(_ rows: [Row]?, _ column: String) -> [String] {
        (rows ?? []).compactMap { $0[column]?.jsonText }
    }

    @Test func fidesSampleDatasetLoadsUnchanged() throws {
        let result = try DatasetLoader.load(contentsOf: FidesSample.datasetPath())
        #expect(result.findings.isEmpty, "\(result.findings.map(\.description))")
        let dataset = try #require(result.datasets?.first)
        #expect(dataset.key == "postgres_example_test_dataset")
        #expect(dataset.collections.count == 11)
        let customer = try #require(dataset.collection("customer"))
        #expect(customer.field("email")?.identity == "email")
        #expect(customer.primaryKey.map(\.name) == ["id"])
        #expect(customer.field("name")?.length == 40)
        let reference = try #require(customer.field("address_id")?.references.first)
        #expect(reference.collection == "address" && reference.field == "id" && reference.direction == .to)
    }

    @Test(arguments: Backend.allCases) func anAccessOnFidesSampleFindsEveryRowOfTheCustomerAndNoOneElses(backend: Backend) async throws {
        try await FidesSample.withConnector(backend) { connector in
        let dataset = try #require(try DatasetLoader.load(contentsOf: FidesSample.datasetPath()).datasets?.first)
        let finder = SubjectFinder(dataset: dataset, connector: connector)
        let found = try await finder.find([Identity(argument: "email=  Customer-1@Example.com ")])
        #expect(Self.ids(found.rows["customer"], "id") == ["1"])
        #expect(Self.ids(found.rows["orders"], "id") == ["ord_aaa-aaa", "ord_ccc-ccc", "ord_ddd-ddd"])
        #expect(found.rows["order_item"]?.count == 4)
        #expect(Self.ids(found.rows["address"], "id") == ["1", "2"])
        #expect(Self.ids(found.rows["payment_card"], "id") == ["pay_aaa-aaa"])
        #expect(Self.ids(found.rows["login"], "id") == ["1", "2", "3", "4", "5", "6"])
        #expect(Self.ids(found.rows["service_request"], "id") == ["ser_aaa-aaa"])
        #expect(found.rows["visit"]?.count == 1)
        // Employees handle the requests; references point from them, so none is reached.
        #expect(found.rows["employee"] == nil && found.rows["report"] == nil)
        #expect(found.queries < 20, "a batch per column, never a query per row")

        let nobody = try await finder.find([Identity(argument: "email=nobody@example.com")])
        #expect(nobody.rows.isEmpty)
        await #expect(throws: ConnectorError.self) { try await finder.find([Identity(argument: "loyalty_id=CH-1")]) }
        }
    }

    @Test(arguments: [
        ("email=Jeanne.Dupont@Exemple.FR", "jeanne.dupont@exemple.fr"),
        ("phone_number=06 12 34 56 78", "+33612345678"),
        ("phone_number=+33 6 12 34 56 78", "+33612345678"),
        ("phone_number=0033612345678", "+33612345678"),
        ("customer_number= C-000042 ", "C-000042"),
    ])
    func identitiesAreNormalised(argument: String, value: String) throws {
        #expect(try Identity(argument: argument).value == value)
    }

    @Test(arguments: ["email", "=x", "email=", "email=not-an-address", "phone_number=12", "phone_number=06 12 ab 56 78"])
    func badIdentitiesAreRefused(argument: String) {
        #expect(throws: ConnectorError.self) { try Identity(argument: argument) }
    }

    @Test func phoneNumbersAreLookedUpInTheFormsPeopleWrite() throws {
        let forms = try Identity(argument: "phone_number=0612345678").storedForms
        for form in ["06 12 34 56 78", "0612345678", "+33612345678", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678"] {
            #expect(forms.contains(form))
        }
    }

    @Test func identifiersFromADatasetAreQuoted() {
        #expect(quote(#"customer"; DROP TABLE x; --"#) == #""customer""; DROP TABLE x; --""#)
        #expect(TableName(schema: "sales", name: "order").quoted == #""sales"."order""#)
    }

    @Test func datasetMistakesAreReportedWithWhere() throws {
        let text = """
            dataset:
              - fides_key: shop
                collections:
                  - name: customer
                    fields:
                      - name: id
                        fides_meta: {primary_key: true, data_type: strnig}
                      - name: email
                        data_categroies: [user.contact.email]
                        fides_meta:
                          identity: email
                          references:
                            - {dataset: shop, field: address, direction: sideways}
                    registre: {retention_anchor: created_at}
            """
        let result = try DatasetLoader.load(text: text, file: "shop.yml")
        #expect(result.datasets == nil)
        let messages = result.findings.map(\.description)
        #expect(messages.contains { $0.contains("shop.yml:7:") && $0.contains("data_type 'strnig'") })
        #expect(messages.contains { $0.contains("shop.yml:9:") && $0.contains("did you mean 'data_categories'") })
        #expect(messages.contains { $0.contains("shop.yml:13:") && $0.contains("sideways") })
        #expect(messages.contains { $0.contains("must be collection.field") })
        #expect(messages.contains { $0.contains("retention_anchor names 'created_at'") })
    }
}

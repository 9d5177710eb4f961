import RegistreCore
import Testing

@testable import RegistreDiscovery

/// The drift between a dataset and the classified columns of the database it describes.
@Suite struct DriftReportTests {
    static let dataset = """
        dataset:
          - fides_key: shop
            collections:
              - name: customer
                fields:
                  - name: id
                    data_categories: [system.operations]
                  - name: email
                    data_categories: [user.contact.email]
                  - name: tel
                    data_categories: [user.contact.email]
                  - name: fax
                    data_categories: [user.contact.fax_number]
                  - name: mobile
                    data_categories: [user.contact.phone_number]
                  - name: status
                    data_categories: [system.operations]
                  - name: nom
                    data_categories: [user.name.last]
                  - name: contact
                    data_categories: [user.contact]
                  - name: comments
                    data_categories: [user.contact.email]
                  - name: profile
                    fields:
                      - name: birth
                        data_categories: [user.demographic.date_of_birth]
              - name: product
                fields:
                  - name: id
                  - name: name
        """

    static func datasets() throws -> [Dataset] {
        let loaded = try DatasetLoader.load(text: dataset, file: "shop.yml")
        return try #require(loaded.datasets, "\(loaded.findings)")
    }

    static func sample(_ table: String, _ name: String, _ values: [String?], type: String = "TEXT") -> ColumnSample {
        ColumnSample(table: table, name: name, type: type, rowsSampled: values.count, values: values.compactMap { $0 })
    }

    /// Three tables: `customer` as the dataset describes it (with its mistakes), `product`,
    /// and `leads`, which it does not describe.
    static func profiles(_ classifier: ColumnClassifier = ColumnClassifier()) throws -> [ColumnProfile] {
        let datasets = try datasets()
        let rows = 1...20
        let customer = [
            sample("customer", "id", rows.map { String($0) }, type: "INTEGER"),
            sample("customer", "email", rows.map { "client\($0)@exemple.fr" }),
            sample("customer", "tel", rows.map { "06 12 34 56 \($0 + 10)" }),
            sample("customer", "fax", rows.map { _ in nil }),
            sample("customer", "mobile", rows.map { _ in "inconnu" }),
            sample("customer", "status", rows.map { "ancien\($0)@exemple.fr" }),
            sample("customer", "nom", rows.map { _ in "Dupont" }),
            sample("customer", "contact", rows.map { $0 % 2 == 0 ? "client\($0)@exemple.fr" : "06 98 76 54 \($0 + 10)" }),
            sample("customer", "comments", rows.map { "écrire à client\($0)@exemple.fr ou appeler le 06 12 34 56 \($0 + 10)" }),
            sample("customer", "profile", rows.map { _ in #"{"birth": "1985-03-12"}"# }, type: "JSON"),
            sample("customer", "notes", rows.map { $0 % 4 == 0 ? "rappeler au 01 45 67 89 \($0 + 10)" : "RAS" }),
        ]
        let declared = Dictionary(uniqueKeysWithValues: try #require(datasets.first?.collection("customer")).fields.map { ($0.name, $0.dataCategories) })
        let product = [sample("product", "id", ["1", "2"], type: "INTEGER"), sample("product", "name", ["Chaise", "Table"])]
        let leads = [sample("leads", "id", ["1", "2"], type: "INTEGER"), sample("leads", "email", ["a.b@exemple.fr", "c.d@exemple.fr"])]
        return classifier.classify(customer, declared: declared) + classifier.classify(product) + classifier.classify(leads)
    }

    @Test func everyKindOfDriftIsReportedOnceWithItsPlaceInTheDataset() throws {
        let report = DriftReport(comparing: try Self.profiles(), with: try Self.datasets())
        let summary = report.items.map { "\($0.kind.rawValue) \($0.qualifiedName) \($0.declared) -> \($0.found) @\($0.location.line)" }
        #expect(summary == [
            "category-wrong customer.tel [\"user.contact.email\"] -> [\"user.contact.phone_number\"] @10",
            "category-not-found customer.fax [\"user.contact.fax_number\"] -> [] @12",
            "category-not-found customer.mobile [\"user.contact.phone_number\"] -> [] @14",
            "field-not-personal customer.status [\"system.operations\"] -> [\"user.contact.email\"] @16",
            "category-undeclared customer.comments [\"user.contact.email\"] -> [\"user.contact.phone_number\"] @22",
            "column-undeclared customer.notes [] -> [\"user.contact.phone_number\"] @4",
            "table-undeclared leads.email [] -> [\"user.contact.email\"] @2",
        ], "\(summary.joined(separator: "\n"))")
        let wrong = try #require(report.items.first)
        #expect(wrong.evidence == ["name", "values: 20 of 20 phone numbers", "values: 0 of 20 e-mail addresses"])
        #expect(wrong.message == "customer.tel is declared user.contact.email, but holds user.contact.phone_number (0.99; name; values: 20 of 20 phone numbers; values: 0 of 20 e-mail addresses)")
        let fax = report.items[1]
        #expect(fax.evidence == ["values: none in 20 sampled rows", "checked by values: phone numbers"] && fax.confidence == 0.95)
        #expect(report.items[2].evidence == ["values: 0 of 20 phone numbers", "checked by values: phone numbers"])
        #expect(report.items.allSatisfy { $0.location.file == "shop.yml" })
    }

    @Test func messagesNameColumnsAndCategoriesButNeverValues() throws {
        let report = DriftReport(comparing: try Self.profiles(ColumnClassifier(keepsExamples: true)), with: try Self.datasets())
        for item in report.items {
            #expect(!item.message.contains("@exemple.fr") && !item.message.contains("06 12") && !item.message.contains("Dupont"), "\(item.message)")
        }
    }

    @Test func findingsAreErrorsExceptForCategoriesNotFound() throws {
        let findings = DriftReport(comparing: try Self.profiles(), with: try Self.datasets()).findings()
        #expect(findings.map(\.ruleID) == [
            "drift-category-wrong", "drift-category-not-found", "drift-category-not-found", "drift-field-not-personal", "drift-category-undeclared",
            "drift-column-undeclared", "drift-table-undeclared",
        ])
        #expect(findings.map(\.severity) == [.error, .warning, .warning, .error, .error, .error, .error])
        #expect(findings.allSatisfy { $0.reference == "GDPR Art. 30(1)(c)" })
        #expect(findings.first?.description.hasPrefix("shop.yml:10:") == true)
        // Every rule a finding names is described, with the finding's severity.
        let rules = Dictionary(uniqueKeysWithValues: DriftReport.rules.map { ($0.id, $0) })
        #expect(rules.count == DriftItem.Kind.allCases.count)
        for finding in findings { #expect(rules[finding.ruleID]?.severity == finding.severity, "\(finding.ruleID)") }
    }

    @Test func aDatasetThatSaysWhatIsThereHasNoDrift() throws {
        let text = """
            dataset:
              - fides_key: crm
                fides_meta: {namespace: {schema: crm}}
                collections:
                  - name: client
                    fields:
                      - {name: id}
                      - {name: courriel, data_categories: [user.contact.email]}
                      - {name: prenom, data_categories: [user.name]}
                      - {name: nom, data_categories: [user.name.last]}
                      - {name: telephone, data_categories: [user.contact]}
                      - {name: naissance, data_categories: [user]}
            """
        let datasets = try #require(try DatasetLoader.load(text: text, file: "crm.yml").datasets)
        func sample(_ name: String, _ values: [String]) -> ColumnSample {
            ColumnSample(schema: "crm", table: "client", name: name, type: "TEXT", rowsSampled: values.count, values: values)
        }
        let profiles = ColumnClassifier().classify([
            sample("id", ["1", "2"]), sample("courriel", ["a.b@exemple.fr", "c.d@exemple.fr"]), sample("prenom", ["Jeanne", "Paul"]),
            sample("nom", ["Dupont", "Martin"]), sample("telephone", ["0612345678", "+33 6 12 34 56 79"]), sample("naissance", ["1985-03-12", "1990-01-31"]),
        ])
        #expect(profiles.filter { !$0.categories.isEmpty }.count == 5)
        #expect(DriftReport(comparing: profiles, with: datasets).isEmpty)
        // The same table in another schema is not the one the dataset describes.
        let elsewhere = profiles.map { profile -> ColumnProfile in
            var profile = profile
            profile.schema = nil
            return profile
        }
        let report = DriftReport(comparing: elsewhere, with: datasets)
        #expect(report.items.count == 5 && report.items.allSatisfy { $0.kind == .tableUndeclared && $0.location.line == 2 })
    }
}

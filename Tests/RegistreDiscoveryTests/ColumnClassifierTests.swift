import RegistreCore
import Testing

@testable import RegistreDiscovery

/// Columns classified from their names, types and values, and the drift from a dataset.
@Suite struct ColumnClassifierTests {
    let classifier = ColumnClassifier()

    func column(_ name: String, _ type: String = "TEXT", table: String = "clients", values: [String] = []) -> ColumnSample {
        ColumnSample(table: table, name: name, type: type, rowsSampled: values.count, values: values)
    }

    /// The categories of one column, surest first.
    func keys(_ sample: ColumnSample, aboutPeople: Bool = false) -> [String] {
        classifier.classify(sample, aboutPeople: aboutPeople).categories.map(\.key)
    }

    @Test func namesAreSplitFoldedAndStrippedOfNumbers() {
        #expect(ColumnVocabulary.words(of: "customerEmailAddress") == ["customer", "email", "address"])
        #expect(ColumnVocabulary.words(of: "IPAddress") == ["ip", "address"])
        #expect(ColumnVocabulary.words(of: "userID") == ["user", "id"])
        #expect(ColumnVocabulary.words(of: "Date_De_Naissance") == ["date", "de", "naissance"])
        #expect(ColumnVocabulary.words(of: "prénom-usuel") == ["prenom", "usuel"])
        #expect(ColumnVocabulary.words(of: "address_line1") == ["address", "line"])
        #expect(ColumnVocabulary.words(of: "ipv4") == ["ipv"])
    }

    @Test(arguments: [
        ("email", "TEXT", "user.contact.email"), ("customerEmail", "varchar(255)", "user.contact.email"), ("courriel", "TEXT", "user.contact.email"),
        ("adresse_mail", "TEXT", "user.contact.email"), ("EMAIL_ADDRESS", "TEXT", "user.contact.email"), ("mail_contact", "TEXT", "user.contact.email"),
        ("tel", "TEXT", "user.contact.phone_number"), ("tel_portable", "TEXT", "user.contact.phone_number"),
        ("numero_telephone", "TEXT", "user.contact.phone_number"), ("mobilePhone", "TEXT", "user.contact.phone_number"),
        ("portable", "TEXT", "user.contact.phone_number"), ("fax", "TEXT", "user.contact.fax_number"),
        ("prenom", "TEXT", "user.name.first"), ("first_name", "TEXT", "user.name.first"), ("lastName", "TEXT", "user.name.last"),
        ("nom_de_famille", "TEXT", "user.name.last"), ("nom", "TEXT", "user.name"), ("full_name", "TEXT", "user.name"),
        ("date_naissance", "DATE", "user.demographic.date_of_birth"), ("dob", "date", "user.demographic.date_of_birth"),
        ("birthDate", "TEXT", "user.demographic.date_of_birth"), ("adresse", "TEXT", "user.contact.address"),
        ("billing_address", "TEXT", "user.contact.address"), ("rue", "TEXT", "user.contact.address.street"),
        ("code_postal", "TEXT", "user.contact.address.postal_code"), ("zip", "TEXT", "user.contact.address.postal_code"),
        ("ville", "TEXT", "user.contact.address.city"), ("iban", "TEXT", "user.financial.bank_account"), ("rib", "TEXT", "user.financial.bank_account"),
        ("siret", "TEXT", "user.workplace"), ("nir", "TEXT", "user.government_id.national_identification_number"),
        ("numero_secu", "TEXT", "user.government_id.national_identification_number"), ("ip_address", "TEXT", "user.device.ip_address"),
        ("adresse_ip", "TEXT", "user.device.ip_address"), ("last_login_ip", "inet", "user.device.ip_address"), ("user_agent", "TEXT", "user.device"),
        ("password_hash", "TEXT", "user.authorization.credentials"), ("mot_de_passe", "TEXT", "user.authorization.credentials"),
        ("mdp", "TEXT", "user.authorization.credentials"), ("sexe", "TEXT", "user.demographic.gender"), ("civilite", "TEXT", "user.demographic.gender"),
        ("username", "TEXT", "user.account.username"), ("login", "TEXT", "user.account.username"), ("numero_passeport", "TEXT", "user.government_id.passport_number"),
        ("situation_familiale", "TEXT", "user.demographic.marital_status"), ("lieu_naissance", "TEXT", "user.demographic"),
    ])
    func namesGiveCategories(name: String, type: String, category: String) {
        let found = classifier.classify(column(name, type), aboutPeople: true).categories
        #expect(found.first?.key == category, "\(name): \(found)")
        #expect(found.first?.evidence.first == "name")
        #expect((found.first?.confidence ?? 0) >= 0.5)
    }

    @Test func everyCategoryIsAKeyOfTheTaxonomy() {
        let known = Taxonomy.fideslang.dataCategories
        for (_, rule) in ColumnVocabulary.rules.values { #expect(known[rule.category] != nil, "\(rule.category)") }
        for category in ValueSpec.byCategory.keys { #expect(known[category] != nil, "\(category)") }
        for type in PersonalDataType.allCases { #expect(ValueSpec.byCategory[type.dataCategory] != nil, "\(type)") }
        #expect(ColumnClassifier.valueCheckedCategories == [
            "user.contact.email", "user.contact.fax_number", "user.contact.phone_number", "user.demographic.date_of_birth", "user.device.ip_address",
            "user.financial.bank_account", "user.financial.credit_card", "user.government_id.national_identification_number",
        ])
    }

    @Test func identifiersAmountsStatusesAndFlagsAreNotPersonal() {
        let columns: [ColumnSample] = [
            column("id", "INTEGER", values: (1...50).map { String($0) }),
            column("customer_id", "INTEGER", values: (1000...1049).map { String($0) }),
            column("amount", "NUMERIC(10,2)", values: (1...50).map { n -> String in "\(n * 37).\(n % 100)" }),
            column("montant_ttc", "REAL", values: ["12.5", "1999.99", "0.0"]),
            column("status", "TEXT", values: Array(repeating: ["active", "pending", "closed"], count: 10).flatMap { $0 }),
            column("statut", "TEXT", values: ["en_cours", "clos"]),
            column("created_at", "TIMESTAMP", values: ["2024-01-05 10:00:00", "2023-11-30 08:12:45"]),
            column("email_verified", "BOOLEAN", values: ["1", "0", "1"]),
            column("email_sent_at", "TEXT", values: ["2024-01-05T10:00:00Z"]),
            column("phone_count", "INTEGER", values: ["0", "2"]),
            column("last_login_at", "TEXT", values: ["2024-03-01 12:00:00"]),
            column("reference", "TEXT", values: (1...50).map { n -> String in "CMD-2024-" + String(1000 + n) }),
            column("quantity", "INTEGER", values: ["1", "3", "12"]),
            column("sku", "TEXT", values: ["SKU-00017", "SKU-00018"]),
            column("order_number", "BIGINT", values: (1...50).map { n -> String in String(100_000_000 + n * 7919) }),
        ]
        for profile in classifier.classify(columns) {
            #expect(profile.categories.isEmpty, "\(profile.column): \(profile.categories.map(\.key))")
        }
    }

    @Test func valuesThatContradictTheNameLowerItsCategory() {
        let phones = (10...59).map { "06 12 34 56 \($0)" }
        let email = classifier.classify(column("email", values: phones), aboutPeople: true)
        #expect(email.categories.map(\.key) == ["user.contact.phone_number"])
        #expect(email.categories.first?.evidence == ["values: 50 of 50 phone numbers"])
        #expect(email.checks["user.contact.email"]?.matching == 0 && email.checks["user.contact.email"]?.checked == 50)

        let statuses = Array(repeating: "n/a", count: 40)
        #expect(classifier.classify(column("email", values: statuses), aboutPeople: true).categories.isEmpty)
        let low = ColumnClassifier(minimumConfidence: 0.1).classify(column("email", values: statuses), aboutPeople: true).categories
        #expect(low.map(\.key) == ["user.contact.email"] && (low.first?.confidence ?? 1) < 0.3, "\(low)")
        #expect(low.first?.evidence == ["name", "values: 0 of 40 e-mail addresses"])

        // Agreeing values make a name surer; a type that cannot hold the category makes it weaker.
        let emails = (1...20).map { "client\($0)@exemple.fr" }
        let sure = classifier.classify(column("email", values: emails), aboutPeople: true).categories.first
        #expect(sure?.key == "user.contact.email" && (sure?.confidence ?? 0) >= 0.95)
        #expect(sure?.evidence == ["name", "values: 20 of 20 e-mail addresses"])
        #expect(keys(column("email", "BOOLEAN"), aboutPeople: true).isEmpty)
        let named = classifier.classify(column("email", values: emails.map { "Client <\($0)>" }), aboutPeople: true).categories
        #expect(named.map(\.key) == ["user.contact.email"] && named.first?.evidence == ["values: 20 of 20 contain e-mail addresses"], "\(named)")
        let birth = classifier.classify(column("date_naissance", "DATE", values: ["1985-03-12", "1990-11-30 00:00:00"])).categories.first
        #expect(birth?.key == "user.demographic.date_of_birth" && birth?.evidence == ["name", "type DATE", "values: 2 of 2 calendar dates"])
    }

    @Test func valuesFindPersonalDataUnderNamesThatSayNothing() {
        let notes = (1...30).map { $0 % 3 == 0 ? "Rappeler Mme au 06 12 34 56 \($0 + 10), ou écrire à client\($0)@exemple.fr" : "RAS" }
        let profile = classifier.classify(column("notes", values: notes))
        #expect(profile.categories.map(\.key).sorted() == ["user.contact.email", "user.contact.phone_number"])
        #expect(profile.categories.contains { $0.evidence == ["values: 10 of 30 contain e-mail addresses"] })
        #expect(keys(column("data", values: ["FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189"])) == ["user.financial.bank_account"])
        #expect(keys(column("ref", values: ["185037512345641", "185037512345641"])) == ["user.government_id.national_identification_number"])
        #expect(keys(column("contact", values: ["10.1.2.3", "2001:db8::1"])) == ["user.device.ip_address"])
        // A number column holding a stray match is not free text.
        #expect(keys(column("total", "INTEGER", values: ["0612345678"] + Array(repeating: "12", count: 9))).isEmpty)
    }

    @Test func vagueNamesNeedATableAboutPeople() {
        let products = ["Chaise en chêne", "Table basse", "Lampe"]
        #expect(keys(column("name", table: "product", values: products)).isEmpty)
        #expect(keys(column("nom", table: "produit", values: products)).isEmpty)
        #expect(keys(column("name", table: "customers", values: ["Jeanne Dupont", "Paul Martin"])) == ["user.name"])
        #expect(keys(column("ville", table: "entrepot", values: ["Lyon"])).isEmpty)
        #expect(keys(column("product_name", table: "customers", values: products)).isEmpty)
        // A neighbour holding e-mail addresses shows the rows are about people.
        let table = classifier.classify([
            column("ville", table: "t_0042", values: ["Lyon", "Paris"]),
            column("courriel", table: "t_0042", values: ["a.b@exemple.fr", "c.d@exemple.fr"]),
        ])
        #expect(table.map { $0.categories.first?.key } == ["user.contact.address.city", "user.contact.email"])
    }

    @Test func examplesAreKeptOnlyWhenAsked() {
        let sample = column("email", values: ["a.b@exemple.fr", "c.d@exemple.fr", "e.f@exemple.fr", "g.h@exemple.fr"])
        #expect(classifier.classify(sample, aboutPeople: true).categories.first?.examples == [])
        let keeping = ColumnClassifier(keepsExamples: true).classify(sample, aboutPeople: true)
        #expect(keeping.categories.first?.examples == ["a.b@exemple.fr", "c.d@exemple.fr", "e.f@exemple.fr"])
    }

    @Test func onlyTheScannersTypesAreCheckedByValues() {
        let phonesOnly = ColumnClassifier(scanner: PersonalDataScanner(types: [.phone]))
        let profile = phonesOnly.classify(column("notes", values: ["écrire à a.b@exemple.fr", "appeler le 06 12 34 56 78"]))
        #expect(profile.categories.map(\.key) == ["user.contact.phone_number"])
        #expect(phonesOnly.classify(column("email", values: ["x"]), declared: ["user.contact.email"]).checks.isEmpty)
    }
}

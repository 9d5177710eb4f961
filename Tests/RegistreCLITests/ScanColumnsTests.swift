import Foundation
import Testing

/// `registre scan --connection [--datasets]` and `registre check --datasets --connection`: a
/// shop's columns classified and held against its dataset, on an SQLite file and on PostgreSQL
/// (in a schema of its own), as a DPO or a CI job runs them.
@Suite struct ScanColumnsTests {
    static let fixture = DatasetsCommandTests.fixtures.appendingPathComponent("columns")
    let cli = CLITests()

    enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// A database loaded with the fixture, its `--connection` text and the dataset's schema.
    struct Database {
        var connection: String
        var schema: String
        var engine: Engine
        /// Runs a query on the database from outside Registre and gives its one value.
        var value: (String) throws -> String
    }

    /// Loads the fixture into a new database on `engine` (PostgreSQL: in schema `crm`, plus a
    /// `visits` table in `public`) and runs `body`, then drops it.
    func withDatabase(_ engine: Engine, in directory: URL, _ body: (Database) throws -> Void) throws {
        let script = Self.fixture.appendingPathComponent("schema.sql")
        switch engine {
        case .sqlite:
            let path = try DatasetsCommandTests.database("columns", "schema.sql", in: directory)
            try body(Database(connection: "sqlite:\(path)", schema: "main", engine: engine) { sql in
                try ServerProcessTests.sqlite(path, sql).trimmingCharacters(in: CharacterSet(charactersIn: "[(,)]"))
            })
        case .postgres:
            let url = try #require(ProcessInfo.processInfo.environment["REGISTRE_TEST_POSTGRES_URL"], "run the tests with Scripts/test, which starts PostgreSQL")
            let base = String(url[..<(try #require(url.lastIndex(of: "/")))])
            let name = "registre_columns_\(UInt32.random(in: 0...UInt32.max))"
            _ = try ServerRunTests.psql("\(base)/postgres", ["-c", "CREATE DATABASE \(name)"])
            defer { _ = try? ServerRunTests.psql("\(base)/postgres", ["-c", "DROP DATABASE \(name) WITH (FORCE)"]) }
            let database = "\(base)/\(name)"
            _ = try ServerRunTests.psql(database, [
                "-c", "CREATE SCHEMA crm", "-c", "SET search_path TO crm", "-f", script.path, "-c", "SET search_path TO public",
                "-c", "CREATE TABLE visits (id serial PRIMARY KEY, ip_address inet, visited_at timestamptz)",
                "-c", "INSERT INTO visits (ip_address, visited_at) SELECT ('192.0.2.' || g)::inet, now() FROM generate_series(1, 12) g",
            ])
            try body(Database(connection: database, schema: "crm", engine: engine) { sql in try ServerRunTests.psql(database, ["-Atc", sql]) })
        }
    }

    /// The dataset fixture placed in `schema`, each of `changes` applied, written to `directory`.
    func dataset(_ schema: String, in directory: URL, _ changes: [(String, String)] = [], appending extra: String = "") throws -> String {
        var text = try String(contentsOf: Self.fixture.appendingPathComponent("dataset.yml"), encoding: .utf8).replacingOccurrences(of: "SCHEMA", with: schema)
        for (old, new) in changes {
            #expect(text.contains(old), "the fixture has no \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let path = directory.appendingPathComponent("dataset-\(UUID().uuidString.prefix(8)).yml").path
        try (text + extra).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The JSON objects of a `--format jsonl` output.
    func objects(_ run: CLITests.Run) throws -> [[String: Any]] {
        try run.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    /// `kind schema.table.column [declared] -> [found] @line` for each drift item.
    func drift(_ objects: [[String: Any]]) -> [String] {
        objects.filter { $0["kind"] as? String == "drift" }.map { item in
            let place = [item["schema"] as? String, item["table"] as? String, item["column"] as? String].compactMap { $0 }.joined(separator: ".")
            let declared = (item["declared"] as? [String] ?? []).joined(separator: ",")
            let found = (item["found"] as? [String] ?? []).joined(separator: ",")
            return "\(item["drift"] as? String ?? "?") \(place) [\(declared)] -> [\(found)] @\(item["line"] as? Int ?? 0)"
        }
    }

    @Test(arguments: Engine.allCases)
    func theDriftFromTheDatasetIsReportedWithItsLinesAndExitOne(_ engine: Engine) throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try withDatabase(engine, in: directory) { database in
            let datasets = try dataset(database.schema, in: directory)
            let run = try cli.registre(["scan", "--connection", database.connection, "--datasets", datasets, "--format", "jsonl"])
            #expect(run.status == 1, "\(run.stderr)")
            let objects = try objects(run)
            let crm = engine == .postgres ? "crm." : ""
            let visits = engine == .postgres ? ["table-undeclared visits.ip_address [] -> [user.device.ip_address] @6"] : []
            #expect(drift(objects) == visits + [
                "category-wrong \(crm)customer.mobile [user.contact.email] -> [user.contact.phone_number] @21",
                "category-not-found \(crm)customer.fax [user.contact.fax_number] -> [] @23",
                "column-undeclared \(crm)customer.tel [] -> [user.contact.phone_number] @9",
                "column-undeclared \(crm)customer.notes [] -> [user.contact.email,user.contact.phone_number] @9",
                "table-undeclared \(crm)newsletter.email [] -> [user.contact.email] @6",
            ])
            let wrong = try #require(objects.first { $0["drift"] as? String == "category-wrong" })
            #expect(wrong["file"] as? String == datasets && (wrong["confidence"] as? Double ?? 0) >= 0.9)
            #expect(wrong["evidence"] as? [String] == ["name", "values: 20 of 20 phone numbers", "values: 0 of 20 e-mail addresses"])
            #expect((wrong["message"] as? String)?.hasPrefix("\(crm)customer.mobile is declared user.contact.email, but holds user.contact.phone_number") == true)

            // Each personal column once per category; ids, amounts, statuses, flags and dates none.
            let classified = objects.filter { $0["kind"] as? String == "classification" }.map { "\($0["table"] as? String ?? "").\($0["column"] as? String ?? "") \($0["category"] as? String ?? "")" }
            #expect(Set(classified) == Set([
                "customer.prenom user.name.first", "customer.nom user.name", "customer.email user.contact.email", "customer.mobile user.contact.phone_number",
                "customer.date_naissance user.demographic.date_of_birth", "customer.tel user.contact.phone_number", "customer.notes user.contact.email",
                "customer.notes user.contact.phone_number", "newsletter.email user.contact.email", "orders.shipping_address user.contact.address",
            ] + (engine == .postgres ? ["visits.ip_address user.device.ip_address"] : [])), "\(classified)")
            let email = try #require(objects.first { $0["column"] as? String == "email" && $0["table"] as? String == "customer" })
            #expect(email["schema"] as? String == (engine == .postgres ? "crm" : nil) && email["rows"] as? Int == 20 && email["values_checked"] as? Int == 20)
            #expect(email["examples"] == nil)
            // Values stay in the database unless --values is given.
            #expect(!run.stdout.contains("@exemple.fr") && !run.stdout.contains("06 12 34") && !run.stdout.contains("Dupont"))

            let table = try cli.registre(["scan", "--connection", database.connection, "--datasets", datasets])
            #expect(table.status == 1)
            #expect(table.stdout.contains("\(crm)customer.email\tuser.contact.email\t0.99\tname; values: 20 of 20 e-mail addresses\n"), "\(table.stdout)")
            #expect(table.stdout.contains("\(datasets):21:13: drift: \(crm)customer.mobile is declared user.contact.email, but holds user.contact.phone_number"))
            let summary = try cli.registre(["scan", "--connection", database.connection, "--datasets", datasets, "--format", "summary"])
            #expect(summary.status == 1)
            #expect(summary.stdout.contains("Scanned \(engine == .postgres ? 5 : 4) tables, \(engine == .postgres ? 28 : 25) columns"), "\(summary.stdout)")
            #expect(summary.stdout.contains("Drift from \(datasets): \(engine == .postgres ? 6 : 5) items."))
        }
    }

    @Test(arguments: Engine.allCases)
    func aDatasetThatSaysWhatIsThereExitsZero(_ engine: Engine) throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try withDatabase(engine, in: directory) { database in
            let web = engine == .postgres ? "  - fides_key: web\n    collections:\n      - name: visits\n        fields:\n          - {name: ip_address, data_categories: [user.device.ip_address]}\n" : ""
            let datasets = try dataset(database.schema, in: directory, [
                ("- name: mobile\n            data_categories: [user.contact.email]", "- name: mobile\n            data_categories: [user.contact.phone_number]"),
                ("data_categories: [user.contact.fax_number]", "data_categories: [system.operations]"),
                ("      - name: orders\n", """
                          - {name: tel, data_categories: [user.contact.phone_number]}
                          - {name: notes, data_categories: [user.contact]}
                      - name: newsletter
                        fields:
                          - {name: email, data_categories: [user.contact.email]}
                      - name: orders

                """),
            ], appending: web)
            let run = try cli.registre(["scan", "--connection", database.connection, "--datasets", datasets, "--format", "summary"])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("No drift from \(datasets)."))
            // Without a dataset there is nothing to drift from: exit 0 whatever is found.
            let plain = try cli.registre(["scan", "--connection", database.connection, "--format", "jsonl", "--sample", "5"])
            #expect(plain.status == 0 && !plain.stdout.contains("\"drift\""))
            let email = try #require(try objects(plain).first { $0["column"] as? String == "email" && $0["table"] as? String == "customer" })
            #expect(email["rows"] as? Int == 5 && email["values_checked"] as? Int == 5)
        }
    }

    @Test(arguments: Engine.allCases)
    func aDatasetThatDoesNotFitTheDatabaseIsBadInputAndChangesNothing(_ engine: Engine) throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try withDatabase(engine, in: directory) { database in
            let missing = try dataset(database.schema, in: directory, [("- name: product\n", "- name: invoices\n")])
            let run = try cli.registre(["scan", "--connection", database.connection, "--datasets", missing])
            #expect(run.status == 2 && run.stdout.isEmpty)
            #expect(run.stderr.contains("\(missing):41:9: error: the database has no table \(engine == .postgres ? "crm." : "")invoices [dataset-table-missing]"), "\(run.stderr)")
            #expect(run.stderr.contains("[dataset-mismatch]"))

            // Names from the file are quoted identifiers, never SQL: nothing runs, nothing is dropped.
            let injected = try dataset(database.schema, in: directory, [
                ("- name: product\n", "- name: 'product\"; DROP TABLE customer; --'\n"),
                ("- name: balance\n", "- name: 'balance\" FROM customer; DROP TABLE newsletter; --'\n"),
            ])
            let attack = try cli.registre(["scan", "--connection", database.connection, "--datasets", injected])
            #expect(attack.status == 2, "\(attack.stdout)")
            #expect(attack.stderr.contains("[dataset-table-missing]") && attack.stderr.contains("[dataset-column-missing]"), "\(attack.stderr)")
            let qualified = engine == .postgres ? "crm." : ""
            #expect(try database.value("SELECT count(*) FROM \(qualified)customer") == "20")
            #expect(try database.value("SELECT count(*) FROM \(qualified)newsletter") == "10")
        }
    }

    @Test func unreadableInputIsExitTwoWithWhatAndWhere() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let nowhere = directory.appendingPathComponent("none.sqlite").path
        let noDatabase = try cli.registre(["scan", "--connection", nowhere])
        #expect(noDatabase.status == 2 && noDatabase.stderr.contains("no SQLite database at \(nowhere)") && noDatabase.stderr.contains("[connection-failed]"))
        let unreachable = try cli.registre(["scan", "--connection", "postgres://registre:s3cret@127.0.0.1:1/none"])
        #expect(unreachable.status == 2 && unreachable.stderr.contains("[connection-failed]"), "\(unreachable.stderr)")
        #expect(!unreachable.stderr.contains("s3cret"))

        let database = try DatasetsCommandTests.database("columns", "schema.sql", in: directory)
        let noFile = directory.appendingPathComponent("none.yml").path
        let unread = try cli.registre(["scan", "--connection", database, "--datasets", noFile])
        #expect(unread.status == 2 && unread.stderr.contains(noFile), "\(unread.stderr)")
        let broken = directory.appendingPathComponent("broken.yml")
        try Data("dataset:\n  - fides_key: shop\n    colections: []\n".utf8).write(to: broken)
        let invalid = try cli.registre(["scan", "--connection", database, "--datasets", broken.path])
        #expect(invalid.status == 2 && invalid.stderr.contains("broken.yml:3:5: error:") && invalid.stderr.contains("[dataset-invalid]"), "\(invalid.stderr)")

        let sampleAlone = try cli.registre(["scan", "--sample", "10", "notes.txt"])
        #expect(sampleAlone.status == 64 && sampleAlone.stderr.contains("--sample applies to a database"))
        let zero = try cli.registre(["scan", "--connection", database, "--sample", "0"])
        #expect(zero.status == 64)
    }

    @Test func checkAddsTheDriftToThePolicysFindings() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try DatasetsCommandTests.database("columns", "schema.sql", in: directory)
        let datasets = try dataset("main", in: directory)
        let policy = CLITests.repository.appendingPathComponent("Examples/exemple-sas.yaml").path
        let run = try cli.registre(["check", policy, "--today", "2026-11-22", "--datasets", datasets, "--connection", database])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(
            "\(datasets):21:13: error: customer.mobile is declared user.contact.email, but holds user.contact.phone_number (0.99; name; values: 20 of 20 phone numbers; values: 0 of 20 e-mail addresses) [drift-category-wrong] (GDPR Art. 30(1)(c))"),
            "\(run.stdout)")
        #expect(run.stdout.contains("\(datasets):23:13: warning: customer.fax is declared user.contact.fax_number, but no sampled value shows it"))
        #expect(run.stdout.contains("4 error(s), 1 warning(s)"))

        let json = try cli.registre(["check", policy, "--today", "2026-11-22", "--datasets", datasets, "--connection", database, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.filter { ($0["rule"] as? String)?.hasPrefix("drift-") == true }.count == 5)
        #expect(findings.allSatisfy { ($0["location"] as? [String: Any])?["file"] as? String == datasets })

        // SARIF describes each drift rule as what it is, not as a policy format error.
        let sarif = try cli.registre(["check", policy, "--today", "2026-11-22", "--datasets", datasets, "--connection", database, "--format", "sarif"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let sarifRun = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let wrong = try #require(rules.first { $0["id"] as? String == "drift-category-wrong" })
        #expect((wrong["shortDescription"] as? [String: Any])?["text"] as? String == "A column's values never look like the category declared, but like another one.")
        #expect((wrong["properties"] as? [String: Any])?["reference"] as? String == "GDPR Art. 30(1)(c)")
        let notFound = try #require(rules.first { $0["id"] as? String == "drift-category-not-found" })
        #expect((notFound["defaultConfiguration"] as? [String: Any])?["level"] as? String == "warning")
        #expect(!sarif.stdout.contains("does not follow the Registre policy format"), "\(sarif.stdout)")

        let alone = try cli.registre(["check", policy, "--datasets", datasets])
        #expect(alone.status == 64 && alone.stderr.contains("--datasets and --connection go together"))
        let gone = try cli.registre(["check", policy, "--datasets", datasets, "--connection", directory.appendingPathComponent("none.sqlite").path])
        #expect(gone.status == 2 && gone.stderr.contains("[connection-failed]"))
    }
}

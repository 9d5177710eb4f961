import Foundation
import RegistreConnectors
import Testing

/// `registre datasets check` as a DPO or a CI job runs it, on an SQLite file.
@Suite struct DatasetsCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A new SQLite file loaded with `scripts` of a fixture folder.
    static func database(_ folder: String, _ scripts: String..., in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("\(folder).sqlite").path
        for script in scripts {
            let sql = try String(contentsOf: fixtures.appendingPathComponent("\(folder)/\(script)"), encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        return path
    }

    @Test func theExitStatusSaysWhetherTheDatasetHoldsErrors() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shop = try Self.database("shop", "schema.sql", "seed.sql", in: folder)
        let clean = try cli.registre("datasets", "check", Self.fixtures.appendingPathComponent("shop/dataset.yml").path, "--connection", "sqlite:\(shop)")
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("0 error(s), 1 warning(s)") && clean.stdout.contains("[dataset-not-indexed]"))

        let broken = try Self.database("check", "schema.sql", in: folder)
        let dataset = Self.fixtures.appendingPathComponent("check/dataset.yml").path
        let report = try cli.registre("datasets", "check", dataset, "--connection", broken, "--format", "json")
        #expect(report.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule"] as? String == "dataset-table-missing" })
        #expect(findings.filter { $0["rule"] as? String == "dataset-unmaskable" }.count == 7)
        let described = Set(DatasetCheck.rules.map(\.id))
        for finding in findings { #expect(described.contains(finding["rule"] as? String ?? ""), "\(finding)") }
        let sarif = try cli.registre("datasets", "check", dataset, "--connection", broken, "--format", "sarif")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let rules = try #require((((log["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let unmaskable = try #require(rules.first { $0["id"] as? String == "dataset-unmaskable" })
        #expect((unmaskable["shortDescription"] as? [String: Any])?["text"] as? String == "Erasure cannot write its masking into a personal data column.")
        #expect((unmaskable["properties"] as? [String: Any])?["reference"] as? String == "GDPR Art. 17(1)")
        #expect(!sarif.stdout.contains("does not follow"), "\(sarif.stdout)")

        let policy = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/exemple-sas.yaml").path
        let withPolicy = try cli.registre("datasets", "check", dataset, "--connection", broken, "--policy", policy)
        #expect(withPolicy.stdout.contains("'no-such-activity', which is not an activity of the policy"))

        let missing = try cli.registre("datasets", "check", dataset, "--connection", folder.path + "/none.sqlite")
        #expect(missing.status == 2 && missing.stderr.contains("connection-failed"))
        let unreadable = try cli.registre("datasets", "check", folder.path + "/none.yml", "--connection", broken)
        #expect(unreadable.status == 2 && unreadable.stderr.contains("none.yml"))
    }

    @Test func erasureChangesNothingOnADatasetThatCannotBeErasedAsDeclared() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shop = try Self.database("shop", "schema.sql", "seed.sql", in: folder)
        let policy = Self.fixtures.appendingPathComponent("shop/policy.yaml").path
        let secret = ["REGISTRE_SECRET": String(repeating: "ab", count: 32)]
        let registreStore = folder.appendingPathComponent("registre.sqlite").path
        func erase(
            _ identity: String, datasets: String = Self.fixtures.appendingPathComponent("shop/dataset.yml").path, environment: [String: String] = secret,
            store: String = registreStore
        ) throws -> CLITests.Run {
            try cli.registre(
                ["request", "erasure", "--identity", identity, "--datasets", datasets, "--connection", shop, "--policy", policy, "--database", store],
                environment: environment)
        }

        // A dataset whose masking does not fit the database: refused before any change.
        let broken = folder.appendingPathComponent("broken.yml").path
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("shop/dataset.yml"), encoding: .utf8)
        try text.replacingOccurrences(of: "masking_strategy_override: {strategy: string_rewrite, configuration: {rewrite_value: \"anonyme\"}}", with: "masking_strategy_override: {strategy: null_rewrite}")
            .write(toFile: broken, atomically: true, encoding: .utf8)
        let refused = try erase("email=jeanne.dupont@exemple.fr", datasets: broken)
        #expect(refused.status == 2 && refused.stderr.contains("nothing was erased") && refused.stderr.contains("NOT NULL"), "\(refused.stderr)")
        #expect(try ServerProcessTests.sqlite(shop, "SELECT first_name FROM customer WHERE id = 1") == "[('Jeanne',)]")

        // Registre's store on PostgreSQL has no key file: the secret must come from the environment.
        let noSecret = try erase("email=jeanne.dupont@exemple.fr", environment: ["REGISTRE_SECRET": ""], store: "postgres://registre@127.0.0.1:1/none")
        #expect(noSecret.status == 2 && noSecret.stderr.contains("REGISTRE_SECRET"))

        let done = try erase("email=jeanne.dupont@exemple.fr")
        #expect(done.status == 0, "\(done.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(done.stdout.utf8)) as? [String: Any]
        #expect(result?["status"] as? String == "partially_completed")
        #expect(try ServerProcessTests.sqlite(shop, "SELECT first_name FROM customer WHERE id = 1") == "[('anonyme',)]")
        let again = try erase("email=jeanne.dupont@exemple.fr")
        #expect(again.status == 0 && again.stdout.contains("no_data"))
    }

    /// A restriction asked through a request keeps the support tickets from erasure until it is
    /// lifted; connected systems' verdicts show it.
    @Test func aRestrictionKeepsItsCollectionsFromErasureUntilLifted() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shop = try Self.database("shop", "schema.sql", "seed.sql", in: folder)
        let policy = Self.fixtures.appendingPathComponent("shop/policy.yaml").path
        let datasets = Self.fixtures.appendingPathComponent("shop/dataset.yml").path
        let store = ["--database", folder.appendingPathComponent("registre.sqlite").path]
        func json(_ run: CLITests.Run) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        }
        func erase() throws -> [String: Any] {
            let run = try cli.registre(["request", "erasure", "--identity", "email=jeanne.dupont@exemple.fr", "--datasets", datasets, "--connection", shop, "--policy", policy] + store)
            #expect(run.status == 0, "\(run.stderr)")
            return try json(run)
        }
        let ticketBody = "SELECT body FROM ticket_message WHERE ticket_id = 701 AND message_no = 1"
        let original = try ServerProcessTests.sqlite(shop, ticketBody)

        let missingGround = try cli.registre(["request", "open", "--right", "restriction", "--identity", "email=jeanne.dupont@exemple.fr", "--verified"] + store)
        #expect(missingGround.status == 2 && missingGround.stderr.contains("ground-missing"))
        let opened = try cli.registre(
            ["request", "open", "--right", "restriction", "--identity", "email=Jeanne.Dupont@Exemple.fr", "--ground", "legal_claims", "--activity", "support",
             "--reason", "needs the tickets for a claim against the carrier", "--verified"] + store)
        #expect(opened.status == 0, "\(opened.stderr)")
        let noPolicy = try cli.registre(["request", "run", "1"] + store)
        #expect(noPolicy.status == 2 && noPolicy.stderr.contains("needs --policy"))
        // Another server is running request 1: this run is refused until that claim runs out.
        _ = try ServerProcessTests.sqlite(store[1], "INSERT INTO request_run (request_id, owner, claimed_until) VALUES (1, 'server-elsewhere', 32503680000000)")
        let unknown = try cli.registre(["request", "run", "9", "--policy", policy] + store)
        #expect(unknown.status == 2 && unknown.stderr.contains("request-unknown"), "\(unknown.stderr)")
        let busy = try cli.registre(["request", "run", "1", "--policy", policy] + store)
        #expect(busy.status == 2 && busy.stderr.contains("run-in-progress"), "\(busy.stderr)")
        _ = try ServerProcessTests.sqlite(store[1], "UPDATE request_run SET claimed_until = 0")
        let run = try cli.registre(["request", "run", "1", "--policy", policy] + store)
        #expect(try ServerProcessTests.sqlite(store[1], "SELECT count(*) FROM request_run") == "[(0,)]", "the run's own claim is released")
        let limit = try #require((try json(run)["result"] as? [String: Any])?["limit"] as? [String: Any])
        #expect(limit["id"] as? Int == 1 && limit["kind"] as? String == "restriction" && limit["request"] as? Int == 1)
        #expect((limit["ground"] as? String)?.hasPrefix("Art. 18(1)(c)") == true)

        let verdicts = try json(try cli.registre(["request", "limits", "--identity", "email=jeanne.dupont@exemple.fr", "--policy", policy] + store))
        let activities = try #require(verdicts["activities"] as? [[String: Any]])
        #expect(activities.first { $0["activity"] as? String == "support" }?["status"] as? String == "restricted")
        #expect(activities.first { $0["activity"] as? String == "orders" }?["may_process"] as? Bool == true)

        let kept = try erase()
        #expect(kept["status"] as? String == "partially_completed")
        let collections = try #require(kept["collections"] as? [String: [[String: Any]]])
        for name in ["support_ticket", "ticket_message"] {
            #expect(collections[name]?.first?["action"] as? String == "kept", "\(name): \(String(describing: collections[name]))")
            #expect((collections[name]?.first?["reason"] as? String)?.contains("restricted for the activity 'support'") == true)
        }
        #expect(try ServerProcessTests.sqlite(shop, ticketBody) == original, "restricted rows are only stored")
        #expect(try ServerProcessTests.sqlite(shop, "SELECT first_name FROM customer WHERE id = 1") == "[('anonyme',)]", "the rest is erased")
        let email = "SELECT email FROM customer WHERE id = 1"
        #expect(try ServerProcessTests.sqlite(shop, email) == "[('Jeanne.Dupont@Exemple.fr',)]", "the identity stays while the restriction stands")
        #expect((collections["customer"]?.first?["kept_fields"] as? [String: String])?["email"]?.hasPrefix("kept while a restriction stands") == true)

        let unexplained = try cli.registre(["request", "lift", "1", "--reason", " "] + store)
        #expect(unexplained.status == 2 && unexplained.stderr.contains("reason-missing"))
        let lifted = try cli.registre(["request", "lift", "1", "--reason", "the claim is settled; told on 2 December"] + store)
        let liftedLimit = try json(lifted)
        #expect(lifted.status == 0 && liftedLimit["active"] as? Bool == false)
        _ = try erase()
        #expect(try ServerProcessTests.sqlite(shop, ticketBody) != original, "once lifted, erasure reaches the tickets")
        #expect(try ServerProcessTests.sqlite(shop, email) != "[('Jeanne.Dupont@Exemple.fr',)]")
        let audit = try cli.registre(["audit", "verify"] + store)
        #expect(audit.status == 0, "\(audit.stdout)")
    }
}

import Foundation
import Testing

/// `registre retention plan|run` and `registre hold` as a DPO uses them: events imported from the
/// CRM, a legal hold, the plan read, the run applied and audited, on ODOIP's database.
@Suite struct RetentionCommandTests {
    static let root = DatasetsCommandTests.fixtures.deletingLastPathComponent().deletingLastPathComponent()

    /// ODOIP's database in a new SQLite file, Registre's store beside it, and the options naming them.
    struct Company {
        /// `--policy`, `--datasets`, `--connection` and `--database`.
        var options: [String]
        /// `--database` alone, for the commands that only need the store.
        var store: [String]
        /// The company's SQLite file.
        var database: String
    }

    static func odoip(in folder: URL) throws -> Company {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("retention"), withIntermediateDirectories: true)
        let database = try DatasetsCommandTests.database("retention/odoip", "schema.sql", "seed.sql", in: folder)
        let store = ["--database", folder.appendingPathComponent("registre.sqlite").path]
        let options = [
            "--policy", root.appendingPathComponent("Examples/odoip.yaml").path,
            "--datasets", DatasetsCommandTests.fixtures.appendingPathComponent("retention/odoip/dataset.yml").path,
            "--connection", "sqlite:\(database)",
        ]
        return Company(options: options + store, store: store, database: database)
    }

    @Test func aPlanIsReadThenAppliedAndAudited() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let company = try Self.odoip(in: folder)
        let (options, store, database) = (company.options, company.store, company.database)
        let events = folder.appendingPathComponent("crm.csv").path
        try """
            identity,kind,occurred_at
            email=alice.martin@exemple.fr,contract_end,2022-06-30
            email=bruno.petit@example.com,contract_end,2024-01-15
            email=david.leroy@example.com,contract_end,2023-11-22
            email=nobody@example.com,contract_end,2023-01-01
            """.write(toFile: events, atomically: true, encoding: .utf8)
        #expect(try cli.registre(["events", "import", events] + store).status == 0)

        // JSON: every item, each explained, and the summary.
        let json = try cli.registre(["retention", "plan", "--now", "2026-11-22", "--format", "json"] + options)
        #expect(json.status == 0, "\(json.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let items = try #require(plan["items"] as? [[String: Any]])
        #expect(items.count == 12)
        let customer = try #require(items.first { $0["collection"] as? String == "customer" && ($0["row"] as? [String: Int])?["id"] == 1 })
        #expect(customer["action"] as? String == "delete" && customer["status"] as? String == "due")
        #expect(customer["anchor_source"] as? String == "event contract_end")
        #expect(customer["anchor_value"] as? String == "2022-06-30T00:00:00+02:00")
        #expect(customer["due"] as? String == "2025-06-30T00:00:00+02:00")
        #expect((customer["explanation"] as? String)?.contains("the activity 'contract' (P3Y after contract_end: delete") == true)
        let summary = try #require(plan["summary"] as? [String: Any])
        #expect(summary["events_for_unknown_people"] as? Int == 1)
        #expect((summary["waiting_for_event"] as? [String: Int])?["customer contract_end"] == 1)

        // CSV and the table say the same.
        let csv = try cli.registre(["retention", "plan", "--now", "2026-11-22", "--format", "csv"] + options)
        let lines = csv.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.first == "due,status,action,collection,row,fields,activity,rule,anchor,anchor_source,anchor_value,explanation")
        #expect(lines.count == 13)
        #expect(lines.contains { $0.hasPrefix("-,flagged,none,prospect,id=704,") && $0.contains("'le mois dernier', which is not a date") })
        let table = try cli.registre(["retention", "plan", "--now", "2026-11-22"] + options)
        #expect(table.stdout.contains("2026-11-22  due      delete      customer id=4"), "\(table.stdout)")

        // A legal hold on Alice: her rows are held, the others go.
        let hold = try cli.registre(["hold", "add", "--identity", "email=Alice.Martin@exemple.fr", "--reason", "litige en cours", "--until", "2099-06-30"] + store)
        #expect(hold.status == 0 && hold.stdout.contains(#""scope":"subject""#), "\(hold.stderr)")
        let held = try cli.registre(["retention", "plan", "--now", "2026-11-22", "--format", "csv"] + options)
        #expect(held.stdout.contains("held,delete,customer,id=1,") && held.stdout.contains("Held: legal hold 1 (litige en cours) until 2099-06-30"))

        let run = try cli.registre(["retention", "run"] + options)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(#""status":"completed""#))
        // Due at 2026-11-22 and not held: gone, whatever day the test runs. Held and flagged: still there.
        #expect(try ServerProcessTests.sqlite(database, "SELECT id FROM customer WHERE id IN (1, 4) ORDER BY id") == "[(1,)]")
        #expect(try ServerProcessTests.sqlite(database, "SELECT id FROM support_ticket WHERE id IN (501, 502, 504) ORDER BY id") == "[(501,)]")
        #expect(try ServerProcessTests.sqlite(database, "SELECT id FROM invoice WHERE id IN (1001, 1004) ORDER BY id") == "[(1001,)]")
        #expect(try ServerProcessTests.sqlite(database, "SELECT id FROM prospect WHERE id IN (701, 703, 704) ORDER BY id") == "[(703,), (704,)]")
        let audit = try cli.registre(["audit", "verify"] + store)
        #expect(audit.status == 0, "\(audit.stdout)")

        // Released, the hold no longer keeps Alice's rows.
        #expect(try cli.registre(["hold", "release", "1"] + store).status == 0)
        #expect(try cli.registre(["hold", "release", "1"] + store).stderr.contains("already released"))
        #expect(try cli.registre(["hold", "list"] + store).stdout == "{\"holds\":[]}\n")
        #expect(try cli.registre(["retention", "run"] + options).status == 0)
        #expect(try ServerProcessTests.sqlite(database, "SELECT count(*) FROM customer WHERE id = 1") == "[(0,)]")
    }

    @Test func badInputIsRefusedWithWhatAndWhere() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let company = try Self.odoip(in: folder)
        let (options, store, database) = (company.options, company.store, company.database)
        let before = try ServerProcessTests.sqlite(database, "SELECT count(*) FROM customer")

        let future = try cli.registre(["retention", "run", "--now", "2099-01-01"] + options)
        #expect(future.status == 2 && future.stderr.contains("[now-in-future]"), "\(future.stderr)")
        let badDate = try cli.registre(["retention", "plan", "--now", "demain"] + options)
        #expect(badDate.status == 2 && badDate.stderr.contains("--now: 'demain' is not a date"), "\(badDate.stderr)")
        let format = try cli.registre(["retention", "plan", "--format", "xml"] + options)
        #expect(format.status != 0)

        // A dataset naming an activity the policy lacks, and one with a column that is not a field.
        let shop = DatasetsCommandTests.fixtures.appendingPathComponent("shop/dataset.yml").path
        var wrong = options
        wrong[wrong.firstIndex(of: "--datasets")! + 1] = shop
        let unknown = try cli.registre(["retention", "plan"] + wrong)
        #expect(unknown.status == 2 && unknown.stderr.contains("registre.activities names"), "\(unknown.stderr)")
        let broken = folder.appendingPathComponent("broken.yml").path
        try String(contentsOfFile: options[options.firstIndex(of: "--datasets")! + 1], encoding: .utf8)
            .replacingOccurrences(of: "anchors: {last_contact: last_contact_at}", with: "anchors: {last_contact: contacted_on}")
            .write(toFile: broken, atomically: true, encoding: .utf8)
        wrong[wrong.firstIndex(of: "--datasets")! + 1] = broken
        let column = try cli.registre(["retention", "plan"] + wrong)
        #expect(column.status == 2 && column.stderr.contains("broken.yml:") && column.stderr.contains("'contacted_on', which is not a field"), "\(column.stderr)")

        // Holds: exactly one scope, a reason, an end after now.
        #expect(try cli.registre(["hold", "add", "--reason", "x"] + store).stderr.contains("exactly one of --identity, --collection and --dataset"))
        #expect(try cli.registre(["hold", "add", "--dataset", "odoip", "--collection", "odoip.invoice", "--reason", "x"] + store).status == 2)
        #expect(try cli.registre(["hold", "add", "--collection", "invoice", "--reason", "x"] + store).stderr.contains("DATASET.COLLECTION"))
        #expect(try cli.registre(["hold", "add", "--dataset", "odoip", "--reason", " "] + store).stderr.contains("--reason must say why"))
        #expect(try cli.registre(["hold", "add", "--dataset", "odoip", "--reason", "x", "--until", "2020-01-01"] + store).stderr.contains("is not after now"))
        #expect(try cli.registre(["hold", "add", "--identity", "email=nobody", "--reason", "x"] + store).stderr.contains("not an e-mail address"))
        #expect(try cli.registre(["hold", "release", "9"] + store).status == 2)
        // Checked against the dataset file when one is given: a misspelt name would hold nothing.
        let datasets = ["--datasets", options[options.firstIndex(of: "--datasets")! + 1]]
        let misspelt = try cli.registre(["hold", "add", "--collection", "odoip.invoce", "--reason", "x"] + datasets + store)
        #expect(misspelt.status == 2 && misspelt.stderr.contains("no collection 'invoce' in odoip (it has access_log, customer, invoice"), "\(misspelt.stderr)")
        let other = try cli.registre(["hold", "add", "--dataset", "odoi", "--reason", "x"] + datasets + store)
        #expect(other.status == 2 && other.stderr.contains("describes the dataset 'odoip', not 'odoi'"), "\(other.stderr)")
        #expect(try cli.registre(["hold", "list"] + store).stdout == "{\"holds\":[]}\n")
        #expect(try ServerProcessTests.sqlite(database, "SELECT count(*) FROM customer") == before)

        // A whole-dataset hold: nothing is deleted.
        #expect(try cli.registre(["hold", "add", "--dataset", "odoip", "--reason", "audit"] + store).status == 0)
        let run = try cli.registre(["retention", "run"] + options)
        #expect(run.status == 0 && run.stdout.contains(#""applied":{}"#), "\(run.stdout)")
        #expect(try ServerProcessTests.sqlite(database, "SELECT count(*) FROM customer") == before)
    }
}

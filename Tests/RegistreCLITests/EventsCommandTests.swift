import Foundation
import Testing

/// Lifecycle events as the company's systems send them: a file through `registre events import`,
/// one at a time through the server's API, both into the same store.
@Suite struct EventsCommandTests {
    @Test func aFileOfEventsIsCheckedWholeRecordedOnceAndListed() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ["--database", folder.appendingPathComponent("registre.sqlite").path]
        let csv = folder.appendingPathComponent("crm-export.csv").path
        try """
            Kind,identity,occurred_at
            contract_end,customer_number=C-42,2026-01-31
            last_contact,"email=Jeanne@Exemple.fr",2026-03-29T02:30:00+02:00

            account_deactivation,customer_number=C-42,"2026-10-25T01:30:00Z"
            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try cli.registre(["events", "import", csv] + store)
        #expect(imported.status == 0 && imported.stdout.contains(#""recorded":3"#) && imported.stdout.contains(#""duplicates":0"#), "\(imported.stdout)\(imported.stderr)")
        let again = try cli.registre(["events", "import", csv] + store)
        #expect(again.status == 0 && again.stdout.contains(#""recorded":0"#) && again.stdout.contains(#""duplicates":3"#))

        let listed = try cli.registre(["events", "list", "--identity", "customer_number=C-42"] + store)
        let events = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: [[String: String]]]
        #expect(events?["events"]?.map { $0["kind"] ?? "" } == ["contract_end", "account_deactivation"])
        #expect(events?["events"]?.first?["occurred_at"] == "2026-01-30T23:00:00Z", "midnight in Paris")
        #expect(events?["events"]?.first?["source"] == "import:crm-export.csv")
        let email = try cli.registre(["events", "list", "--identity", "email=jeanne@exemple.fr"] + store)
        #expect(email.stdout.contains("last_contact"), "the identity is normalised before it is hashed")

        // JSON Lines, with one bad line: nothing of the file is stored, and the line is named.
        let jsonl = folder.appendingPathComponent("events.jsonl").path
        try """
            {"identity": "customer_number=C-7", "kind": "application", "occurred_at": "2026-05-04"}
            {"identity": "customer_number=C-7", "kind": "hired", "occurred_at": "2026-06-01"}
            """.write(toFile: jsonl, atomically: true, encoding: .utf8)
        let bad = try cli.registre(["events", "import", jsonl] + store)
        #expect(bad.status == 2 && bad.stderr.contains("events.jsonl:2: 'hired' is not a kind of event"), "\(bad.stderr)")
        #expect(try cli.registre(["events", "list", "--identity", "customer_number=C-7"] + store).stdout.contains(#""events":[]"#))
        for (text, words) in [
            ("kind,identity\nconsent,email=a@b.fr\n", "crm.csv:1: the header must name identity, kind and occurred_at"),
            ("identity,kind,occurred_at\nemail=a@b.fr,consent\n", "crm.csv:2: 2 fields where the header has 3"),
            ("identity,kind,occurred_at\nemail=nobody,consent,2026-01-01\n", "crm.csv:2: the email identity is not an e-mail address"),
            ("identity,kind,occurred_at\nemail=a@b.fr,consent,2099-01-01\n", "crm.csv:2: the event is dated 2099-01-01, after now"),
            ("identity,kind,occurred_at\nemail=a@b.fr,consent,2026-01-01 10:00\n", "crm.csv:2: '2026-01-01 10:00' is not a date"),
        ] {
            let path = folder.appendingPathComponent("crm.csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let refused = try cli.registre(["events", "import", path] + store)
            #expect(refused.status == 2 && refused.stderr.contains(words), "\(refused.stderr)")
        }
        let unknown = try cli.registre(["events", "import", folder.appendingPathComponent("events.txt").path] + store)
        #expect(unknown.status == 2)
        let audit = try cli.registre(["audit", "verify"] + store)
        #expect(audit.status == 0 && audit.stdout.hasPrefix("ok: 2 entries"), "two imports, nothing of the refused ones: \(audit.stdout)")
    }

    @Test func theServerTakesEventsFromTheCompanysSystems() async throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("registre.sqlite").path
        let token = try cli.registre("token", "create", "crm", "--database", database).stdout.split(separator: "\n").first.map(String.init) ?? ""
        let server = try ServerProcessTests.Server(database: database, directory: folder)
        defer { server.stop() }
        try await server.waitUntilReady()
        func post(_ identity: String, _ body: String, token: String? = token) async throws -> (Int, [String: Any]) {
            var headers = ["Content-Type": "application/json"]
            if let token { headers["Authorization"] = "Bearer \(token)" }
            let (status, data) = try await server.request("/v1/subjects/\(identity)/events", method: "POST", body: Data(body.utf8), headers: headers)
            return (status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
        }
        let one = try await post("customer_number=C-42", #"{"kind":"contract_end","occurred_at":"2026-01-31"}"#)
        #expect(one.0 == 201 && one.1["recorded"] as? Int == 1, "\(one.1)")
        let encoded = try await post("email%3DJeanne%40Exemple.fr", #"{"events":[{"kind":"consent","occurred_at":"2026-02-01T10:00:00+01:00"},{"kind":"last_contact","occurred_at":"2026-03-01"}]}"#)
        #expect(encoded.0 == 201 && encoded.1["recorded"] as? Int == 2, "\(encoded.1)")
        let repeated = try await post("customer_number=C-42", #"{"kind":"contract_end","occurred_at":"2026-01-31T00:00:00+01:00"}"#)
        #expect(repeated.0 == 201 && repeated.1["recorded"] as? Int == 0 && repeated.1["duplicates"] as? Int == 1, "the same instant written another way")

        for (identity, body, status, code) in [
            ("customer_number=C-42", #"{"kind":"birthday","occurred_at":"2026-01-31"}"#, 422, "event-kind-unknown"),
            ("customer_number=C-42", #"{"kind":"consent","occurred_at":"2099-01-31"}"#, 422, "event-in-future"),
            ("customer_number=C-42", #"{"kind":"consent","occurred_at":"2026-01-31T10:00:00"}"#, 422, "time-zone-missing"),
            ("customer_number=C-42", #"{"kind":"consent"}"#, 400, "field-missing"),
            ("customer_number=C-42", #"{"events":[]}"#, 400, "events-invalid"),
            ("customer_number=C-42", #"{"kind":"consent","occurred_at":"#, 400, "json-invalid"),
            ("nobody", #"{"kind":"consent","occurred_at":"2026-01-31"}"#, 400, "identity-invalid"),
            ("email=nobody", #"{"kind":"consent","occurred_at":"2026-01-31"}"#, 400, "identity-invalid"),
        ] {
            let (answered, problem) = try await post(identity, body)
            #expect(answered == status && (problem["type"] as? String)?.hasSuffix(code) == true, "\(body): \(answered) \(problem)")
        }
        #expect(try await post("customer_number=C-42", #"{"kind":"consent","occurred_at":"2026-01-31"}"#, token: nil).0 == 401)

        let (status, data) = try await server.request("/v1/subjects/email=jeanne@exemple.fr/events", headers: ["Authorization": "Bearer \(token)"])
        let listed = (try? JSONSerialization.jsonObject(with: data)) as? [String: [[String: String]]]
        #expect(status == 200 && listed?["events"]?.map { $0["kind"] ?? "" } == ["consent", "last_contact"], "\(String(decoding: data, as: UTF8.self))")
        #expect(listed?["events"]?.first?["source"] == "token:crm")
        let audit = try cli.registre("audit", "verify", "--database", database)
        #expect(audit.status == 0, "\(audit.stdout)")
    }
}

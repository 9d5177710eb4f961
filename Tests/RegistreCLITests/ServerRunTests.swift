import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `registre serve --datasets --connection`: the server carries out requests on the company's
/// database itself (`POST /v1/requests/{id}/run`) and keeps the export for the person, on the shop
/// fixture in a real SQLite file, with mail through aiosmtpd on loopback.
@Suite(.serialized) struct ServerRunTests {
    static let shop = DatasetsCommandTests.fixtures.appendingPathComponent("shop")

    /// A server on the shop's database, with an API token, mail and the given options.
    static func withShopServer(
        mail: Bool = true, connection: String? = nil, extra: [String] = [], environment: [String: String] = [:],
        _ body: @Sendable (_ server: ServerProcessTests.Server, _ api: API, _ mail: MailServer?, _ paths: Paths) async throws -> Void
    ) async throws {
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = Paths(
            store: directory.appendingPathComponent("registre.sqlite").path,
            shop: try DatasetsCommandTests.database("shop", "schema.sql", "seed.sql", in: directory),
            exports: directory.appendingPathComponent("registre-exports"))
        let token = try CLITests().registre("token", "create", "dpo", "--database", paths.store).stdout.split(separator: "\n").first.map(String.init) ?? ""
        let mailServer = mail ? try MailServer(in: directory.appendingPathComponent("smtp")) : nil
        defer { mailServer?.stop() }
        let mailing = mailServer.map { ["--smtp", "smtp://127.0.0.1:\($0.port)", "--mail-from", "dpo@exemple.fr", "--public-url", "https://privacy.exemple.fr"] } ?? []
        let target = ["--datasets", Self.shop.appendingPathComponent("dataset.yml").path, "--connection", connection ?? "sqlite:\(paths.shop)"]
        let server = try ServerProcessTests.Server(
            database: paths.store, directory: directory, environment: environment, arguments: mailing + (extra.contains("--no-target") ? [] : target) + extra.filter { $0 != "--no-target" },
            policy: Self.shop.appendingPathComponent("policy.yaml"))
        defer { server.stop() }
        try await server.waitUntilReady()
        try await body(server, API(server: server, token: token), mailServer, paths)
    }

    struct Paths {
        var store: String
        var shop: String
        var exports: URL
    }

    /// The DPO's API, with the token.
    struct API {
        let server: ServerProcessTests.Server
        let token: String

        func send(_ method: String, _ path: String, _ body: String? = nil) async throws -> (status: Int, json: [String: Any], data: Data) {
            let (status, data) = try await server.request(
                path, method: method, body: body.map { Data($0.utf8) }, headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"])
            var json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            // A problem's code is the last part of its type.
            if let type = json["type"] as? String, json["code"] == nil { json["code"] = type.split(separator: "/").last.map(String.init) }
            return (status, json, data)
        }

        /// Opens a request whose identity is already confirmed; returns its number.
        func open(_ right: String, _ identity: String, _ extra: String = "") async throws -> Int {
            let opened = try await send("POST", "/v1/requests", #"{"right":"\#(right)","identities":["\#(identity)"],"verified":true\#(extra)}"#)
            #expect(opened.status == 201, "\(String(decoding: opened.data, as: UTF8.self))")
            return opened.json["id"] as? Int ?? 0
        }
    }

    @Test func aPersonAsksForAccessTheServerAnswersAndThePersonDownloadsTheirData() async throws {
        try await Self.withShopServer { server, api, mail, paths in
            let mail = try #require(mail)
            let opened = try await PortalTests.post(server, "/rights", [("right", "access"), ("email", "jeanne.dupont@exemple.fr"), ("lang", "fr")])
            #expect(opened.status == 200 && opened.path.hasPrefix("/rights/requests/1-"), "\(opened.page)")
            let code = try #require(try await mail.waitForMails(1)[0].code)
            let early = try await api.send("POST", "/v1/requests/1/run")
            #expect(early.status == 409 && early.json["code"] as? String == "state-invalid", "the identity first")
            #expect(try await PortalTests.post(server, "\(opened.path)/verify?lang=fr", [("code", code)]).page.contains("En cours de traitement"))

            let run = try await api.send("POST", "/v1/requests/1/run")
            #expect(run.status == 200, "\(String(decoding: run.data, as: UTF8.self))")
            let request = run.json["request"] as? [String: Any] ?? [:], result = run.json["result"] as? [String: Any] ?? [:]
            #expect(request["state"] as? String == "completed" && request["export_path"] as? String == "/v1/requests/1/export")
            let rows = result["collections"] as? [String: Int] ?? [:]
            #expect(result["status"] as? String == "completed" && rows["customer"] == 1 && (rows["customer_order"] ?? 0) > 0, "\(result)")
            // Only the zip is kept on the server, readable by its user alone, in a folder named by its keyed download secret.
            let download = try #require(request["download_path"] as? String)
            #expect(download.hasPrefix("/rights/exports/1-") && !download.contains(opened.path.dropFirst("/rights/requests/".count)))
            let folder = paths.exports.appendingPathComponent("request-\(download.dropFirst("/rights/exports/".count))")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["access.zip"])
            let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("access.zip").path)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            // The person is told, with the link to their page, and the download link goes to their address alone.
            // (The maildir's file names do not always sort in the order the mails came.)
            let answer = try #require(try await mail.waitForMails(2).first { $0.code == nil })
            #expect(answer.headers.contains("To: <jeanne.dupont@exemple.fr>") && answer.text.contains("Votre demande n° 1 (Droit d'accès, Art. 15 du RGPD) a été traitée."), "\(answer.text)")
            #expect(answer.text.contains("https://privacy.exemple.fr\(opened.path)") && answer.text.contains("https://privacy.exemple.fr\(download)"), "\(answer.text)")
            let page = try await PortalTests.get(server, "\(opened.path)?lang=fr")
            #expect(page.page.contains("depuis le lien envoyé à votre adresse électronique") && !page.page.contains("/rights/exports/"), "\(page.page)")
            #expect(try await PortalTests.get(server, "\(opened.path)/export").status == 404, "the status link downloads nothing")

            // Anyone with the mailed link (no token) and the DPO (token) get the same zip, holding Jeanne's rows.
            for (path, headers) in [(download, [String: String]()), ("/v1/requests/1/export", ["Authorization": "Bearer \(api.token)"])] {
                let (status, zip) = try await server.request(path, headers: headers)
                #expect(status == 200 && zip.prefix(2) == Data("PK".utf8), "\(path)")
                let listing = try Self.unzipListing(zip, in: paths.exports)
                #expect(listing.contains("customer.json") && listing.contains("customer.csv") && listing.contains("index.html"), "\(listing)")
                #expect(try Self.unzipped(zip, "customer.json", in: paths.exports).contains("Jeanne.Dupont@Exemple.fr"))
            }
            let (stranger, _) = try await server.request(String(download.dropLast()) + (download.hasSuffix("0") ? "1" : "0"))
            #expect(stranger == 404, "another link downloads nothing")
            let (noToken, _) = try await server.request("/v1/requests/1/export")
            #expect(noToken == 401)

            let again = try await api.send("POST", "/v1/requests/1/run")
            #expect(again.status == 409 && again.json["code"] as? String == "state-invalid")
            let audit = try CLITests().registre(["audit", "verify", "--database", paths.store])
            #expect(audit.status == 0, "\(audit.stdout)")
        }
    }

    @Test func anErasureRunByTheServerSaysWhatWasKeptAndWhy() async throws {
        try await Self.withShopServer(mail: false) { server, api, _, paths in
            let id = try await api.open("erasure", "email=paul.martin@exemple.fr")
            let run = try await api.send("POST", "/v1/requests/\(id)/run")
            #expect(run.status == 200, "\(String(decoding: run.data, as: UTF8.self))")
            let request = run.json["request"] as? [String: Any] ?? [:], result = run.json["result"] as? [String: Any] ?? [:]
            #expect(result["status"] as? String == "partially_completed" && request["state"] as? String == "partially_completed", "\(result)")
            #expect(request["export_path"] == nil)
            #expect(try ServerProcessTests.sqlite(paths.shop, "SELECT count(*) FROM customer WHERE lower(email) = 'paul.martin@exemple.fr'") == "[(0,)]")
            // The person's page says what was kept, as the result does.
            let shown = try await api.send("GET", "/v1/requests/\(id)")
            let page = try await PortalTests.get(server, "\(shown.json["status_path"] as? String ?? "")?lang=en")
            #expect(page.page.contains(#"<ul id="kept">"#) && page.page.contains("lodge a complaint"), "\(page.page)")
            #expect(request["download_path"] == nil, "an erasure has nothing to download")
        }
    }

    @Test func badRunsAreRefusedWithWhatIsWrongAndChangeNothing() async throws {
        try await Self.withShopServer(mail: false) { server, api, _, paths in
            let rectification = try await api.open("rectification", "email=jeanne.dupont@exemple.fr", #","reason":"my name is misspelt""#)
            let none = try await api.send("POST", "/v1/requests/\(rectification)/run")
            #expect(none.status == 422 && none.json["code"] as? String == "correction-missing" && (none.json["detail"] as? String ?? "").contains("corrections"))
            let alone = try await api.send("POST", "/v1/requests/\(rectification)/run", #"{"where":["customer.id=1"]}"#)
            #expect(alone.status == 422 && alone.json["code"] as? String == "where-alone" && (alone.json["detail"] as? String ?? "").contains("where goes with corrections"))
            let key = try await api.send("POST", "/v1/requests/\(rectification)/run", #"{"corrections":["customer.id=99"]}"#)
            #expect(key.status == 422 && key.json["code"] as? String == "correction-invalid", "\(key.json)")
            let malformed = try await api.send("POST", "/v1/requests/\(rectification)/run", #"{"corrections":"#)
            #expect(malformed.status == 400)
            let wrongType = try await api.send("POST", "/v1/requests/\(rectification)/run", #"{"corrections":"customer.last_name=Dupont"}"#)
            #expect(wrongType.status == 400 && wrongType.json["code"] as? String == "field-invalid")
            #expect(try ServerProcessTests.sqlite(paths.shop, "SELECT last_name FROM customer WHERE id = 1") == "[('Dupont',)]")
            let fixed = try await api.send("POST", "/v1/requests/\(rectification)/run", #"{"corrections":["customer.last_name=Dupont-Lefort"]}"#)
            #expect(fixed.status == 200 && (fixed.json["request"] as? [String: Any])?["state"] as? String == "completed", "\(fixed.json)")
            #expect(try ServerProcessTests.sqlite(paths.shop, "SELECT last_name FROM customer WHERE id = 1") == "[('Dupont-Lefort',)]")

            let access = try await api.open("access", "email=karim.benali@example.com")
            let language = try await api.send("POST", "/v1/requests/\(access)/run", #"{"language":"de"}"#)
            #expect(language.status == 422 && language.json["code"] as? String == "language-unknown")
            #expect(try await api.send("POST", "/v1/requests/99/run").status == 404)
            #expect(try await api.send("POST", "/v1/requests/zero/run").status == 400)
            let (anonymous, _) = try await server.request("/v1/requests/\(access)/run", method: "POST")
            #expect(anonymous == 401)
            let listed = try await api.send("GET", "/v1/requests/\(access)")
            #expect(listed.json["state"] as? String == "in_progress", "nothing refused changed the request")
        }
    }

    @Test func withoutADatabaseOnlyWhatNeedsNoneRuns() async throws {
        try await Self.withShopServer(mail: false, extra: ["--no-target"]) { _, api, _, _ in
            let access = try await api.open("access", "email=karim.benali@example.com")
            let refused = try await api.send("POST", "/v1/requests/\(access)/run")
            #expect(refused.status == 422 && refused.json["code"] as? String == "option-missing"
                && (refused.json["detail"] as? String ?? "").contains("a server started with --datasets and --connection"), "\(refused.json)")
            let objection = try await api.open("objection", "email=karim.benali@example.com", #","activities":["security-logs"],"reason":"I share this computer with my family""#)
            let run = try await api.send("POST", "/v1/requests/\(objection)/run")
            #expect(run.status == 200 && (run.json["result"] as? [String: Any])?["limit"] != nil, "\(String(decoding: run.data, as: UTF8.self))")
        }
    }

    @Test func anUnreachableDatabaseIs503AndTheRequestStaysInProgress() async throws {
        try await Self.withShopServer(mail: false, connection: "postgres://registre@127.0.0.1:1/nowhere") { _, api, _, _ in
            let id = try await api.open("erasure", "email=karim.benali@example.com")
            let run = try await api.send("POST", "/v1/requests/\(id)/run")
            #expect(run.status == 503 && run.json["code"] as? String == "connection-failed", "\(String(decoding: run.data, as: UTF8.self))")
            #expect(try await api.send("GET", "/v1/requests/\(id)").json["state"] as? String == "in_progress")
        }
    }

    /// Runs `body` with the URL of a new PostgreSQL database holding the shop fixture (named
    /// `registre_<prefix>_<random>` on the test server), dropped afterwards.
    static func withPostgresShop(_ prefix: String, _ body: (String) async throws -> Void) async throws {
        let url = try #require(ProcessInfo.processInfo.environment["REGISTRE_TEST_POSTGRES_URL"], "run the tests with Scripts/test, which starts PostgreSQL")
        let database = "registre_\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        let base = String(url[..<(try #require(url.lastIndex(of: "/")))])
        try Self.psql("\(base)/postgres", ["-c", "CREATE DATABASE \(database)"])
        defer { _ = try? Self.psql("\(base)/postgres", ["-c", "DROP DATABASE \(database) WITH (FORCE)"]) }
        try Self.psql("\(base)/\(database)", ["-f", Self.shop.appendingPathComponent("schema.sql").path, "-f", Self.shop.appendingPathComponent("seed.sql").path])
        try await body("\(base)/\(database)")
    }

    @Test func onPostgreSQLTheServerErasesAndReadsBack() async throws {
        try await Self.withPostgresShop("run") { shop in
            try await Self.withShopServer(mail: false, connection: "env:SHOP_URL", environment: ["SHOP_URL": shop]) { _, api, _, _ in
                let id = try await api.open("erasure", "email=paul.martin@exemple.fr")
                let run = try await api.send("POST", "/v1/requests/\(id)/run")
                #expect(run.status == 200 && (run.json["result"] as? [String: Any])?["status"] as? String == "partially_completed", "\(String(decoding: run.data, as: UTF8.self))")
                let left = try Self.psql(shop, ["-Atc", "SELECT count(*) FROM customer WHERE lower(email) = 'paul.martin@exemple.fr'"])
                #expect(left == "0")
                let access = try await api.open("access", "email=claire.martin@exemple.fr")
                let answered = try await api.send("POST", "/v1/requests/\(access)/run")
                #expect(answered.status == 200 && ((answered.json["result"] as? [String: Any])?["collections"] as? [String: Int])?["customer"] == 1, "\(answered.json)")
            }
        }
    }

    /// PostgreSQL goes away in the middle of an erasure: the server's connection is ended after
    /// the transaction has changed rows. Nothing of it stays, the request is not reported done,
    /// and running it again once the database is back completes it.
    @Test func aDatabaseLostInTheMiddleOfAnErasureKeepsNothingHalfDoneAndTheRunResumes() async throws {
        try await Self.withPostgresShop("lost") { shop in
            // Every statement changing a table is counted by a sequence (which no rollback undoes)
            // and made slow, so the connection can be ended between two of them; from the third on,
            // five seconds slow, so that the end comes inside the transaction even when the machine
            // is loaded (Paul's erasure takes four statements, and 0.2 s was once too short a window).
            let tables = try Self.slowDownChanges(
                in: shop, with: "PERFORM pg_sleep(CASE WHEN nextval('erasure_steps') >= 3 THEN 5 ELSE 0.2 END);", counting: true)
            #expect(tables.count == 12)
            let snapshot = "SELECT string_agg(md5(t), ' ' ORDER BY n) FROM (" + tables.map { "SELECT '\($0)' AS n, coalesce(string_agg(x::text, ',' ORDER BY x::text), '') AS t FROM \($0) x" }.joined(separator: " UNION ALL ") + ") s"
            let before = try Self.psql(shop, ["-Atc", snapshot])

            try await Self.withShopServer(mail: false, connection: "env:SHOP_URL", environment: ["SHOP_URL": shop]) { _, api, _, _ in
                let id = try await api.open("erasure", "email=paul.martin@exemple.fr")
                let killer = Task {
                    for _ in 0..<300 {
                        let steps = Int(try Self.psql(shop, ["-Atc", "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM erasure_steps"])) ?? 0
                        if steps >= 3 {
                            return try Self.psql(shop, ["-Atc", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"])
                        }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    return "never reached three statements"
                }
                let run = try await api.send("POST", "/v1/requests/\(id)/run")
                let ended = try await killer.value
                #expect(ended != "0" && ended != "never reached three statements", "\(ended)")
                #expect([502, 503].contains(run.status), "\(String(decoding: run.data, as: UTF8.self))")
                #expect((run.json["result"] as? [String: Any])?["status"] as? String != "completed")
                #expect(try await api.send("GET", "/v1/requests/\(id)").json["state"] as? String == "in_progress", "not reported done")
                #expect(try Self.psql(shop, ["-Atc", snapshot]) == before, "the statements run before the connection ended left nothing")

                // The database answers again: the same request runs to its end.
                try Self.psql(shop, tables.flatMap { ["-c", "DROP TRIGGER slow ON \($0)"] })
                let again = try await api.send("POST", "/v1/requests/\(id)/run")
                #expect(again.status == 200 && (again.json["result"] as? [String: Any])?["status"] as? String == "partially_completed", "\(String(decoding: again.data, as: UTF8.self))")
                #expect(try Self.psql(shop, ["-Atc", "SELECT count(*) FROM customer WHERE lower(email) = 'paul.martin@exemple.fr'"]) == "0")
                #expect(try await api.send("GET", "/v1/requests/\(id)").json["state"] as? String == "partially_completed")
            }
        }
    }

    /// Makes every statement changing a table of `shop` run `step` (PL/pgSQL) first, through a
    /// statement trigger on each of its tables; with `counting`, the sequence `erasure_steps`
    /// exists for `step` to count them (no rollback undoes it). Returns the tables.
    @discardableResult
    static func slowDownChanges(in shop: String, with step: String, counting: Bool = false) throws -> [Substring] {
        let tables = try psql(shop, ["-Atc", "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"]).split(separator: "\n")
        try psql(shop, ["-c", (counting ? "CREATE SEQUENCE erasure_steps; " : "") + """
            CREATE FUNCTION slow_step() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \(step) RETURN NULL; END $$;
            """] + tables.flatMap { ["-c", "CREATE TRIGGER slow AFTER UPDATE OR DELETE ON \($0) FOR EACH STATEMENT EXECUTE FUNCTION slow_step()"] })
        return tables
    }

    /// Opens an erasure of Paul on a PostgreSQL copy of the shop whose every change of a table
    /// takes a second (counted by the sequence `erasure_steps`), served with `--run-lease 1s`,
    /// starts its run through the API and calls `body` once the first change reached the
    /// database, with the API, the paths, the database's URL, the request and the run's answer.
    static func withSlowErasureUnderway(
        _ prefix: String, _ body: @Sendable (API, Paths, String, Int, Task<(Int, Data), any Error>) async throws -> Void
    ) async throws {
        try await withPostgresShop(prefix) { shop in
            try Self.slowDownChanges(in: shop, with: "PERFORM nextval('erasure_steps'); PERFORM pg_sleep(1);", counting: true)
            try await Self.withShopServer(mail: false, connection: "env:SHOP_URL", extra: ["--run-lease", "1s"], environment: ["SHOP_URL": shop]) { _, api, _, paths in
                let id = try await api.open("erasure", "email=paul.martin@exemple.fr")
                let run = Task {
                    let answer = try await api.send("POST", "/v1/requests/\(id)/run")
                    return (answer.status, answer.data)
                }
                var started = false
                for _ in 0..<200 where !started {
                    started = try Self.psql(shop, ["-Atc", "SELECT is_called FROM erasure_steps"]) == "t"
                    if !started { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(started, "the erasure never reached the database")
                try await body(api, paths, shop, id, run)
            }
        }
    }

    /// A run lasting several times its claim's lease (`--run-lease 1s`, each statement of the
    /// erasure made one second slow) keeps its claim in the store, renewed every third of the
    /// lease: another process sharing the store is refused the request meanwhile, and the claim
    /// is gone once the run has answered.
    @Test func aRunLongerThanItsLeaseKeepsItsClaim() async throws {
        try await Self.withSlowErasureUnderway("lease") { api, paths, shop, id, run in
            // Two seconds into the statements, twice the lease: only a renewed claim still holds.
            try await Task.sleep(for: .seconds(2))
            let now = Date().timeIntervalSince1970 * 1000
            let claim = try ServerProcessTests.sqlite(paths.store, "SELECT claimed_until FROM request_run WHERE request_id = \(id)")
            let until = Double(claim.trimmingCharacters(in: CharacterSet(charactersIn: "[(,)]"))) ?? 0
            #expect(until > now, "claimed until \(claim), now \(now)")
            let busy = try CLITests().registre(["request", "run", "\(id)", "--database", paths.store])
            #expect(busy.status == 2 && busy.stderr.contains("run-in-progress"), "\(busy.stderr)")

            let (status, data) = try await run.value
            let result = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["result"] as? [String: Any]
            #expect(status == 200 && result?["status"] as? String == "partially_completed", "\(String(decoding: data, as: UTF8.self))")
            #expect(try Int(Self.psql(shop, ["-Atc", "SELECT last_value FROM erasure_steps"])) ?? 0 >= 3, "the run outlasted its lease")
            #expect(try ServerProcessTests.sqlite(paths.store, "SELECT count(*) FROM request_run") == "[(0,)]", "the claim is released")
        }
    }

    /// The server stalls beyond its lease, as seen from the store: mid-run, the claim is handed
    /// to another server. The run goes on to its end and answers what it did, as the database
    /// and the request hold it. (Stopping it was tried: the erasure had committed, the answer
    /// said the run was stopped and the request stayed in progress.)
    @Test func aRunWhoseClaimIsTakenOverSaysWhatItDid() async throws {
        try await Self.withSlowErasureUnderway("stolen") { api, paths, shop, id, run in
            _ = try ServerProcessTests.sqlite(
                paths.store, "UPDATE request_run SET owner = 'server-elsewhere', claimed_until = 32503680000000 WHERE request_id = \(id)")
            let (status, data) = try await run.value
            let answer = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            let state = try await api.send("GET", "/v1/requests/\(id)").json["state"] as? String
            let left = try Self.psql(shop, ["-Atc", "SELECT count(*) FROM customer WHERE lower(email) = 'paul.martin@exemple.fr'"])
            #expect(status == 200 && (answer["result"] as? [String: Any])?["status"] as? String == "partially_completed", "\(answer)")
            #expect(state == "partially_completed" && left == "0", "done and reported done")
            #expect(try ServerProcessTests.sqlite(paths.store, "SELECT owner FROM request_run") == "[('server-elsewhere',)]", "the other's claim is left to it")
        }
    }

    /// The DPO's client hangs up in the middle of an erasure: the run is not cut short with the
    /// connection, so the change committed is the change recorded.
    @Test func aClientHangingUpMidRunLeavesTheRunToFinish() async throws {
        try await Self.withPostgresShop("hangup") { shop in
            try Self.slowDownChanges(in: shop, with: "PERFORM pg_sleep(0.5);")
            try await Self.withShopServer(mail: false, connection: "env:SHOP_URL", environment: ["SHOP_URL": shop]) { server, api, _, _ in
                let id = try await api.open("erasure", "email=paul.martin@exemple.fr")
                let curl = Process()
                curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                curl.arguments = ["curl", "-s", "-o", "/dev/null", "--max-time", "1", "-X", "POST", "-H", "Authorization: Bearer \(api.token)",
                                  "http://127.0.0.1:\(server.port)/v1/requests/\(id)/run"]
                try curl.run()
                curl.waitUntilExit()
                #expect(curl.terminationStatus == 28, "curl gave up after a second, before the answer")
                var state: String?
                for _ in 0..<100 {
                    state = try await api.send("GET", "/v1/requests/\(id)").json["state"] as? String
                    if state != "in_progress" { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                let left = try Self.psql(shop, ["-Atc", "SELECT count(*) FROM customer WHERE lower(email) = 'paul.martin@exemple.fr'"])
                #expect(state == "partially_completed" && left == "0", "request \(state ?? "?"), Paul's rows left \(left)")
            }
        }
    }

    /// Runs Debian's psql on `url`, stopping at the first error; returns what it printed.
    @discardableResult
    static func psql(_ url: String, _ arguments: [String]) throws -> String {
        let bin = try #require(try FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql").sorted().last)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/lib/postgresql/\(bin)/bin/psql")
        process.arguments = [url, "-q", "-v", "ON_ERROR_STOP=1"] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql \(arguments)")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aProofOfIdentitySentFromTheStatusPageIsDestroyedWhenTheRequestCloses() async throws {
        try await Self.withShopServer(mail: false) { server, api, _, _ in
            let opened = try await PortalTests.post(server, "/rights", [("right", "erasure"), ("email", "paul.martin@exemple.fr"), ("lang", "en")])
            #expect(opened.status == 200 && opened.page.contains(#"enctype="multipart/form-data""#) && opened.page.contains("Proof of identity, if we ask you for one"))
            func upload(_ bytes: Data, boundary: String = "registre-\(UUID().uuidString)", name: String = "proof") async throws -> PortalTests.Answer {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(opened.path)/proof?lang=en")!)
                request.httpMethod = "POST"
                request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
                var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"id.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
                body += bytes + Data("\r\n--\(boundary)--\r\n".utf8)
                request.httpBody = body
                return try await PortalTests.send(request)
            }
            let scan = Data("%PDF-1.7\nPaul Martin, identity card\n%%EOF\n".utf8)
            let sent = try await upload(scan)
            #expect(sent.status == 200 && sent.path == opened.path && sent.page.contains(#"id="proof-received""#), "\(sent.page)")
            let exe = try await upload(Data("MZ\u{90}\u{0}this is a program".utf8))
            #expect(exe.status == 415 && exe.error == "Send a PDF, JPEG or PNG file.")
            let large = try await upload(Data("%PDF-".utf8) + Data(count: 5 * 1024 * 1024))
            #expect(large.status == 413 && large.error == "The file is larger than 5 MB.")
            let wrongField = try await upload(scan, name: "other")
            #expect(wrongField.status == 400)
            var noBoundary = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(opened.path)/proof?lang=en")!)
            noBoundary.httpMethod = "POST"
            noBoundary.setValue("multipart/form-data", forHTTPHeaderField: "Content-Type")
            noBoundary.httpBody = scan
            #expect(try await PortalTests.send(noBoundary).status == 400)

            // The DPO sees it and reads it; a refused file changed nothing.
            let shown = try await api.send("GET", "/v1/requests/1")
            let proof = shown.json["identity_proof"] as? [String: Any] ?? [:]
            #expect(proof["content_type"] as? String == "application/pdf" && proof["size"] as? Int == scan.count, "\(shown.json)")
            let (status, file) = try await server.request("/v1/requests/1/proof", headers: ["Authorization": "Bearer \(api.token)"])
            #expect(status == 200 && file == scan)
            let (anonymous, _) = try await server.request("/v1/requests/1/proof")
            #expect(anonymous == 401)
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
            let (put, _) = try await server.request("/v1/requests/1/proof", method: "PUT", body: png, headers: ["Authorization": "Bearer \(api.token)"])
            #expect(put == 200)
            #expect((try await api.send("GET", "/v1/requests/1").json["identity_proof"] as? [String: Any])?["content_type"] as? String == "image/png")

            #expect(try await api.send("POST", "/v1/requests/1/refuse", #"{"reason":"The identity could not be established."}"#).status == 200)
            let gone = try await api.send("GET", "/v1/requests/1/proof")
            #expect(gone.status == 404 && gone.json["code"] as? String == "proof-none", "destroyed with the request's closing")
            let closed = try await PortalTests.get(server, "\(opened.path)?lang=en")
            #expect(!closed.page.contains(#"name="proof""#))
            #expect(try await upload(scan).status == 409)
        }
    }

    @Test func theServerRefusesADatasetWithErrorsBeforeItStarts() throws {
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.yml")
        try "dataset:\n  - fides_key: shop\n    collections: 12\n".write(to: broken, atomically: true, encoding: .utf8)
        let policy = Self.shop.appendingPathComponent("policy.yaml").path
        let served = try CLITests().registre(["serve", "--policy", policy, "--datasets", broken.path, "--connection", "sqlite:none.sqlite", "--port", "1"])
        #expect(served.status != 0 && served.stderr.contains("broken.yml"), "\(served.stderr)")
        let alone = try CLITests().registre(["serve", "--policy", policy, "--datasets", broken.path])
        #expect(alone.status != 0 && alone.stderr.contains("--datasets and --connection go together"), "\(alone.stderr)")
    }

    /// One file of a zip, read by Python's zipfile module.
    static func unzipped(_ zip: Data, _ name: String, in folder: URL) throws -> String {
        let file = folder.appendingPathComponent("download-\(UUID().uuidString).zip")
        try zip.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", file.path, name]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// The names of the files in a zip, read by Python's zipfile module.
    static func unzipListing(_ zip: Data, in folder: URL) throws -> [String] {
        let file = folder.appendingPathComponent("download-\(UUID().uuidString).zip")
        try zip.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import zipfile,sys; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").map(String.init)
    }
}

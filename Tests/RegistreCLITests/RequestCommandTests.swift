import Foundation
import Testing

/// `registre request access` as a script would run it, on a real SQLite file.
@Suite struct RequestCommandTests {
    static let dataset = """
        dataset:
          - fides_key: shop
            collections:
              - name: customer
                fields:
                  - name: id
                    data_categories: [user.unique_id]
                    fides_meta: {primary_key: true}
                  - name: email
                    data_categories: [user.contact.email]
                    fides_meta: {identity: email, data_type: string}
                  - name: name
                    data_categories: [user.name]
              - name: "order"
                fields:
                  - name: id
                    data_categories: [system.operations]
                    fides_meta: {primary_key: true}
                  - name: customer_id
                    data_categories: [user.unique_id]
                    fides_meta:
                      references: [{dataset: shop, field: customer.id, direction: from}]
        """

    @Test func accessWritesEveryRowOfThePersonAndASummary() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("shop.sqlite").path
        let datasets = folder.appendingPathComponent("shop.yml").path
        try Self.dataset.write(toFile: datasets, atomically: true, encoding: .utf8)
        for statement in [
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT, name TEXT)",
            #"CREATE TABLE "order" (id INTEGER PRIMARY KEY, customer_id INTEGER)"#,
            "INSERT INTO customer VALUES (1, 'Jeanne.Dupont@Exemple.fr', 'Jeanne Dupont'), (2, 'o''brien@exemple.fr', 'Sean O''Brien')",
            #"INSERT INTO "order" VALUES (10, 1), (11, 2), (12, 1)"#,
        ] { _ = try ServerProcessTests.sqlite(database, statement) }

        let out = folder.appendingPathComponent("out").path
        let run = try cli.registre("request", "access", "--identity", "email=jeanne.dupont@exemple.FR", "--datasets", datasets, "--connection", "sqlite:\(database)", "--out", out)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(summary?["status"] as? String == "completed")
        #expect(summary?["collections"] as? [String: Int] == ["customer": 1, "order": 2])
        let orders = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/order.json"))) as? [[String: Any]]
        #expect(orders?.compactMap { $0["id"] as? Int } == [10, 12])
        #expect(summary?["archive"] as? String == out + "/access.zip" && FileManager.default.fileExists(atPath: out + "/access.zip"))
        #expect(try String(contentsOfFile: out + "/customer.csv", encoding: .utf8) == "id,email,name\r\n1,Jeanne.Dupont@Exemple.fr,Jeanne Dupont\r\n")

        let policy = "Examples/exemple-sas.yaml"
        let page = try cli.registre("request", "access", "--identity", "email=jeanne.dupont@exemple.fr", "--datasets", datasets, "--connection", database, "--policy", policy, "--lang", "en", "--out", out + "-page")
        #expect(page.status == 0, "\(page.stderr)")
        #expect(try String(contentsOfFile: out + "-page/index.html", encoding: .utf8).contains("The data we hold about you"))
        let german = try cli.registre("request", "access", "--identity", "email=a@b.fr", "--datasets", datasets, "--connection", database, "--policy", policy, "--lang", "de", "--out", out)
        #expect(german.status == 2 && german.stderr.contains("language-unknown"), "\(german.stderr)")
        let portability = try cli.registre("request", "portability", "--identity", "email=jeanne.dupont@exemple.fr", "--datasets", datasets, "--connection", database, "--policy", policy, "--out", out + "-port")
        #expect(portability.status == 0 && portability.stdout.contains(#""left_out":{"customer":"no field is marked registre.provided: true""#), "\(portability.stdout)")

        let rectified = try cli.registre("request", "rectify", "--identity", "email=jeanne.dupont@exemple.fr", "--datasets", datasets, "--connection", database, "--set", "customer.name=Jeanne Durand")
        #expect(rectified.status == 0 && rectified.stdout.contains(#""status":"completed""#), "\(rectified.stderr)")
        #expect(try ServerProcessTests.sqlite(database, "SELECT name FROM customer WHERE id = 1") == "[('Jeanne Durand',)]")
        let key = try cli.registre("request", "rectify", "--identity", "email=jeanne.dupont@exemple.fr", "--datasets", datasets, "--connection", database, "--set", "customer.id=7")
        #expect(key.status == 2 && key.stderr.contains("a key linking rows"), "\(key.stderr)")
        let nothing = try cli.registre("request", "rectify", "--identity", "email=jeanne.dupont@exemple.fr", "--datasets", datasets, "--connection", database)
        #expect(nothing.status == 2 && nothing.stderr.contains("correction-missing"))

        let injected = try cli.registre("request", "access", "--identity", "email=x'or'1'='1@exemple.fr", "--datasets", datasets, "--connection", database, "--out", out + "2")
        #expect(injected.status == 0 && injected.stdout.contains("no_data"))
        #expect(try ServerProcessTests.sqlite(database, "SELECT count(*) FROM customer") == "[(2,)]")

        let unknown = try cli.registre("request", "access", "--identity", "fax=0102030405", "--datasets", datasets, "--connection", database, "--out", out)
        #expect(unknown.status == 2 && unknown.stderr.contains("identity-unknown"))
        let missing = try cli.registre("request", "access", "--identity", "email=a@b.fr", "--datasets", datasets, "--connection", folder.path + "/none.sqlite", "--out", out)
        #expect(missing.status == 2 && missing.stderr.contains("connection-failed"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none.sqlite"), "a missing database is never created")
        let closed = try cli.registre("request", "access", "--identity", "email=a@b.fr", "--datasets", datasets, "--connection", "postgres://registre:s3cret@127.0.0.1:1/shop?sslmode=disable", "--out", out)
        #expect(closed.status == 2 && closed.stderr.contains("connection-failed") && !closed.stderr.contains("s3cret"), "\(closed.stderr)")
        let unset = try cli.registre("request", "access", "--identity", "email=a@b.fr", "--datasets", datasets, "--connection", "env:REGISTRE_NO_SUCH_VARIABLE", "--out", out)
        #expect(unset.status == 2 && unset.stderr.contains("REGISTRE_NO_SUCH_VARIABLE"))
    }

    /// A request kept in Registre's store, from receipt to answer, as a DPO runs it by hand.
    @Test func aRequestIsOpenedConfirmedRunAndClosedWithItsDeadline() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("shop.sqlite").path
        let datasets = folder.appendingPathComponent("shop.yml").path
        let store = ["--database", folder.appendingPathComponent("registre.sqlite").path]
        try Self.dataset.write(toFile: datasets, atomically: true, encoding: .utf8)
        for statement in [
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT, name TEXT)",
            #"CREATE TABLE "order" (id INTEGER PRIMARY KEY, customer_id INTEGER)"#,
            "INSERT INTO customer VALUES (1, 'jeanne@exemple.fr', 'Jeane Dupont')",
        ] { _ = try ServerProcessTests.sqlite(database, statement) }
        func json(_ text: String) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) }

        let opened = try cli.registre(["request", "open", "--right", "rectification", "--identity", "email=jeanne@exemple.fr", "--set", "customer.name=Jeanne Dupont"] + store)
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try json(opened.stdout)["state"] as? String == "received" && json(opened.stdout)["due_on"] == nil)
        let early = try cli.registre(["request", "run", "1", "--datasets", datasets, "--connection", database] + store)
        #expect(early.status == 2 && early.stderr.contains("confirm the identity first"))
        #expect(try ServerProcessTests.sqlite(database, "SELECT name FROM customer") == "[('Jeane Dupont',)]")

        let confirmed = try cli.registre(["request", "confirm", "1"] + store)
        let due = try json(confirmed.stdout)["due_on"] as? String
        #expect(confirmed.status == 0 && due != nil)
        let listed = try cli.registre(["request", "list", "--format", "json"] + store)
        #expect(listed.stdout.contains(#""id":1"#) && listed.stdout.contains(#""state":"in_progress""#))
        let extended = try cli.registre(["request", "extend", "1", "--reason", "three databases to search"] + store)
        #expect(extended.status == 0 && extended.stdout.contains(#""extension_reason":"three databases to search""#))
        let twice = try cli.registre(["request", "extend", "1", "--reason", "again"] + store)
        #expect(twice.status == 2 && twice.stderr.contains("already-extended"))

        let run = try cli.registre(["request", "run", "1", "--datasets", datasets, "--connection", database] + store)
        #expect(run.status == 0, "\(run.stderr)")
        let answer = try json(run.stdout)
        #expect((answer["request"] as? [String: Any])?["state"] as? String == "completed")
        #expect((answer["result"] as? [String: Any])?["status"] as? String == "completed")
        #expect(try ServerProcessTests.sqlite(database, "SELECT name FROM customer") == "[('Jeanne Dupont',)]")
        let closed = try cli.registre(["request", "refuse", "1", "--reason", "too late"] + store)
        #expect(closed.status == 2 && closed.stderr.contains("already closed"))
        let shown = try cli.registre(["request", "show", "1"] + store)
        #expect(shown.stdout.contains(#""identities":["email=jeanne@exemple.fr"]"#))
        #expect(!(try String(contentsOfFile: store[1], encoding: .isoLatin1)).contains("jeanne@exemple.fr"), "identities are sealed in the store")

        let unknown = try cli.registre(["request", "show", "7"] + store)
        #expect(unknown.status == 2 && unknown.stderr.contains("there is no request 7"))
        let audit = try cli.registre(["audit", "verify"] + store)
        #expect(audit.status == 0 && audit.stdout.hasPrefix("ok: 4 entries"), "\(audit.stdout)")
    }

    static func withMailServer<T>(in folder: URL, _ body: (_ port: Int, _ maildir: URL) throws -> T) throws -> T {
        let server = try MailServer(in: folder)
        defer { server.stop() }
        return try body(server.port, server.maildir)
    }

    /// The identity is confirmed by a code mailed through a real SMTP server and given back.
    @Test func anIdentityIsConfirmedByACodeSentByMail() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ["--database", folder.appendingPathComponent("registre.sqlite").path]
        let opened = try cli.registre(["request", "open", "--right", "access", "--identity", "email=Jeanne.Dupont@Exemple.fr"] + store)
        #expect(opened.status == 0, "\(opened.stderr)")

        let unreachable = try cli.registre(["request", "send-code", "1", "--smtp", "smtp://127.0.0.1:1", "--from", "dpo@exemple.fr"] + store)
        #expect(unreachable.status == 2 && unreachable.stderr.contains("smtp-unreachable"), "\(unreachable.stderr)")
        let cleartext = try cli.registre(["request", "send-code", "1", "--smtp", "smtp://dpo:secret@mail.exemple.fr", "--from", "dpo@exemple.fr"] + store)
        #expect(cleartext.status == 2 && cleartext.stderr.contains("smtp-cleartext") && !cleartext.stderr.contains("secret"))
        let badFrom = try cli.registre(["request", "send-code", "1", "--smtp", "smtp://127.0.0.1:1", "--from", "dpo@exemple.fr>\r\nBcc: x@y.z"] + store)
        #expect(badFrom.status == 2 && badFrom.stderr.contains("mail-address"))
        let noCode = try cli.registre(["request", "verify", "1", "--code", "12345678"] + store)
        #expect(noCode.status == 2 && noCode.stderr.contains("code-missing"), "a failed sending recorded nothing")

        let code = try Self.withMailServer(in: folder) { port, maildir -> String in
            let sent = try cli.registre(["request", "send-code", "1", "--smtp", "smtp://127.0.0.1:\(port)", "--from", "dpo@exemple.fr", "--signature", "Exemple SAS"] + store)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stdout.contains("code_valid_until"))
            #expect(sent.stdout.contains(#""state":"awaiting_identity""#), "received -> awaiting identity once a code is sent")
            let mails = try MailServer.mails(in: maildir)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.headers.contains("To: <jeanne.dupont@exemple.fr>") && mail.headers.contains("X-RcptTo: jeanne.dupont@exemple.fr"))
            #expect(mail.text.contains("Art. 15") && mail.text.contains("-- Exemple SAS"))
            return try #require(mail.code)
        }
        let wrong = try cli.registre(["request", "verify", "1", "--code", code == "00000000" ? "11111111" : "00000000"] + store)
        #expect(wrong.status == 2 && wrong.stderr.contains("code-wrong") && wrong.stderr.contains("4 tries left"))
        let verified = try cli.registre(["request", "verify", "1", "--code", code] + store)
        #expect(verified.status == 0 && verified.stdout.contains(#""state":"in_progress""#) && verified.stdout.contains("due_on"), "\(verified.stderr)")
        #expect(!(try String(contentsOfFile: store[1], encoding: .isoLatin1)).contains(code), "the code is not kept in clear")
        // The DPO's reminder: listed without a mail server, mailed once per deadline with one.
        let listed = try cli.registre(["request", "remind", "--days", "31"] + store)
        #expect(listed.status == 0 && listed.stdout.contains(#""id":1"#))
        try Self.withMailServer(in: folder.appendingPathComponent("dpo")) { port, maildir in
            let mail = ["--smtp", "smtp://127.0.0.1:\(port)", "--from", "registre@exemple.fr", "--to", "dpo@exemple.fr"]
            let reminded = try cli.registre(["request", "remind", "--days", "31"] + mail + store)
            #expect(reminded.status == 0 && reminded.stdout.contains(#""id":1"#), "\(reminded.stderr)")
            let again = try cli.registre(["request", "remind", "--days", "31"] + mail + store)
            #expect(again.status == 0 && again.stdout == "[]\n", "one reminder per deadline")
            let mails = try MailServer.mails(in: maildir)
            #expect(mails.count == 1)
            #expect(mails.first?.text.contains("- n° 1, access (Art. 15), in_progress: due ") == true)
        }
        let noTo = try cli.registre(["request", "remind", "--smtp", "smtp://127.0.0.1:1", "--from", "registre@exemple.fr"] + store)
        #expect(noTo.status == 2 && noTo.stderr.contains("mail-address"))
        let audit = try cli.registre(["audit", "verify"] + store)
        #expect(audit.status == 0 && audit.stdout.hasPrefix("ok: 5 entries"), "\(audit.stdout)")
    }

    /// The code goes through STARTTLS on the submission port when the URL says smtp+starttls://,
    /// with the server's certificate verified; never in clear to a server that does not offer it.
    @Test func aCodeIsSentOverSTARTTLS() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A certificate of the test's own authority for localhost.
        let certificate = folder.appendingPathComponent("cert.pem"), key = folder.appendingPathComponent("key.pem")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", certificate.path, "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)

        let store = ["--database", folder.appendingPathComponent("registre.sqlite").path]
        // One request per attempt: a request gets at most one code a minute.
        for _ in 1...7 {
            #expect(try cli.registre(["request", "open", "--right", "access", "--identity", "email=jeanne@exemple.fr"] + store).status == 0)
        }
        let trusted = ["REGISTRE_SMTP_CA_FILE": certificate.path]
        let server = try MailServer(in: folder.appendingPathComponent("tls"), startTLS: (certificate, key))
        defer { server.stop() }
        for (request, host) in [("1", "localhost"), ("2", "127.0.0.1")] {
            let sent = try cli.registre(
                ["request", "send-code", request, "--smtp", "smtp+starttls://\(host):\(server.port)", "--from", "dpo@exemple.fr"] + store,
                environment: trusted)
            #expect(sent.status == 0, "\(host): \(sent.stderr)")
        }
        let mails = try server.mails()
        #expect(mails.count == 2 && mails.allSatisfy { $0.code != nil })

        // A certificate the client does not trust: nothing sent, nothing recorded.
        let untrusted = try cli.registre(["request", "send-code", "3", "--smtp", "smtp+starttls://localhost:\(server.port)", "--from", "dpo@exemple.fr"] + store)
        #expect(untrusted.status == 2 && untrusted.stderr.contains("smtp-tls"), "\(untrusted.stderr)")
        // In clear to a server that requires STARTTLS: refused by the server.
        let clear = try cli.registre(["request", "send-code", "4", "--smtp", "smtp://127.0.0.1:\(server.port)", "--from", "dpo@exemple.fr"] + store)
        #expect(clear.status == 2 && clear.stderr.contains("smtp-refused"), "\(clear.stderr)")
        #expect(try server.mails().count == 2)

        // smtp+starttls:// to a server that does not offer it fails rather than talk in clear.
        let plain = try MailServer(in: folder.appendingPathComponent("plain"))
        defer { plain.stop() }
        let refused = try cli.registre(
            ["request", "send-code", "5", "--smtp", "smtp+starttls://127.0.0.1:\(plain.port)", "--from", "dpo@exemple.fr"] + store, environment: trusted)
        #expect(refused.status == 2 && refused.stderr.contains("smtp-starttls"), "\(refused.stderr)")
        #expect(try plain.mails().isEmpty)
        // A password may go to a distant server over STARTTLS (it fails only to reach it here).
        let distant = try cli.registre(["request", "send-code", "6", "--smtp", "smtp+starttls://dpo:secret@mail.invalid:587", "--from", "dpo@exemple.fr"] + store)
        #expect(distant.status == 2 && !distant.stderr.contains("smtp-cleartext") && !distant.stderr.contains("secret"), "\(distant.stderr)")
        let missingAuthority = try cli.registre(
            ["request", "send-code", "7", "--smtp", "smtp+starttls://localhost:\(server.port)", "--from", "dpo@exemple.fr"] + store,
            environment: ["REGISTRE_SMTP_CA_FILE": "/nonexistent/ca.pem"])
        #expect(missingAuthority.status == 2 && missingAuthority.stderr.contains("smtp-ca"), "\(missingAuthority.stderr)")
    }

    /// Post-mortem directives from the command line: recorded, listed, and carried out once.
    @Test func directivesAreRecordedAndCarriedOutWhenADeathIsNotified() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ["--database", folder.appendingPathComponent("registre.sqlite").path]
        let recorded = try cli.registre(
            ["directive", "record", "--identity", "email=Jeanne@Exemple.fr", "--instruction", "erase", "--executor", "Marie Dupont <marie@exemple.fr>"] + store)
        #expect(recorded.status == 0 && recorded.stdout.contains(#""identities":["email=jeanne@exemple.fr"]"#) && recorded.stdout.contains(#""active":true"#), "\(recorded.stderr)")
        let unknown = try cli.registre(["directive", "record", "--identity", "email=a@b.fr", "--instruction", "forget", "--executor", "Marie"] + store)
        #expect(unknown.status != 0 && unknown.stderr.contains("forget"))
        let noRecipient = try cli.registre(["directive", "record", "--identity", "email=a@b.fr", "--instruction", "communicate", "--executor", "Marie"] + store)
        #expect(noRecipient.status == 2 && noRecipient.stderr.contains("recipient-missing"))
        let nobody = try cli.registre(["directive", "apply", "--identity", "email=paul@exemple.fr", "--notified-by", "Marie"] + store)
        #expect(nobody.status == 0 && nobody.stdout.contains(#""applied":[]"#) && nobody.stdout.contains("art. 85 II"))
        let applied = try cli.registre(["directive", "apply", "--identity", "email=jeanne@exemple.fr", "--notified-by", "Marie Dupont, executor"] + store)
        #expect(applied.status == 0 && applied.stdout.contains(#""request":1"#), "\(applied.stdout) \(applied.stderr)")
        let request = try cli.registre(["request", "show", "1"] + store)
        #expect(request.stdout.contains(#""right":"erasure""#) && request.stdout.contains(#""state":"in_progress""#) && request.stdout.contains("post-mortem directive 1"))
        let listed = try cli.registre(["directive", "list", "--identity", "email=jeanne@exemple.fr", "--all"] + store)
        #expect(listed.stdout.contains(#""applied_on""#) && listed.stdout.contains(#""active":false"#))
        let revoked = try cli.registre(["directive", "revoke", "1"] + store)
        #expect(revoked.status == 2 && revoked.stderr.contains("directive-closed"))
        let audit = try cli.registre(["audit", "verify"] + store)
        #expect(audit.status == 0 && audit.stdout.hasPrefix("ok: 3 entries"), "recorded, request received, applied: \(audit.stdout)")
    }

    /// An access to 100,000 rows of one person streams them: the command's peak memory grows by
    /// far less than the text it exports (rows are read again by key a batch at a time and
    /// written straight to the files, only their keys are held).
    @Test func anAccessToAHundredThousandRowsKeepsMemoryFlat() throws {
        let cli = CLITests()
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let datasets = folder.appendingPathComponent("shop.yml").path
        try (Self.dataset + """

                  - name: note
                    fields:
                      - name: id
                        data_categories: [system.operations]
                        fides_meta: {primary_key: true}
                      - name: customer_id
                        data_categories: [user.unique_id]
                        fides_meta:
                          references: [{dataset: shop, field: customer.id, direction: from}]
                      - name: body
                        data_categories: [user.content]
            """).write(toFile: datasets, atomically: true, encoding: .utf8)
        var peaks: [Int: Int] = [:]
        for count in [10_000, 100_000] {
            let database = folder.appendingPathComponent("shop-\(count).sqlite").path
            for statement in [
                "CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT, name TEXT)",
                #"CREATE TABLE "order" (id INTEGER PRIMARY KEY, customer_id INTEGER)"#,
                "CREATE TABLE note (id INTEGER PRIMARY KEY, customer_id INTEGER, body TEXT)",
                "CREATE INDEX note_customer ON note (customer_id)",
                "INSERT INTO customer VALUES (1, 'jeanne@exemple.fr', 'Jeanne'), (2, 'paul@exemple.fr', 'Paul')",
                // 1,000 characters a note, the customer's on every row but one of each hundred.
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count + count / 99)) INSERT INTO note SELECT i, CASE WHEN i % 100 = 0 THEN 2 ELSE 1 END, printf('%04d', i % 10000) || substr(hex(zeroblob(500)), 1, 996) FROM n",
            ] { _ = try ServerProcessTests.sqlite(database, statement) }
            let out = folder.appendingPathComponent("out-\(count)").path
            let (status, output, peak) = try Self.measured(
                ["request", "access", "--identity", "email=jeanne@exemple.fr", "--datasets", datasets, "--connection", database, "--out", out, "--policy", CLITests.repository.appendingPathComponent("Examples/exemple-sas.yaml").path],
                output: folder.appendingPathComponent("stdout-\(count).json").path)
            #expect(status == 0, "\(output)")
            let summary = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let rows = (summary?["collections"] as? [String: Int])?["note"] ?? 0
            #expect(rows >= count && rows < count + count / 50, "\(rows) notes of hers")
            let csv = try String(contentsOfFile: out + "/note.csv", encoding: .utf8)
            #expect(csv.split(separator: "\r\n").count == rows + 1, "a header and every row")
            #expect(FileManager.default.fileExists(atPath: out + "/access.zip"))
            peaks[count] = peak
        }
        let small = try #require(peaks[10_000]), large = try #require(peaks[100_000])
        // The large export holds about 90 MB more text; holding its rows would add at least that.
        // Its keys take about 10 MB.
        #expect(large - small < 45 << 20, "peak memory \(small >> 20) MiB for 10,000 rows, \(large >> 20) MiB for 100,000")
    }

    /// Runs `registre` with `arguments` (standard output into the file `output`) and returns its
    /// exit status, its output and its peak resident memory in bytes. The command is started by a
    /// small Python process, which reports its children's peak: a process started straight from
    /// this one would inherit this one's peak (Linux keeps the high-water mark across `exec`), and
    /// with the other tests running this one is larger than the command.
    static func measured(_ arguments: [String], output: String) throws -> (status: Int32, output: String, peak: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import resource, subprocess, sys
            with open(sys.argv[1], "wb") as out:
                status = subprocess.run(sys.argv[2:], stdout=out).returncode
            print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """,
            output, CLITests.binary.path,
        ] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")
        process.waitUntilExit()
        guard report.count == 2, let status = Int32(report[0]), let kilobytes = Int(report[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CocoaError(.executableLoad)
        }
        return (status, try String(contentsOfFile: output, encoding: .utf8), kilobytes * 1024)
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The public rights portal of a real `registre serve`, with mail through aiosmtpd on loopback:
/// in headless Chromium as a person uses it, and form by form over HTTP for what it refuses.
@Suite(.serialized) struct PortalTests {
    /// A server sending mail to a local SMTP server, in a folder of its own.
    static func withPortal(
        mail: Bool = true, extra: [String] = [], prepare: ((_ database: String) throws -> Void)? = nil,
        _ body: @Sendable (ServerProcessTests.Server, MailServer?, _ database: String) async throws -> Void
    ) async throws {
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("portal.sqlite").path
        try prepare?(database)
        let mailServer = mail ? try MailServer(in: directory.appendingPathComponent("smtp")) : nil
        defer { mailServer?.stop() }
        let options = mailServer.map { ["--smtp", "smtp://127.0.0.1:\($0.port)", "--mail-from", "dpo@exemple.fr", "--public-url", "https://privacy.exemple.fr/"] } ?? []
        let server = try ServerProcessTests.Server(database: database, directory: directory, arguments: options + extra)
        defer { server.stop() }
        try await server.waitUntilReady()
        try await body(server, mailServer, database)
    }

    /// What a form post answers, redirects followed as a browser would.
    struct Answer {
        var status: Int
        var page: String
        var path: String
        var headers: [String: String]

        /// The message the page shows in its error box, as a person reads it.
        var error: String? {
            page.firstMatch(of: /id="error">([^<]*)</).map {
                String($0.1).replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            }
        }
    }

    static func post(_ server: ServerProcessTests.Server, _ path: String, _ fields: [(String, String)]) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        request.httpBody = Data(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8)
        return try await send(request)
    }

    static func get(_ server: ServerProcessTests.Server, _ path: String) async throws -> Answer {
        try await send(URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!))
    }

    static func send(_ request: URLRequest) async throws -> Answer {
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields { headers[String(describing: name).lowercased()] = String(describing: value) }
        return Answer(status: http.statusCode, page: String(decoding: data, as: UTF8.self), path: http.url?.path ?? "", headers: headers)
    }

    static func requests(_ database: String) throws -> [[String: Any]] {
        let listed = try CLITests().registre(["request", "list", "--all", "--format", "json", "--database", database])
        return try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test func aPersonAsksForAccessAndConfirmsTheirIdentityInTheBrowser() async throws {
        _ = try #require(NoticeBrowserTests.chromium, "Chromium is not installed; Scripts/test installs it with apt-get")
        try await Self.withPortal { server, mail, database in
            let mail = try #require(mail)
            let browser = try HeadlessBrowser()
            let output = ProcessInfo.processInfo.environment["REGISTRE_SCREENSHOTS"].map(URL.init(fileURLWithPath:))
            try await browser.withPage { page in
                try await page.send("Page.enable")
                try await page.navigate("http://127.0.0.1:\(server.port)/rights?lang=fr")
                #expect(try await page.evaluate("document.title") as? String == "Exercer vos droits — Exemple SAS")
                // The parts for an objection or a restriction show only once that right is chosen.
                #expect(try await page.evaluate("getComputedStyle(document.querySelector('.for-restriction')).display") as? String == "none")
                try await page.click("#right-restriction")
                #expect(try await page.evaluate("getComputedStyle(document.querySelector('.for-restriction')).display") as? String == "block")
                if let output { try (try await page.screenshot(wholePage: true)).write(to: output.appendingPathComponent("portal-fr.png")) }

                try await page.click("#right-access")
                try await page.click("#email")
                try await page.type("Jeanne.Dupont@Exemple.fr")
                try await page.click("button[type=submit]")
                try await page.waitFor("location.pathname.startsWith('/rights/requests/') && document.readyState === 'complete'")
                #expect(try await page.evaluate("document.getElementById('state').textContent") as? String == "En attente de la vérification de votre identité.")

                let mails = try await mail.waitForMails(1)
                #expect(mails[0].headers.contains("To: <jeanne.dupont@exemple.fr>"))
                let code = try #require(mails[0].code)
                let link = try #require(mails[0].text.firstMatch(of: /https:\/\/privacy\.exemple\.fr(\/rights\/requests\/[0-9a-f-]+)/)).1
                #expect(try await page.evaluate("location.pathname") as? String == String(link), "the mail links to the page the person is on")

                // A wrong code, then the right one typed with spaces as a person copies it.
                try await page.click("#code")
                try await page.type(code == "00000000" ? "11111111" : "00000000")
                try await page.click("form[action$='/verify?lang=fr'] button")
                try await page.waitFor("document.getElementById('error') !== null")
                #expect(try await page.evaluate("document.getElementById('error').textContent") as? String == "Ce n'est pas le code envoyé ; il reste 4 essai(s).")
                try await page.click("#code")
                try await page.type("\(code.prefix(4)) \(code.dropFirst(4))")
                try await page.click("form[action$='/verify?lang=fr'] button")
                try await page.waitFor("document.getElementById('error') === null && document.getElementById('state').textContent.startsWith('En cours')")
                let state = try await page.evaluate("document.getElementById('state').textContent") as? String ?? ""
                #expect(state.hasPrefix("En cours de traitement : nous vous répondrons au plus tard le "), "\(state)")
                if let output { try (try await page.screenshot(wholePage: true)).write(to: output.appendingPathComponent("portal-status-fr.png")) }
            }
            let stored = try Self.requests(database)
            #expect(stored.count == 1 && stored[0]["state"] as? String == "in_progress" && stored[0]["due_on"] != nil, "\(stored)")
            let shown = try CLITests().registre(["request", "show", "1", "--database", database])
            #expect(shown.stdout.contains(#""identities":["email=jeanne.dupont@exemple.fr"]"#), "\(shown.stdout)")
            let audit = try CLITests().registre(["audit", "verify", "--database", database])
            #expect(audit.status == 0 && audit.stdout.hasPrefix("ok: 4 entries"), "received, code sent, code failed, identity confirmed: \(audit.stdout)")
        }
    }

    @Test func badFormsAreGivenBackWithWhatIsWrongAndNothingIsStored() async throws {
        try await Self.withPortal { server, mail, database in
            let form = try await Self.get(server, "/rights?lang=en")
            #expect(form.status == 200 && form.headers["cache-control"] == "no-store" && form.headers["referrer-policy"] == "no-referrer")
            #expect(form.headers["content-security-policy"]?.contains("default-src 'none'") == true && !form.page.contains("<script"))
            #expect(try await Self.get(server, "/rights?lang=de").page.contains(#"<html lang="fr">"#), "a language the policy lacks reads its first")

            let refused: [([(String, String)], String)] = [
                ([("email", "jeanne@exemple.fr")], "Choose the right you exercise."),
                ([("right", "post_mortem"), ("email", "jeanne@exemple.fr")], "Choose the right you exercise."),
                ([("right", "access"), ("email", "jeanne")], "Give an e-mail address such as jeanne@exemple.fr."),
                ([("right", "access"), ("email", "jeanne@exemple.fr>\r\nBcc: x@y.z")], "Give an e-mail address such as jeanne@exemple.fr."),
                ([("right", "rectification"), ("email", "jeanne@exemple.fr"), ("details", "   ")], "Say what is inaccurate and what it should say."),
                ([("right", "objection"), ("email", "jeanne@exemple.fr")], "Tick the processing you object to."),
                ([("right", "objection"), ("email", "jeanne@exemple.fr"), ("objected", "newsletter")], "Tick the processing you object to."),
                ([("right", "objection"), ("email", "jeanne@exemple.fr"), ("objected", "security")],
                 "For processing based on our legitimate interests, give the reasons relating to your situation (GDPR art. 21(1))."),
                ([("right", "objection"), ("email", "jeanne@exemple.fr"), ("objected", "'; DROP TABLE subject_request; --")], "Tick only processing listed on this page."),
                ([("right", "restriction"), ("email", "jeanne@exemple.fr")], "Choose the ground of the restriction."),
                ([("right", "restriction"), ("email", "jeanne@exemple.fr"), ("ground", "because")], "Choose the ground of the restriction."),
                ([("right", "restriction"), ("email", "jeanne@exemple.fr"), ("ground", "unlawful"), ("restricted", "billing"), ("restricted", "billing")],
                 "Tick only processing listed on this page."),
                ([("right", "erasure"), ("email", "jeanne@exemple.fr"), ("details", String(repeating: "é", count: 4001))], "The details are limited to 4,000 characters."),
            ]
            for (fields, message) in refused {
                let answer = try await Self.post(server, "/rights", fields + [("lang", "en")])
                #expect(answer.status == 422 && answer.error == message, "\(fields.map(\.0)): \(answer.status) \(answer.error ?? answer.page.prefix(200).description)")
            }
            // What was typed comes back, escaped.
            let typed = try await Self.post(server, "/rights", [("right", "objection"), ("email", #""><script>alert(1)</script>"#), ("lang", "en")])
            #expect(typed.page.contains(#"value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;""#) && !typed.page.contains("<script>alert"))
            #expect(typed.page.contains(#"id="right-objection" value="objection" required checked"#))
            let garbled = try await Self.post(server, "/rights", [])
            #expect(garbled.status == 422)
            var raw = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/rights")!)
            raw.httpMethod = "POST"
            raw.httpBody = Data("right=access&email=%E9%ZZ".utf8)
            let malformed = try await Self.send(raw)
            #expect(malformed.status == 400 && malformed.error == "Le formulaire n'a pas pu être lu.")
            raw.httpBody = Data(repeating: 0x61, count: 3 << 20)
            #expect(try await Self.send(raw).status == 413, "a body over the upload limit is refused before it is read")
            #expect(try Self.requests(database).isEmpty, "nothing refused was stored")
            #expect(try mail?.mails().isEmpty == true, "and nobody was mailed")

            // A restriction and an objection that pass, as the DPO then sees them.
            let restriction = try await Self.post(
                server, "/rights", [("right", "restriction"), ("email", "paul@exemple.fr"), ("ground", "accuracy_contested"), ("restricted", "billing"), ("lang", "en")])
            #expect(restriction.status == 200 && restriction.path.hasPrefix("/rights/requests/2-") == false && restriction.path.hasPrefix("/rights/requests/1-"), "\(restriction.path)")
            let objection = try await Self.post(
                server, "/rights", [("right", "objection"), ("email", "paul@exemple.fr"), ("objected", "security"), ("details", "I left the company's building in 2024"), ("lang", "en")])
            #expect(objection.status == 200 && objection.path.hasPrefix("/rights/requests/2-"))
            let shown = try CLITests().registre(["request", "show", "2", "--database", database])
            #expect(shown.stdout.contains(#""activities":["security"]"#) && shown.stdout.contains(#""reason":"I left the company's building in 2024""#))
            #expect(shown.stdout.contains(#""status_path":"\#(objection.path)""#), "the DPO can give the person their link")
            let first = try CLITests().registre(["request", "show", "1", "--database", database])
            #expect(first.stdout.contains(#""ground":"accuracy_contested""#) && first.stdout.contains(#""activities":["billing"]"#))

            // From the status page: a new code too soon, a link changed by one character, withdrawing.
            let again = try await Self.post(server, "\(objection.path)/code?lang=en", [])
            #expect(again.status == 429 && again.error == "A code was sent less than a minute ago; wait a moment before asking for another.")
            let changed = String(objection.path.dropLast()) + (objection.path.last == "0" ? "1" : "0")
            #expect(try await Self.get(server, changed).status == 404)
            #expect(try await Self.post(server, "\(changed)/cancel", []).status == 404)
            #expect(try await Self.get(server, "/rights/requests/2").status == 404)
            let withdrawn = try await Self.post(server, "\(objection.path)/cancel?lang=en", [])
            #expect(withdrawn.status == 200 && withdrawn.page.contains(#"id="state">Withdrawn or cancelled."#) && !withdrawn.page.contains(#"id="code""#))
            let twice = try await Self.post(server, "\(objection.path)/cancel?lang=en", [])
            #expect(twice.status == 409 && twice.error == "This request can no longer be changed.")
            let late = try await Self.post(server, "\(objection.path)/verify?lang=en", [("code", "12345678")])
            #expect(late.status == 409)
            #expect(try mail?.mails().count == 2, "one code per request opened")
        }
    }

    @Test func withoutMailThePersonIsToldTheDPOWillConfirm() async throws {
        try await Self.withPortal(mail: false) { server, _, database in
            let opened = try await Self.post(server, "/rights", [("right", "rectification"), ("email", "jeanne@exemple.fr"), ("details", "My name is Jeanne, not Jeane"), ("lang", "en")])
            #expect(opened.status == 200 && opened.page.contains("We will contact you to confirm your identity") && !opened.page.contains(#"id="code""#))
            #expect(try await Self.post(server, "\(opened.path)/code", []).status == 409)
            let confirmed = try CLITests().registre(["request", "confirm", "1", "--database", database])
            #expect(confirmed.status == 0)
            let page = try await Self.get(server, "\(opened.path)?lang=en")
            #expect(page.page.contains("In progress: we will answer by "))
            // The person described the error; the DPO says what to change when running it.
            let run = try CLITests().registre(["request", "run", "1", "--database", database, "--datasets", "missing.yaml", "--connection", "sqlite:none.sqlite"])
            #expect(run.status == 2 && run.stderr.contains("correction-missing") && run.stderr.contains("--set"), "\(run.stderr)")
            let alone = try CLITests().registre(["request", "run", "1", "--where", "customer.id=1", "--database", database])
            #expect(alone.status == 2 && alone.stderr.contains("where-alone"), "\(alone.stderr)")
            let refused = try CLITests().registre(["request", "refuse", "1", "--reason", "We hold no name for you.", "--database", database])
            #expect(refused.status == 0)
            let closed = try await Self.get(server, "\(opened.path)?lang=en")
            #expect(closed.page.contains(#"<p id="outcome">We hold no name for you.</p>"#) && closed.page.contains("lodge a complaint with the CNIL"), "\(closed.page)")
        }
    }

    @Test func aWithdrawalOfConsentAskedThroughThePortalReachesTheLedger() async throws {
        final class Token: @unchecked Sendable { var value = "" }
        let token = Token()
        try await Self.withPortal(mail: false, prepare: { database in
            token.value = try CLITests().registre("token", "create", "tests", "--database", database).stdout.split(separator: "\n").first.map(String.init) ?? ""
        }) { server, _, database in
            let billing = try await Self.post(server, "/rights", [("right", "withdraw_consent"), ("email", "jeanne@exemple.fr"), ("withdrawn", "billing"), ("lang", "en")])
            #expect(billing.status == 422 && billing.error == "Tick only purposes you consented to.")
            let opened = try await Self.post(server, "/rights", [("right", "withdraw_consent"), ("email", "Jeanne@Exemple.fr"), ("withdrawn", "newsletter"), ("lang", "en")])
            #expect(opened.status == 200 && opened.path.hasPrefix("/rights/requests/1-"))
            let store = ["--database", database]
            #expect(try CLITests().registre(["request", "confirm", "1"] + store).status == 0)
            let noPolicy = try CLITests().registre(["request", "run", "1"] + store)
            #expect(noPolicy.status == 2 && noPolicy.stderr.contains("--policy"))
            let run = try CLITests().registre(["request", "run", "1", "--policy", CLITests.repository.appendingPathComponent("Examples/exemple-sas.yaml").path] + store)
            #expect(run.status == 0 && run.stdout.contains(#""withdrawn":["newsletter"]"#) && run.stdout.contains(#""state":"completed""#), "\(run.stdout) \(run.stderr)")
            let (status, data) = try await server.request("/v1/consents/jeanne@exemple.fr?kind=subject", headers: ["Authorization": "Bearer \(token.value)"])
            let purposes = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["purposes"] as? [[String: Any]] ?? []
            #expect(status == 200 && purposes.contains { $0["purpose"] as? String == "newsletter" && $0["status"] as? String == "refused" && $0["method"] as? String == "withdraw" },
                    "\(String(decoding: data, as: UTF8.self))")
            #expect(try await Self.get(server, "\(opened.path)?lang=en").page.contains("Answered on "))
        }
    }

    @Test func theServerRemindsTheDPOOfADeadlineComing() async throws {
        // A request opened three weeks and more ago: due within the week.
        try await Self.withPortal(extra: ["--remind-to", "dpo@exemple.fr"], prepare: { database in
            #expect(try CLITests().registre(["request", "open", "--right", "access", "--identity", "email=a@b.fr", "--verified", "--database", database]).status == 0)
            let soon = CivilDay.today(plus: 3)
            _ = try ServerProcessTests.sqlite(database, "UPDATE subject_request SET due_on = '\(soon)'")
        }) { server, mail, database in
            let mail = try #require(mail)
            let mails = try await mail.waitForMails(1)
            #expect(mails[0].headers.contains("To: <dpo@exemple.fr>") && mails[0].text.contains("- n° 1, access (Art. 15), in_progress: due "))
            // Recorded once sent, so the next pass (or a restart) does not send it again.
            var recorded = ""
            for _ in 0..<100 where recorded != "[('\(CivilDay.today(plus: 3))',)]" {
                try await Task.sleep(for: .milliseconds(50))
                recorded = try ServerProcessTests.sqlite(database, "SELECT reminded_for FROM subject_request")
            }
            #expect(recorded == "[('\(CivilDay.today(plus: 3))',)]")
        }
    }
}

/// Calendar days as the store writes them.
enum CivilDay {
    static func today(plus days: Int) -> String {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }
}

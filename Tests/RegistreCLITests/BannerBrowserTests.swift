import Foundation
import Testing

/// The consent banner in headless Chromium against a real `registre serve`: what a visitor sees,
/// which scripts run, which cookies exist, and what the ledger stores.
@Suite(.serialized) struct BannerBrowserTests {
    /// A server with an admin token, to read the ledger the way the company's systems would.
    static func withServerAndBrowser(_ body: @escaping @Sendable (ServerProcessTests.Server, DevToolsPage, String) async throws -> Void) async throws {
        _ = try #require(NoticeBrowserTests.chromium, "Chromium is not installed; Scripts/test installs it with apt-get")
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("banner.sqlite").path
        let token = try CLITests().registre("token", "create", "tests", "--database", database).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcessTests.Server(database: database, directory: directory)
        defer { server.stop() }
        try await server.waitUntilReady()
        let browser = try HeadlessBrowser()
        try await browser.withPage { page in
            try await page.send("Network.enable")
            try await page.send("Page.enable")
            try await body(server, page, token)
        }
    }

    /// The records the ledger holds for the visitor id the banner keeps in its cookie.
    static func history(_ server: ServerProcessTests.Server, page: DevToolsPage, token: String, count: Int) async throws -> [[String: Any]] {
        let visitor = try #require(try await page.evaluate("JSON.parse(decodeURIComponent(document.cookie.match(/registre_consent=([^;]*)/)[1])).v") as? String)
        for _ in 0..<100 {
            let (_, data) = try await server.request("/v1/consents/\(visitor)/history", headers: ["Authorization": "Bearer \(token)"])
            let records = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["records"] as? [[String: Any]] ?? []
            if records.count >= count { return records }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DevToolsError(message: "the ledger never held \(count) record(s)")
    }

    static let ranAnalytics = "window.registreDemoAnalyticsRuns === 1 && document.getElementById('analytics-state').textContent === 'active'"

    @Test func rejectKeepsTheGuardedScriptInertAndIsRecorded() async throws {
        try await Self.withServerAndBrowser { server, page, token in
            try await page.open("http://127.0.0.1:\(server.port)/demo?lang=fr")
            // Before any choice: the dialog is up, no analytics cookie, the script has not run.
            #expect(try await page.evaluate("document.querySelector('#registre-banner[role=dialog][aria-modal=true]') !== null") as? Bool == true)
            #expect(try await page.evaluate("window.registreDemoAnalyticsRuns === undefined") as? Bool == true)
            #expect(!(try await page.cookieNames()).contains("_pk_id"))
            let labels = try await page.evaluate("[...document.querySelectorAll('#registre-banner .rg-actions button')].map(b => b.textContent)") as? [String]
            #expect(labels == ["Tout accepter", "Tout refuser", "Personnaliser"])
            // Equal visual weight: the accept and reject buttons have the same size and colours.
            let styles = try await page.evaluate("""
                [...document.querySelectorAll('#registre-banner .rg-actions button')].slice(0, 2).map(b => { const s = getComputedStyle(b); const r = b.getBoundingClientRect(); return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, Math.round(r.width), Math.round(r.height)].join('|'); })
                """) as? [String]
            #expect(styles?.count == 2 && styles?[0] == styles?[1], "\(String(describing: styles))")

            try await page.click("#registre-banner [data-action=reject]")
            let records = try await Self.history(server, page: page, token: token, count: 1)
            #expect(records.first?["method"] as? String == "reject_all")
            #expect(try await page.evaluate("document.getElementById('registre-banner') === null && window.registreDemoAnalyticsRuns === undefined") as? Bool == true)
            #expect(!(try await page.cookieNames()).contains("_pk_id"))
            // The choice holds on the next page: no banner, still nothing run.
            try await page.open("http://127.0.0.1:\(server.port)/demo?lang=fr")
            #expect(try await page.evaluate("document.getElementById('registre-banner') === null && window.registreDemoAnalyticsRuns === undefined") as? Bool == true)
        }
    }

    @Test func acceptRunsTheScriptAndWithdrawingDeletesItsCookie() async throws {
        try await Self.withServerAndBrowser { server, page, token in
            try await page.open("http://127.0.0.1:\(server.port)/demo?lang=en")
            try await page.click("#registre-banner [data-action=accept]")
            try await page.waitFor(Self.ranAnalytics)
            #expect(try await page.cookieNames().contains("_pk_id"))
            var records = try await Self.history(server, page: page, token: token, count: 1)
            #expect(records[0]["method"] as? String == "accept_all")
            #expect((records[0]["granted"] as? [String])?.sorted() == ["newsletter", "statistics"])

            // Reopen from the link any page has, and withdraw audience measurement.
            try await page.click("#registre-reopen")
            try await page.waitFor("document.getElementById('rg-p-statistics') !== null")
            #expect(try await page.evaluate("document.getElementById('rg-p-statistics').checked") as? Bool == true)
            try await page.click("#rg-p-statistics")
            try await page.click("#rg-p-newsletter")
            try await page.click("#registre-banner [data-action=save]")
            records = try await Self.history(server, page: page, token: token, count: 2)
            #expect(records[1]["method"] as? String == "withdraw")
            #expect((records[1]["refused"] as? [String])?.sorted() == ["newsletter", "statistics"])
            #expect(!(try await page.cookieNames()).contains("_pk_id"), "withdrawing deletes the purpose's first-party cookies")
            // The proof shows the banner that was shown.
            let banner = try #require(records[1]["banner"] as? [String: Any])
            #expect((banner["content"] as? String)?.contains("Reject all") == true)
        }
    }

    @Test func theGlobalPrivacyControlSignalIsRecordedAsARefusal() async throws {
        try await Self.withServerAndBrowser { server, page, token in
            try await page.send("Network.setExtraHTTPHeaders", ["headers": ["Sec-GPC": "1"]])
            try await page.send("Page.addScriptToEvaluateOnNewDocument", ["source": "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });"])
            try await page.open("http://127.0.0.1:\(server.port)/demo?lang=en")
            let records = try await Self.history(server, page: page, token: token, count: 1)
            #expect(records[0]["method"] as? String == "gpc")
            #expect((records[0]["granted"] as? [String]) == [])
            #expect(try await page.evaluate("document.getElementById('registre-banner') === null && window.registreDemoAnalyticsRuns === undefined") as? Bool == true)
            #expect(!(try await page.cookieNames()).contains("_pk_id"))
            // The person can still choose explicitly, and that choice wins over the signal.
            try await page.click("#registre-reopen")
            try await page.click("#registre-banner [data-action=accept]")
            try await page.waitFor(Self.ranAnalytics)
            #expect((try await Self.history(server, page: page, token: token, count: 2))[1]["method"] as? String == "accept_all")
        }
    }

    @Test func theWholeFlowWorksWithTheKeyboardAlone() async throws {
        try await Self.withServerAndBrowser { server, page, token in
            try await page.open("http://127.0.0.1:\(server.port)/demo?lang=fr")
            // Focus starts on the dialog's title, with no choice preselected.
            #expect(try await page.evaluate("document.activeElement.id") as? String == "rg-title")
            let inside = "document.getElementById('registre-banner').contains(document.activeElement)"
            var seen: [String] = []
            for _ in 0..<7 {
                try await page.press("Tab")
                #expect(try await page.evaluate(inside) as? Bool == true, "Tab leaves the dialog")
                seen.append(try await page.evaluate("document.activeElement.textContent") as? String ?? "")
            }
            #expect(seen.prefix(3) == ["Tout accepter", "Tout refuser", "Personnaliser"], "\(seen)")
            try await page.press("Tab", shift: true)
            #expect(try await page.evaluate(inside) as? Bool == true)
            // Open the details, come back with Escape, then refuse with Enter.
            while (try await page.evaluate("document.activeElement.textContent") as? String) != "Personnaliser" { try await page.press("Tab") }
            try await page.press("Enter")
            try await page.waitFor("document.getElementById('rg-p-statistics') !== null")
            try await page.press("Tab")
            try await page.press(" ")
            #expect(try await page.evaluate("document.getElementById('rg-p-newsletter').checked || document.getElementById('rg-p-statistics').checked") as? Bool == true, "Space toggles a switch")
            try await page.press("Escape")
            try await page.waitFor("document.querySelector('[data-action=customise]') !== null")
            while (try await page.evaluate("document.activeElement.textContent") as? String) != "Tout refuser" { try await page.press("Tab") }
            try await page.press("Enter")
            let records = try await Self.history(server, page: page, token: token, count: 1)
            #expect(records[0]["method"] as? String == "reject_all")
            #expect(try await page.evaluate("document.getElementById('registre-banner') === null") as? Bool == true)
        }
    }

    @Test func screenshotsOfTheBannerInFrenchAndEnglish() async throws {
        try await Self.withServerAndBrowser { server, page, _ in
            let output = ProcessInfo.processInfo.environment["REGISTRE_SCREENSHOTS"].map(URL.init(fileURLWithPath:))
                ?? FileManager.default.temporaryDirectory
            for language in ["fr", "en"] {
                try await page.send("Network.clearBrowserCookies")
                try await page.open("http://127.0.0.1:\(server.port)/demo?lang=\(language)")
                let first = try await page.screenshot()
                try await page.click("#registre-banner [data-action=customise]")
                try await page.waitFor("document.getElementById('rg-p-statistics') !== null")
                let second = try await page.screenshot()
                #expect(first.starts(with: [0x89, 0x50, 0x4E, 0x47]) && second.count > 1000)
                try first.write(to: output.appendingPathComponent("banner-\(language).png"))
                try second.write(to: output.appendingPathComponent("banner-\(language)-details.png"))
            }
        }
    }
}

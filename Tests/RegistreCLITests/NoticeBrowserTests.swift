import Foundation
import Testing

/// The HTML notice as a browser shows it: headless Chromium loads each example's notice at a
/// phone's width and reports what a reader would meet.
@Suite(.serialized) struct NoticeBrowserTests {
    static let examples = ["odoip", "odigo-www", "odigo-helpcenter", "ouicom", "octoop", "exemple-sas"]

    /// Chromium from Debian's package; `Scripts/test` installs it.
    static var chromium: String? {
        for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// Headless Chromium will not open a window narrower than 500 px, so the notice is loaded in a
    /// 375 px frame, the width of a small phone, which is its viewport.
    static let harness = """
    <!DOCTYPE html><html><body>
    <iframe src="notice.html" width="375" height="800" style="border:0"></iframe>
    <script>
    addEventListener('message', event => {
      const out = document.createElement('pre');
      out.id = 'registre-probe';
      out.textContent = event.data;
      document.body.appendChild(out);
    });
    </script>
    </body></html>
    """

    /// Measures the notice once it is laid out and sends the figures to the harness, whose DOM
    /// `--dump-dom` then prints.
    static let probe = """
    <script>
    addEventListener('load', () => {
      const root = document.documentElement;
      const headerless = [...document.querySelectorAll('th')].filter(th => !th.getAttribute('scope')).length;
      const figures = {
        lang: root.lang,
        pageWidth: root.scrollWidth,
        viewport: innerWidth,
        h1: document.querySelectorAll('h1').length,
        sections: document.querySelectorAll('main > section').length,
        activities: document.querySelectorAll('section[id^=activity-]').length,
        headerless: headerless,
        emptyCells: [...document.querySelectorAll('td')].filter(td => td.textContent.trim() === '').length
      };
      parent.postMessage(JSON.stringify(figures), '*');
    });
    </script>
    """

    @Test(arguments: examples)
    func theNoticeFitsAPhoneAndHasItsStructure(_ name: String) throws {
        let chromium = try #require(Self.chromium, "Chromium is not installed; Scripts/test installs it with apt-get")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("registre-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for language in ["fr", "en"] {
            let html = try CLITests().registre("notice", "Examples/\(name).yaml", "--lang", language, "--format", "html")
            #expect(html.status == 0, "\(html.stderr)")
            let page = directory.appendingPathComponent("harness.html")
            try Data(Self.harness.utf8).write(to: page)
            try Data(html.stdout.replacingOccurrences(of: "</body>", with: Self.probe + "</body>").utf8)
                .write(to: directory.appendingPathComponent("notice.html"))

            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=800,900",
                                 "--virtual-time-budget=2000", "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
                                 "--dump-dom", page.absoluteString]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let start = try #require(dom.range(of: "<pre id=\"registre-probe\">"), "\(name) \(language): the page did not finish loading")
            let json = dom[start.upperBound...].prefix { $0 != "<" }.replacingOccurrences(of: "&quot;", with: "\"")
            let figures = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])

            #expect(figures["lang"] as? String == language)
            #expect(figures["h1"] as? Int == 1)
            #expect((figures["sections"] as? Int ?? 0) >= 6, "controller, purposes, recipients, transfers, rights, automated decisions")
            let viewport = figures["viewport"] as? Int ?? 0
            #expect(viewport == 375)
            #expect((figures["pageWidth"] as? Int ?? .max) <= viewport, "\(name) \(language): the page scrolls sideways on a phone: \(figures)")
            #expect(figures["headerless"] as? Int == 0, "every header cell says whether it heads a row or a column")
            #expect(figures["emptyCells"] as? Int == 0, "\(name) \(language): empty cells: \(figures)")
            let register = try CLITests().registre("register", "Examples/\(name).yaml", "--format", "json")
            let entries = try #require((try JSONSerialization.jsonObject(with: Data(register.stdout.utf8)) as? [String: Any])?["entries"] as? [Any])
            #expect(figures["activities"] as? Int == entries.count, "one section per activity of the policy")
        }
    }
}

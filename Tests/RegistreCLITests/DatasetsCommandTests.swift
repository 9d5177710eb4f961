import Foundation
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
        func erase(_ identity: String, datasets: String = Self.fixtures.appendingPathComponent("shop/dataset.yml").path, environment: [String: String] = secret) throws -> CLITests.Run {
            try cli.registre(["request", "erasure", "--identity", identity, "--datasets", datasets, "--connection", shop, "--policy", policy], environment: environment)
        }

        // A dataset whose masking does not fit the database: refused before any change.
        let broken = folder.appendingPathComponent("broken.yml").path
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("shop/dataset.yml"), encoding: .utf8)
        try text.replacingOccurrences(of: "masking_strategy_override: {strategy: string_rewrite, configuration: {rewrite_value: \"anonyme\"}}", with: "masking_strategy_override: {strategy: null_rewrite}")
            .write(toFile: broken, atomically: true, encoding: .utf8)
        let refused = try erase("email=jeanne.dupont@exemple.fr", datasets: broken)
        #expect(refused.status == 2 && refused.stderr.contains("nothing was erased") && refused.stderr.contains("NOT NULL"), "\(refused.stderr)")
        #expect(try ServerProcessTests.sqlite(shop, "SELECT first_name FROM customer WHERE id = 1") == "[('Jeanne',)]")

        let noSecret = try erase("email=jeanne.dupont@exemple.fr", environment: ["REGISTRE_SECRET": ""])
        #expect(noSecret.status == 2 && noSecret.stderr.contains("REGISTRE_SECRET"))

        let done = try erase("email=jeanne.dupont@exemple.fr")
        #expect(done.status == 0, "\(done.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(done.stdout.utf8)) as? [String: Any]
        #expect(result?["status"] as? String == "partially_completed")
        #expect(try ServerProcessTests.sqlite(shop, "SELECT first_name FROM customer WHERE id = 1") == "[('anonyme',)]")
        let again = try erase("email=jeanne.dupont@exemple.fr")
        #expect(again.status == 0 && again.stdout.contains("no_data"))
    }
}

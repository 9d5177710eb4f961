import Foundation
import Testing

/// `registre serve --retention-every`: the server enforces the policy's retention periods by
/// itself, and servers sharing a PostgreSQL store share the work.
@Suite(.serialized) struct RetentionServiceTests {
    static let odoip = DatasetsCommandTests.fixtures.appendingPathComponent("retention/odoip")

    @Test func twoServersShareTheScheduledRetentionPassOfAPostgreSQLDatabase() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["REGISTRE_TEST_POSTGRES_URL"], "run the tests with Scripts/test, which starts PostgreSQL")
        let base = String(url[..<(try #require(url.lastIndex(of: "/")))])
        let suffix = UInt32.random(in: 0...UInt32.max)
        let company = "\(base)/registre_odoip_\(suffix)"
        let store = "\(base)/registre_store_\(suffix)"
        for name in ["registre_odoip_\(suffix)", "registre_store_\(suffix)"] {
            try ServerRunTests.psql("\(base)/postgres", ["-c", "CREATE DATABASE \(name)"])
        }
        defer {
            for name in ["registre_odoip_\(suffix)", "registre_store_\(suffix)"] {
                _ = try? ServerRunTests.psql("\(base)/postgres", ["-c", "DROP DATABASE \(name) WITH (FORCE)"])
            }
        }
        try ServerRunTests.psql(company, ["-f", Self.odoip.appendingPathComponent("schema.sql").path, "-f", Self.odoip.appendingPathComponent("seed.sql").path])
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = [
            "--datasets", Self.odoip.appendingPathComponent("dataset.yml").path, "--connection", "env:ODOIP_URL", "--retention-every", "1d",
        ]
        let environment = ["REGISTRE_SECRET": String(repeating: "cd", count: 32), "ODOIP_URL": company]
        let policy = CLITests.repository.appendingPathComponent("Examples/odoip.yaml")
        let servers = try (0..<2).map { _ in try ServerProcessTests.Server(database: store, directory: directory, environment: environment, arguments: arguments, policy: policy) }
        defer { servers.forEach { $0.stop() } }
        for server in servers { try await server.waitUntilReady() }

        // Both open today's pass (midnight UTC) at start; each collection is claimed once.
        let query = "SELECT coalesce(string_agg(collection || ' ' || state || ' ' || attempts, ', ' ORDER BY collection), '') FROM retention_batch"
        var batches = ""
        for _ in 0..<300 {
            batches = try ServerRunTests.psql(store, ["-Atc", query])
            if !batches.isEmpty, !batches.contains("pending"), !batches.contains("claimed") { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(batches == "access_log done 1, customer done 1, invoice done 1, prospect done 1, support_ticket done 1", "\(batches)")
        #expect(try ServerRunTests.psql(store, ["-Atc", "SELECT count(DISTINCT pass_at) FROM retention_batch"]) == "1")
        servers.forEach { $0.stop() }

        // What was due long before today is gone, what is due in years is there; without contract
        // ends recorded, customers and their tickets wait.
        let invoices = try ServerRunTests.psql(company, ["-Atc", "SELECT string_agg(id::text, ',' ORDER BY id) FROM invoice"]).split(separator: ",")
        #expect(!invoices.contains("1001") && invoices.contains("1002") && invoices.contains("1003"), "\(invoices)")
        let prospects = try ServerRunTests.psql(company, ["-Atc", "SELECT string_agg(id::text, ',' ORDER BY id) FROM prospect"]).split(separator: ",")
        #expect(!prospects.contains("701") && prospects.contains("703") && prospects.contains("704"), "\(prospects)")
        #expect(!(try ServerRunTests.psql(company, ["-Atc", "SELECT string_agg(id::text, ',') FROM access_log"]).contains("9003")))
        #expect(try ServerRunTests.psql(company, ["-Atc", "SELECT string_agg(id::text, ',' ORDER BY id) FROM customer"]) == "1,2,3,4")
        #expect(try ServerRunTests.psql(company, ["-Atc", "SELECT string_agg(id::text, ',' ORDER BY id) FROM support_ticket"]) == "501,502,503,504")

        // Every committed page is in the one audit chain, by the server, keys hashed.
        let applied = try ServerRunTests.psql(store, ["-Atc", "SELECT count(*) FROM audit_entry WHERE action = 'retention.applied' AND actor = 'server' AND payload LIKE '%keys_sha256%'"])
        #expect((Int(applied) ?? 0) >= 3, "\(applied)")
        let verify = try CLITests().registre(["audit", "verify", "--database", store], environment: environment)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let logs = try servers.map { try String(contentsOf: $0.log, encoding: .utf8) }.joined()
        #expect(logs.contains("retention pass finished"), "\(logs)")
        #expect(!logs.contains("alice.martin"), "no personal data in the logs")
    }
}

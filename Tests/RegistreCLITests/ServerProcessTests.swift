import Foundation
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `registre serve`, `token` and `audit` as real processes on loopback.
@Suite(.serialized) struct ServerProcessTests {
    /// A running `registre serve` in its own folder, on a free port.
    final class Server: @unchecked Sendable {
        let process = Process()
        let directory: URL
        let port: Int
        let log: URL

        init(
            database: String? = nil, directory: URL, environment: [String: String] = [:], arguments: [String] = [],
            policy: URL = CLITests.repository.appendingPathComponent("Examples/exemple-sas.yaml")
        ) throws {
            self.directory = directory
            self.port = Self.freePort()
            self.log = directory.appendingPathComponent("server-\(port).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = CLITests.binary
            process.arguments = ["serve", "--policy", policy.path,
                                 "--port", String(port), "--rate-limit", "0"] + (database.map { ["--database", $0] } ?? []) + arguments
            process.currentDirectoryURL = directory
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }

        /// A port nothing listens on now, as the system hands one out (a port picked at random
        /// could be one another test's server, or PostgreSQL, already holds).
        static func freePort() -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            return bound ? Int(UInt16(bigEndian: address.sin_port)) : Int.random(in: 20_000..<60_000)
        }

        /// Waits until `/health` answers, at most 30 seconds.
        func waitUntilReady() async throws {
            for _ in 0..<300 {
                if let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!),
                   (response as? HTTPURLResponse)?.statusCode == 200 { return }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            Issue.record("the server did not start: \(output)")
            throw CancellationError()
        }

        func request(_ path: String, method: String = "GET", body: Data? = nil, headers: [String: String] = [:]) async throws -> (Int, Data) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = method
            request.httpBody = body
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    static func consent(banner: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: [
            "visitor_id": "visitor-kill", "granted": ["statistics", "newsletter"], "refused": [String](), "method": "accept_all",
            "banner": ["id": banner["id"]!, "hash": banner["hash"]!], "policy_version": banner["policy_version"]!, "language": "fr",
        ])
    }

    /// Rows of an SQLite database, counted by Python's sqlite3 module (no Registre code involved).
    static func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); c.commit(); print(r)", path, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aConsentAnsweredWith201SurvivesKillNine() async throws {
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Server(directory: directory)
        try await server.waitUntilReady()
        let (_, bannerData) = try await server.request("/v1/banner?lang=fr")
        let banner = try #require(try JSONSerialization.jsonObject(with: bannerData) as? [String: Any])
        let (status, _) = try await server.request("/v1/consents", method: "POST", body: try Self.consent(banner: banner), headers: ["Content-Type": "application/json"])
        server.kill()
        #expect(status == 201)
        let database = directory.appendingPathComponent("registre.sqlite").path
        #expect(try Self.sqlite(database, "SELECT method, granted FROM consent_record") == "[('accept_all', '[\"statistics\",\"newsletter\"]')]")
        let verify = try CLITests().registre("audit", "verify", "--database", database)
        #expect(verify.status == 0 && verify.stdout.hasPrefix("ok: 1 entries"), "\(verify.stdout)\(verify.stderr)")
        // The key file that keys identifier hashes was created beside the database, owner-only.
        let key = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("registre.key").path)
        #expect((key[.posixPermissions] as? Int) == 0o600 && (key[.size] as? Int) == 32)
    }

    @Test func auditVerifyFindsARowEditedWithSQL() async throws {
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("ledger.sqlite").path
        let server = try Server(database: database, directory: directory)
        try await server.waitUntilReady()
        let (_, bannerData) = try await server.request("/v1/banner?lang=en")
        let banner = try #require(try JSONSerialization.jsonObject(with: bannerData) as? [String: Any])
        var body = try #require(try JSONSerialization.jsonObject(with: try Self.consent(banner: banner)) as? [String: Any])
        body["language"] = "en"
        for visitor in ["a", "b", "c"] {
            body["visitor_id"] = visitor
            let (status, data) = try await server.request("/v1/consents", method: "POST", body: try JSONSerialization.data(withJSONObject: body), headers: ["Content-Type": "application/json"])
            #expect(status == 201, "\(String(decoding: data, as: UTF8.self))")
        }
        server.stop()
        #expect(try CLITests().registre("audit", "verify", "--database", database).stdout.hasPrefix("ok: 3 entries"))
        _ = try Self.sqlite(database, "UPDATE audit_entry SET payload = replace(payload, 'accept_all', 'reject_all') WHERE sequence = 2")
        let broken = try CLITests().registre("audit", "verify", "--database", database)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("entry 2: altered"), "\(broken.stdout)")
    }

    @Test func tokensAreCreatedOnceAndOpenTheAdminEndpoints() async throws {
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("t.sqlite").path
        let created = try CLITests().registre("token", "create", "crm-sync", "--database", database)
        #expect(created.status == 0)
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("rg_") && token.count > 40)
        #expect(try Self.sqlite(database, "SELECT count(*) FROM api_token WHERE token_hash LIKE '%' || 'rg_' || '%'") == "[(0,)]", "stored as a hash only")
        let again = try CLITests().registre("token", "create", "crm-sync", "--database", database)
        #expect(again.status == 1 && again.stderr.contains("already exists"))

        let server = try Server(database: database, directory: directory)
        try await server.waitUntilReady()
        defer { server.stop() }
        let (allowed, _) = try await server.request("/v1/consents/someone", headers: ["Authorization": "Bearer \(token)"])
        #expect(allowed == 200)
        let (refused, _) = try await server.request("/v1/consents/someone")
        #expect(refused == 401)
        server.stop()

        let revoked = try CLITests().registre("token", "revoke", "crm-sync", "--database", database)
        #expect(revoked.status == 0 && revoked.stdout.contains("revoked crm-sync"))
        let twice = try CLITests().registre("token", "revoke", "crm-sync", "--database", database)
        #expect(twice.status == 1 && twice.stderr.contains("token-unknown"))
        let listed = try CLITests().registre("token", "list", "--database", database)
        #expect(listed.status == 0 && listed.stdout.contains("crm-sync") && listed.stdout.contains("revoked") && !listed.stdout.contains(token))
        let restarted = try Server(database: database, directory: directory)
        try await restarted.waitUntilReady()
        defer { restarted.stop() }
        let (afterRevocation, _) = try await restarted.request("/v1/consents/someone", headers: ["Authorization": "Bearer \(token)"])
        #expect(afterRevocation == 401)
    }

    @Test func aPostgreSQLServerKeepsAtMostTheConnectionsItIsGiven() async throws {
        let base = try #require(ProcessInfo.processInfo.environment["REGISTRE_TEST_POSTGRES_URL"], "run the tests with Scripts/test, which starts PostgreSQL")
        // A database of its own, so that only this server's connections are counted.
        let name = "registre_pool_\(UUID().uuidString.prefix(8).lowercased())"
        _ = try ServerRunTests.psql(base, ["-c", "CREATE DATABASE \(name)"])
        defer { _ = try? ServerRunTests.psql(base, ["-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"]) }
        var components = try #require(URLComponents(string: base))
        components.path = "/\(name)"
        let url = try #require(components.string)
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["REGISTRE_SECRET": String(repeating: "cd", count: 32)]
        let token = try CLITests().registre(["token", "create", "pool", "--database", url], environment: environment).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try Server(database: url, directory: directory, environment: environment, arguments: ["--database-connections", "2"])
        try await server.waitUntilReady()
        defer { server.stop() }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<60 {
                group.addTask { try await server.request("/v1/consents/visitor-\(index)", headers: ["Authorization": "Bearer \(token)"]).0 }
            }
            for try await status in group { #expect(status == 200) }
        }
        let open = try ServerRunTests.psql(base, ["-Atc", "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)'"])
        #expect((1...2).contains(Int(open) ?? 0), "connections open after 60 reads at once: \(open)")

        let zero = try CLITests().registre(["serve", "--policy", "Examples/exemple-sas.yaml", "--database", url, "--database-connections", "0"], environment: environment)
        #expect(zero.status == 64 && zero.stderr.contains("--database-connections is between 1 and 1000, not 0"), "\(zero.stderr)")
        let sqlite = directory.appendingPathComponent("t.sqlite").path
        let onSQLite = try CLITests().registre(["serve", "--policy", "Examples/exemple-sas.yaml", "--database", sqlite, "--database-connections", "4"])
        #expect(onSQLite.status == 64 && onSQLite.stderr.contains("--database-connections is for a postgres:// database"), "\(onSQLite.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sqlite), "nothing created for a refused command")
    }

    @Test func serverAndCommandsShareAPostgreSQLDatabase() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["REGISTRE_TEST_POSTGRES_URL"], "run the tests with Scripts/test, which starts PostgreSQL")
        let directory = try CLITests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = String(repeating: "ab", count: 32)
        // Two servers on one database: the audit chain must stay one chain.
        let first = try Server(database: url, directory: directory, environment: ["REGISTRE_SECRET": secret])
        let second = try Server(database: url, directory: directory, environment: ["REGISTRE_SECRET": secret])
        try await first.waitUntilReady()
        try await second.waitUntilReady()
        let before = try CLITests().registre("audit", "verify", "--database", url)
        let count = Int(before.stdout.split(separator: " ")[1]) ?? 0
        let (_, bannerData) = try await first.request("/v1/banner?lang=fr")
        let banner = try #require(try JSONSerialization.jsonObject(with: bannerData) as? [String: Any])
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<20 {
                let server = index.isMultiple(of: 2) ? first : second
                var body = try #require(try JSONSerialization.jsonObject(with: try Self.consent(banner: banner)) as? [String: Any])
                body["visitor_id"] = "pg-\(index)"
                let data = try JSONSerialization.data(withJSONObject: body)
                group.addTask { try await server.request("/v1/consents", method: "POST", body: data, headers: ["Content-Type": "application/json"]).0 }
            }
            for try await status in group { #expect(status == 201) }
        }
        first.stop()
        second.stop()
        let after = try CLITests().registre("audit", "verify", "--database", url)
        #expect(after.status == 0 && after.stdout.hasPrefix("ok: \(count + 20) entries"), "\(after.stdout)\(after.stderr)")
        let missing = try CLITests().registre("serve", "--policy", "Examples/exemple-sas.yaml", "--database", url, "--port", "1")
        #expect(missing.status == 2 && missing.stderr.contains("REGISTRE_SECRET"), "PostgreSQL servers must share a secret")
    }
}

import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing
@testable import RegistreStore

/// The two back ends every store test runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// A fresh, migrated store of a back end, and a way to run raw SQL on it (to tamper with the
/// audit log as an attacker with database access would).
struct StoreFixture: Sendable {
    let store: any RegistreStore
    let execute: @Sendable (String) async throws -> Void
    /// The database's URL, on PostgreSQL: for a second server on the same database.
    var postgresURL: URL? = nil

    static let logger = Logger(label: "registre-tests")

    /// The names the kernel shows for this process's threads (Linux's `/proc/self/task/*/comm`).
    static func threadNames() -> Set<String> {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return Set(tasks.compactMap { task in
            (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        })
    }

    /// The PostgreSQL server of the tests; `Scripts/test` starts one and sets the variable.
    static func postgresURL() throws -> URL {
        guard let text = ProcessInfo.processInfo.environment["REGISTRE_TEST_POSTGRES_URL"], let url = URL(string: text) else {
            throw StoreError(code: "no-test-postgres", message: "REGISTRE_TEST_POSTGRES_URL is not set: run the tests with Scripts/test, which starts PostgreSQL")
        }
        return url
    }

    /// Runs `body` with a new, empty store, migrated unless `migrated` is false, then removes it.
    static func with<T: Sendable>(_ backend: Backend, migrated: Bool = true, _ body: @Sendable (StoreFixture) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("registre-store-\(UUID().uuidString).sqlite").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            let store = try SQLiteStore(path: path)
            if migrated { try await store.migrate() }
            let fixture = StoreFixture(store: store) { sql in try await store.pool.write { try $0.execute(sql: sql) } }
            return try await body(fixture)
        case .postgres:
            let base = try postgresURL()
            let name = "registre_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try await admin(base) { try await $0.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger) }
            var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
            components.path = "/\(name)"
            let store = try PostgresStore(url: components.url!, logger: logger)
            let result: Result<T, any Error> = await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await store.run() }
                defer { group.cancelAll() }
                do {
                    if migrated { try await store.migrate() }
                    let fixture = StoreFixture(
                        store: store, execute: { sql in try await store.client.query(PostgresQuery(unsafeSQL: sql), logger: logger) },
                        postgresURL: components.url!)
                    return .success(try await body(fixture))
                } catch {
                    return .failure(error)
                }
            }
            try await admin(base) { try await $0.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger) }
            return try result.get()
        }
    }

    /// Runs `body` on a client connected to the server's `postgres` database.
    static func admin(_ base: URL, _ body: @Sendable (PostgresClient) async throws -> Void) async throws {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        components.path = "/postgres"
        try await withClient(components.url!, body)
    }

    /// Runs `body` on a client connected to the database of `url`, beside the store's own.
    static func withClient(_ url: URL, _ body: @Sendable (PostgresClient) async throws -> Void) async throws {
        let client = PostgresClient(
            configuration: .init(
                host: url.host!, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password, database: String(url.path.dropFirst()),
                tls: .disable),
            backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }

    /// A consent draft for tests.
    static func draft(subject: String = "a", granted: [String] = ["statistics"], refused: [String] = ["newsletter"], at date: Date = Date(timeIntervalSince1970: 1_790_000_000)) -> ConsentDraft {
        ConsentDraft(
            subjectHash: subject, subjectKind: "visitor", method: .save, granted: granted, refused: refused,
            bannerID: "2026-11.fr", bannerHash: String(repeating: "a", count: 64), policyVersion: "2026-11", language: "fr",
            pageURL: "https://exemple.fr/", receivedAt: date, expiresAt: date.addingTimeInterval(86_400 * 395),
            refusalExpiresAt: date.addingTimeInterval(86_400 * 182), addressPrefix: "203.0.113.0/24", userAgent: "Mozilla/5.0")
    }
}

import Foundation
import GRDB
import Logging
import RegistreCore
import Testing
@testable import RegistreConnectors

/// The two databases every connector test runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// A company database loaded from SQL scripts into a new SQLite file or a new PostgreSQL
/// database (by `psql`, as a DBA would load it), with a way to run SQL on it from outside.
struct ConnectorFixture: Sendable {
    let backend: Backend
    /// The `--connection` text for the command line.
    let connection: String
    let location: ConnectionLocation
    /// The schema the scripts were loaded into; nil for the default one.
    let schema: String?

    static let logger: Logger = {
        var logger = Logger(label: "registre-connector-tests")
        logger.logLevel = .error
        return logger
    }()

    /// The PostgreSQL server of the tests; `Scripts/test` starts one and sets the variable.
    static func postgresURL() throws -> URL {
        guard let text = ProcessInfo.processInfo.environment["REGISTRE_TEST_POSTGRES_URL"], let url = URL(string: text) else {
            throw ConnectorError(code: "no-test-postgres", message: "REGISTRE_TEST_POSTGRES_URL is not set: run the tests with Scripts/test, which starts PostgreSQL")
        }
        return url
    }

    /// Loads `scripts` (in `schema` on PostgreSQL when given) and runs `body`, then removes the database.
    static func with<T: Sendable>(_ backend: Backend, scripts: [URL], schema: String? = nil, _ body: (ConnectorFixture) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite:
            let folder = try SubjectFinderTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("company.sqlite").path
            let queue = try DatabaseQueue(path: path)
            for script in scripts {
                let text = try String(contentsOf: script, encoding: .utf8)
                try await queue.write { db in try db.execute(sql: text) }
            }
            let fixture = ConnectorFixture(backend: backend, connection: "sqlite:\(path)", location: .sqlite(path: path), schema: nil)
            return try await body(fixture)
        case .postgres:
            let base = try postgresURL()
            let name = "registre_c_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try psql(base, database: "postgres", command: "CREATE DATABASE \(name)")
            var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
            components.path = "/\(name)"
            components.query = "sslmode=disable"
            let url = components.url!
            defer { try? psql(base, database: "postgres", command: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            if let schema { try psql(base, database: name, command: "CREATE SCHEMA \(schema)") }
            for script in scripts { try psql(base, database: name, file: script.path, schema: schema) }
            let fixture = ConnectorFixture(backend: backend, connection: url.absoluteString, location: .postgres(url: url), schema: schema)
            return try await body(fixture)
        }
    }

    /// Runs `psql` with `-v ON_ERROR_STOP=1` on one command or one file.
    static func psql(_ base: URL, database: String, command: String? = nil, file: String? = nil, schema: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try psqlPath())
        var arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", base.host!, "-p", String(base.port ?? 5432), "-U", base.user ?? "postgres", "-d", database]
        if let command { arguments += ["-c", command] }
        if let file { arguments += ["-f", file] }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let schema { environment["PGOPTIONS"] = "-c search_path=\(schema)" }
        if let password = base.password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ConnectorError(code: "psql-failed", message: "psql \(command ?? file ?? ""): \(String(decoding: message, as: UTF8.self))")
        }
    }

    static func psqlPath() throws -> String {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/psql" }
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin/psql" }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ConnectorError(code: "no-psql", message: "psql is not installed: run the tests with Scripts/test, which installs PostgreSQL")
        }
        return path
    }

    /// Runs `sql` on the fixture's database from outside Registre, as its DBA would.
    func execute(_ sql: String) async throws {
        switch location {
        case .sqlite(let path):
            try await DatabaseQueue(path: path).write { db in try db.execute(sql: sql) }
        case .postgres(let url):
            try Self.psql(try Self.postgresURL(), database: url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/")), command: sql, schema: schema)
        }
    }

    /// Runs `body` with a connector on the fixture's database.
    func withConnector<T: Sendable>(writable: Bool = false, _ body: (any Connector) async throws -> T) async throws -> T {
        try await location.withConnector(writable: writable, logger: Self.logger, body)
    }

    /// `dataset` pointed at the schema the scripts were loaded into.
    func placed(_ dataset: Dataset) -> Dataset {
        var dataset = dataset
        if let schema { dataset.schema = schema }
        return dataset
    }
}

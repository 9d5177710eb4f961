import Foundation
import GRDB
@testable import RegistreConnectors

/// Ethyca Fides's own sample project (`fides/data/sample_project/` of the `ethyca-fides` wheel on
/// PyPI), fetched unchanged by `Scripts/fetch-fides-sample` into `.build/fides-sample`.
enum FidesSample {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of the sample project, fetched on first use.
    static func directory() throws -> URL {
        let process = Process()
        process.executableURL = root.appendingPathComponent("Scripts/fetch-fides-sample")
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return URL(fileURLWithPath: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The sample's dataset file for its PostgreSQL database.
    static func datasetPath() throws -> String {
        try directory().appendingPathComponent("sample_resources/postgres_example_test_dataset.yml").path
    }

    /// The sample's PostgreSQL script, loaded into a new SQLite file: only what SQLite cannot
    /// run is left out (the `public.` prefix, sequence restarts, and the backup schema after the
    /// data); every table and row is kept.
    static func sqliteDatabase(in folder: URL) throws -> String {
        let script = try String(contentsOf: directory().appendingPathComponent("postgres_sample.sql"), encoding: .utf8)
        let before = script.components(separatedBy: "CREATE SCHEMA backup_schema")[0]
        let portable = before.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("ALTER SEQUENCE") }
            .joined(separator: "\n")
            .replacingOccurrences(of: "public.", with: "")
        let path = folder.appendingPathComponent("fides-sample.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: portable) }
        return path
    }

    /// Runs `body` with a connector on the sample database: on PostgreSQL, the sample's script
    /// loaded unchanged by `psql`; on SQLite, as ``sqliteDatabase(in:)`` loads it.
    static func withConnector(_ backend: Backend, _ body: (any Connector) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            let folder = try SubjectFinderTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body(SQLiteConnector(path: sqliteDatabase(in: folder)))
        case .postgres:
            let script = try directory().appendingPathComponent("postgres_sample.sql")
            try await ConnectorFixture.with(.postgres, scripts: [script]) { fixture in
                try await fixture.withConnector(body)
            }
        }
    }
}

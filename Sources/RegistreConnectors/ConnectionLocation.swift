import Foundation
import Logging

/// The company database a command works on, from its `--connection` option: a path or
/// `sqlite:PATH`, a `postgres://` URL, or `env:NAME` for a URL kept in an environment variable
/// (so a password never appears in a command line or a shell history).
public enum ConnectionLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(url: URL)

    /// Reads the option; `environment` resolves `env:NAME`.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var text = text
        if text.hasPrefix("env:") {
            let name = String(text.dropFirst("env:".count))
            guard let value = environment[name], !value.isEmpty else {
                throw ConnectorError(code: "connection-invalid", message: "the environment variable \(name) named by --connection env:\(name) is not set")
            }
            text = value
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let url = URL(string: text), let host = url.host, !host.isEmpty else {
                throw ConnectorError(code: "connection-invalid", message: "not a PostgreSQL URL such as postgres://user@127.0.0.1:5432/shop")
            }
            self = .postgres(url: url)
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.contains("://") {
            throw ConnectorError(code: "connection-invalid", message: "unsupported connection URL; use sqlite:PATH, a file path or postgres://...")
        } else if text.isEmpty {
            throw ConnectorError(code: "connection-invalid", message: "the connection is empty; use sqlite:PATH, a file path or postgres://...")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The location without a password, for messages.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): PostgresConnector.redacted(url)
        }
    }

    /// Runs `body` with a writable connector and one to read through while it writes: a second
    /// connection on PostgreSQL (another server process), the same one on SQLite (one file, one
    /// writer).
    public func withWriterAndReader<T: Sendable>(logger: Logger, _ body: (any Connector, any Connector) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            return try await withConnector(writable: true, logger: logger) { try await body($0, $0) }
        case .postgres(let url):
            return try await PostgresConnector.with(url: url, logger: logger) { writer in
                try await PostgresConnector.with(url: url, logger: logger) { reader in try await body(writer, reader) }
            }
        }
    }

    /// Opens the database (read-only unless `writable`), runs `body` with its connector, then closes it.
    public func withConnector<T: Sendable>(writable: Bool = false, logger: Logger, _ body: (any Connector) async throws -> T) async throws -> T {
        switch self {
        case .sqlite(let path):
            return try await body(SQLiteConnector(path: path, readOnly: !writable))
        case .postgres(let url):
            return try await PostgresConnector.with(url: url, logger: logger) { try await body($0) }
        }
    }
}

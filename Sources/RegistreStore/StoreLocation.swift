import Foundation
import Logging

/// Where Registre keeps its state, from the `--database` option: nothing (an SQLite file
/// `registre.sqlite` in the working directory), a path or `sqlite:PATH`, or a `postgres://` URL.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(url: URL)

    /// The default: `registre.sqlite` in the working directory.
    public static let defaultSQLite = StoreLocation.sqlite(path: "registre.sqlite")

    /// Reads the `--database` option.
    public init(_ text: String?) throws {
        guard let text, !text.isEmpty else {
            self = .defaultSQLite
            return
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let url = URL(string: text), url.host != nil else {
                throw StoreError(code: "database-url", message: "'\(text.prefix(40))…' is not a PostgreSQL URL such as postgres://user@127.0.0.1:5432/registre")
            }
            self = .postgres(url: url)
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.contains("://") {
            throw StoreError(code: "database-url", message: "unsupported database URL; use a file path, sqlite:PATH or postgres://...")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The location without a password, for logs and messages.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): "postgres://\(url.user.map { "\($0)@" } ?? "")\(url.host ?? "")\(url.port.map { ":\($0)" } ?? "")\(url.path)"
        }
    }

    /// Opens the store, migrates it, runs `body` with it, then closes it. A PostgreSQL store's
    /// connection pool runs beside `body` in a child task and stops when `body` returns.
    public func withStore<T: Sendable>(logger: Logger, _ body: @Sendable (any RegistreStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            try await store.migrate()
            return try await body(store)
        case .postgres(let url):
            let store = try PostgresStore(url: url, logger: logger)
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await store.run()
                    return nil
                }
                defer { group.cancelAll() }
                try await store.migrate()
                return try await body(store)
            }
        }
    }
}

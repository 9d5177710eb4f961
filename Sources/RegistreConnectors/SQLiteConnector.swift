import Foundation
import GRDB

/// A company database in an SQLite file, opened read-only for access requests.
public final class SQLiteConnector: Connector {
    private let queue: DatabaseQueue

    /// Opens the file at `path`; a missing file is an error, never a new empty database.
    public init(path: String, readOnly: Bool = true) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConnectorError(code: "connection-failed", message: "no SQLite database at \(path)")
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(10)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        } catch {
            throw ConnectorError(code: "connection-failed", message: "cannot open \(path) as an SQLite database: \(error)")
        }
    }

    public func rows(of table: TableName, columns: [String], where column: String, matchesAnyOf values: [SQLValue], caseInsensitive: Bool) async throws -> [Row] {
        guard !values.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let target = caseInsensitive ? "lower(\(quote(column)))" : quote(column)
        let sql = "SELECT \(columns.map(quote).joined(separator: ", ")) FROM \(table.quoted) WHERE \(target) IN (\(placeholders))"
        let arguments = StatementArguments(values.map(Self.databaseValue))
        do {
            return try await queue.read { db in
                try GRDB.Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    Row(columns: columns, values: (0..<columns.count).map { Self.value(row[$0] as DatabaseValue) })
                }
            }
        } catch {
            throw ConnectorError(code: "query-failed", message: "reading \(table) failed: \(error)")
        }
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob(Array(data))
        }
    }
}

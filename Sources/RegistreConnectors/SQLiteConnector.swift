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

    public func describe(_ table: TableName) async throws -> TableDescription? {
        let prefix = table.schema.map { "\(quote($0))." } ?? ""
        return try await queue.read { db in
            let columns = try GRDB.Row.fetchAll(db, sql: "PRAGMA \(prefix)table_info(\(quote(table.name)))")
            guard !columns.isEmpty else { return nil }
            var types: [String: String] = [:]
            var indexed: Set<String> = []
            for column in columns {
                let name = (column["name"] as String).lowercased()
                types[name] = column["type"]
                if (column["pk"] as Int) == 1 { indexed.insert(name) }
            }
            for index in try GRDB.Row.fetchAll(db, sql: "PRAGMA \(prefix)index_list(\(quote(table.name)))") {
                let first = try GRDB.Row.fetchAll(db, sql: "PRAGMA \(prefix)index_info(\(quote(index["name"] as String)))")
                    .min { ($0["seqno"] as Int) < ($1["seqno"] as Int) }
                if let name = first?["name"] as String? { indexed.insert(name.lowercased()) }
            }
            return TableDescription(columns: types, indexed: indexed)
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

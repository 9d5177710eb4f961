import Foundation
import GRDB

/// A company database in an SQLite file, opened read-only for access requests.
public final class SQLiteConnector: Connector {
    private let queue: DatabaseQueue
    private let readOnly: Bool

    /// Opens the file at `path`; a missing file is an error, never a new empty database.
    public init(path: String, readOnly: Bool = true) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConnectorError(code: "connection-failed", message: "no SQLite database at \(path)")
        }
        self.readOnly = readOnly
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

    public func forEachRow(
        of table: TableName, columns: [String], where column: String, matchesAnyOf values: [SQLValue], caseInsensitive: Bool,
        _ body: (Row) -> Void
    ) async throws {
        guard !values.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let target = caseInsensitive ? "lower(\(quote(column)))" : quote(column)
        let sql = "SELECT \(columns.map(quote).joined(separator: ", ")) FROM \(table.quoted) WHERE \(target) IN (\(placeholders))"
        let arguments = StatementArguments(values.map(Self.databaseValue))
        do {
            try read(sql, arguments, columns: columns, body)
        } catch {
            throw ConnectorError(code: "query-failed", message: "reading \(table) failed: \(error)")
        }
    }

    public func page(of table: TableName, columns: [String], key: [String], after start: [SQLValue]?, limit: Int, within ceilings: [DateCeiling]) async throws -> [Row] {
        let order = key.map(quote).joined(separator: ", ")
        var sql = "SELECT \(columns.map(quote).joined(separator: ", ")) FROM \(table.quoted)"
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        if let start {
            // A row value comparison (SQLite 3.15+): the rows after the last one, in key order.
            conditions.append("(\(order)) > (\(Array(repeating: "?", count: start.count).joined(separator: ", ")))")
            arguments += start.map(Self.databaseValue)
        }
        if !ceilings.isEmpty {
            let cuts = ceilings.map { ceiling -> String in
                let column = quote(ceiling.column)
                var cut = "\(column) IS NULL OR typeof(\(column)) <> 'text' OR \(column) NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
                if let day = ceiling.day {
                    cut += " OR substr(\(column), 1, 10) <= ?"
                    arguments.append(day.databaseValue)
                }
                return "(\(cut))"
            }
            conditions.append("(\(cuts.joined(separator: " OR ")))")
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY \(order) LIMIT \(max(1, limit))"
        var rows: [Row] = []
        do {
            try read(sql, StatementArguments(arguments), columns: columns) { rows.append($0) }
        } catch {
            throw ConnectorError(code: "query-failed", message: "reading \(table) failed: \(error)")
        }
        return rows
    }

    public func sample(of table: TableName, columns: [String], limit: Int) async throws -> [Row] {
        let sql = "SELECT \(columns.map(quote).joined(separator: ", ")) FROM \(table.quoted) LIMIT ?"
        var rows: [Row] = []
        do {
            try read(sql, [max(0, limit)], columns: columns) { rows.append($0) }
        } catch {
            throw ConnectorError(code: "query-failed", message: "reading \(table) failed: \(error)")
        }
        return rows
    }

    public func tables(schema: String?) async throws -> [TableName] {
        // `main` is the default a dataset with no schema names; an attached database keeps its name.
        let database = schema == "main" ? nil : schema
        do {
            return try await queue.read { db in
                try String.fetchAll(
                    db, sql: "SELECT name FROM \(quote(database ?? "main")).sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                ).map { TableName(schema: database, name: $0) }
            }
        } catch {
            throw ConnectorError(code: "query-failed", message: "listing the tables\(schema.map { " of \($0)" } ?? "") failed: \(error)")
        }
    }

    /// Runs `sql` on this thread and hands `body` each row as SQLite steps to it.
    private func read(_ sql: String, _ arguments: StatementArguments, columns: [String], _ body: (Row) -> Void) throws {
        try queue.read { db in
            let cursor = try GRDB.Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                body(Row(columns: columns, values: (0..<columns.count).map { Self.value(row[$0] as DatabaseValue) }))
            }
        }
    }

    public func describe(_ table: TableName) async throws -> TableDescription? {
        let schema = quote(table.schema ?? "main")
        do {
            return try await queue.read { db -> TableDescription? in
                let info = try GRDB.Row.fetchAll(db, sql: "PRAGMA \(schema).table_info(\(quote(table.name)))")
                guard !info.isEmpty else { return nil }
                let columns = info.map { TableDescription.Column(name: $0["name"], type: $0["type"], nullable: ($0["notnull"] as Int) == 0) }
                let primaryKey = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
                // A rowid table's INTEGER PRIMARY KEY is the rowid itself, indexed without an index entry.
                var leads = Set(primaryKey.prefix(1).map(TableDescription.normalizedLead))
                for index in try GRDB.Row.fetchAll(db, sql: "PRAGMA \(schema).index_list(\(quote(table.name)))") where (index["partial"] as Int) == 0 {
                    let name: String = index["name"]
                    guard let first = try GRDB.Row.fetchOne(db, sql: "PRAGMA \(schema).index_xinfo(\(quote(name)))") else { continue }
                    if (first["cid"] as Int) >= 0, let column = first["name"] as String? {
                        leads.insert(TableDescription.normalizedLead(column))
                    } else if let sql = try String.fetchOne(db, sql: "SELECT sql FROM \(schema).sqlite_master WHERE type = 'index' AND name = ?", arguments: [name]),
                        let term = Self.firstIndexedTerm(of: sql) {
                        leads.insert(TableDescription.normalizedLead(term))
                    }
                }
                return TableDescription(columns: columns, primaryKey: primaryKey, indexLeads: leads)
            }
        } catch {
            throw ConnectorError(code: "query-failed", message: "reading the definition of \(table) failed: \(error)")
        }
    }

    /// The first indexed term of a `CREATE INDEX ... ON table (term, ...)` statement, such as
    /// `lower(email)`: SQLite keeps no other record of an index on an expression.
    static func firstIndexedTerm(of sql: String) -> String? {
        guard let on = sql.range(of: " on ", options: .caseInsensitive), let open = sql[on.upperBound...].firstIndex(of: "(") else { return nil }
        var depth = 0
        var term = ""
        for character in sql[sql.index(after: open)...] {
            switch character {
            case "(": depth += 1
            case ")" where depth == 0: return term
            case ")": depth -= 1
            case "," where depth == 0: return term
            default: break
            }
            term.append(character)
        }
        return nil
    }

    public func apply(_ changes: [RowChange]) async throws {
        guard !readOnly else {
            throw ConnectorError(code: "read-only", message: "the SQLite database was opened read-only")
        }
        do {
            try await queue.write { db in
                for batch in RowChange.batched(changes) {
                    switch batch {
                    case .deleteAll(let table, let column, let values):
                        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
                        try db.execute(sql: "DELETE FROM \(table.quoted) WHERE \(quote(column)) IN (\(placeholders))", arguments: StatementArguments(values.map(Self.databaseValue)))
                    case .one(let change):
                        let condition = change.key.map { "\(quote($0.column)) = ?" }.joined(separator: " AND ")
                        switch change.kind {
                        case .delete:
                            try db.execute(sql: "DELETE FROM \(change.table.quoted) WHERE \(condition)", arguments: StatementArguments(change.key.map { Self.databaseValue($0.value) }))
                        case .update(let assignments):
                            let set = assignments.map { "\(quote($0.column)) = ?" }.joined(separator: ", ")
                            let values = (assignments + change.key).map { Self.databaseValue($0.value) }
                            try db.execute(sql: "UPDATE \(change.table.quoted) SET \(set) WHERE \(condition)", arguments: StatementArguments(values))
                        }
                    }
                }
            }
        } catch {
            throw ConnectorError(code: "write-failed", message: "changing rows failed, nothing was changed: \(error)")
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

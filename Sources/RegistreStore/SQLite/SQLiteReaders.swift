import Foundation
import GRDBSQLite
import Synchronization

/// Read-only connections to the store's SQLite file, used synchronously on the caller's thread.
///
/// GRDB's async reads hop to a dispatch queue and back, two thread switches per read that cost
/// more than the read itself. A read here takes a free connection (or opens one), runs on the
/// calling thread and gives the connection back. It never waits for another reader: when every
/// connection is busy it opens one more, so there are at most as many as threads reading at once,
/// and it cannot deadlock the cooperative pool the way waiting for a pooled reader did. In WAL
/// mode a reader does not wait for the writer either; each statement sees the last commit.
final class SQLiteReaders: Sendable {
    private let path: String
    private let idle = Mutex<[SQLiteReadConnection]>([])

    init(path: String) {
        self.path = path
    }

    /// Runs `body` with a connection of its own.
    func read<T>(_ body: (SQLiteReadConnection) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? SQLiteReadConnection(path: path)
        defer { idle.withLock { $0.append(connection) } }
        return try body(connection)
    }
}

/// One read-only SQLite connection and its prepared statements. Not shared between threads:
/// ``SQLiteReaders`` lends it to one reader at a time.
final class SQLiteReadConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]

    init(path: String) throws {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StoreError(code: "sqlite-open", message: "cannot open the SQLite database \(path) for reading: \(message)")
        }
        sqlite3_busy_timeout(handle, 5000)
        self.handle = handle
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs `sql` with `arguments` bound in order, calling `row` for each result row until it
    /// returns false. The statement is prepared once per connection and kept.
    func query(_ sql: String, _ arguments: [SQLiteArgument], row: (SQLiteRow) throws -> Bool) throws {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        SQLiteArgument.bind(arguments, to: statement)
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                if try !row(SQLiteRow(statement: statement)) { return }
            case SQLITE_DONE:
                return
            default:
                throw StoreError(code: "sqlite-read", message: "reading the SQLite database failed: \(String(cString: sqlite3_errmsg(handle)))")
            }
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK, let statement else {
            throw StoreError(code: "sqlite-read", message: "cannot prepare a read of the SQLite database: \(String(cString: sqlite3_errmsg(handle)))")
        }
        statements[sql] = statement
        return statement
    }
}

/// A value bound to a statement.
enum SQLiteArgument {
    case text(String)
    case integer(Int64)
    case null

    /// Text, or NULL for nil.
    static func optionalText(_ value: String?) -> SQLiteArgument { value.map(SQLiteArgument.text) ?? .null }

    /// Binds `arguments` to the statement's parameters in order, straight through SQLite's C
    /// functions (GRDB's arguments box each value in an existential, a cost per column).
    static func bind(_ arguments: [SQLiteArgument], to statement: OpaquePointer) {
        for (index, argument) in arguments.enumerated() {
            let position = Int32(index + 1)
            switch argument {
            case .text(let text):
                sqlite3_bind_text(statement, position, text, -1, transient)
            case .integer(let value):
                sqlite3_bind_int64(statement, position, value)
            case .null:
                sqlite3_bind_null(statement, position)
            }
        }
    }

    /// SQLite copies bound text before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// The current row of a statement, read by column position.
struct SQLiteRow {
    let statement: OpaquePointer

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func text(_ column: Int32) -> String { optionalText(column) ?? "" }

    func optionalText(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func date(_ column: Int32) -> Date { Date(millisecondsSince1970: integer(column)) }
}

import Foundation
import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// The definitions of the tables read so far, by one connector or by all those of a pool.
final class TableDefinitions: Sendable {
    private let tables = Mutex<[TableName: TableDescription]>([:])

    subscript(table: TableName) -> TableDescription? {
        get { tables.withLock { $0[table] } }
        set { tables.withLock { $0[table] = newValue } }
    }

    /// Forgets them all, so the next request reads them again.
    func forget() {
        tables.withLock { $0.removeAll() }
    }
}

/// A company database on a PostgreSQL server, in any schema. One connection per connector:
/// a request's queries run one after the other, each batch of values bound as one array.
public final class PostgresConnector: Connector {
    private let connection: PostgresConnection
    private let logger: Logger
    /// The columns of each table read so far: their types, to cast the bound values to. Shared
    /// by the connectors of a pool.
    private let definitions: TableDefinitions
    /// The queries being started, failed when the connection closes.
    private let starting = StartingQueries()

    private init(connection: PostgresConnection, logger: Logger, definitions: TableDefinitions) {
        self.connection = connection
        self.logger = logger
        self.definitions = definitions
        connection.closeFuture.whenComplete { [starting] _ in starting.closed() }
    }

    /// Starts `query` and gives its rows, or fails once the connection is closed. PostgresNIO
    /// never answers a query written to a connection that has just closed (the server ended it,
    /// say, and the query is the ROLLBACK after its error): without this the request would wait
    /// forever, and the server with it at shutdown.
    private func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        let answer = connection.eventLoop.makePromise(of: PostgresRowSequence.self)
        guard let ticket = starting.add(answer) else {
            answer.fail(Self.closedError)
            throw Self.closedError
        }
        defer { starting.remove(ticket) }
        let (connection, logger) = (self.connection, self.logger)
        let started = Task {
            do { answer.succeed(try await connection.query(query, logger: logger)) } catch { answer.fail(error) }
        }
        return try await withTaskCancellationHandler {
            try await answer.futureResult.get()
        } onCancel: {
            started.cancel()
        }
    }

    /// Runs `query` to its end, its rows (none for a change) read and dropped.
    private func execute(_ query: PostgresQuery) async throws {
        for try await _ in try await self.query(query) {}
    }

    static let closedError = ConnectorError(code: "connection-failed", message: "the connection to the database closed")

    /// Connects to the database of `url`, runs `body` with the connector, then disconnects.
    /// The password comes from the URL or, when it has none, from `PGPASSWORD`; `sslmode` is
    /// read as libpq reads it (`disable`, `prefer`, the default, `require`, `verify-full`).
    public static func with<T: Sendable>(url: URL, logger: Logger, _ body: (PostgresConnector) async throws -> T) async throws -> T {
        let connector = try await connect(url: url, logger: logger)
        do {
            let result = try await body(connector)
            await connector.close()
            return result
        } catch {
            await connector.close()
            throw error
        }
    }

    /// Connects to the database of `url`; the caller closes the connector.
    static func connect(url: URL, logger: Logger, definitions: TableDefinitions = TableDefinitions()) async throws -> PostgresConnector {
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration(url), id: 1, logger: logger)
            return PostgresConnector(connection: connection, logger: logger, definitions: definitions)
        } catch let error as ConnectorError {
            throw error
        } catch {
            throw ConnectorError(code: "connection-failed", message: "cannot connect to \(redacted(url)): \(String(reflecting: error).prefix(300))")
        }
    }

    /// Whether the server closed the connection (a restart, an idle timeout).
    var isClosed: Bool { connection.isClosed }

    func close() async {
        try? await connection.close()
    }

    /// The URL without its password, for messages.
    static func redacted(_ url: URL) -> String {
        "postgres://\(url.user.map { "\($0)@" } ?? "")\(url.host ?? "")\(url.port.map { ":\($0)" } ?? "")\(url.path)"
    }

    static func configuration(_ url: URL) throws -> PostgresConnection.Configuration {
        guard let host = url.host, !host.isEmpty else {
            throw ConnectorError(code: "connection-invalid", message: "a PostgreSQL URL needs a host: postgres://user@host:5432/database")
        }
        let database = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        let mode = query.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch mode {
            case "disable": tls = .disable
            case "allow", "prefer", "require":
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.certificateVerification = .none
                let context = try NIOSSLContext(configuration: configuration)
                tls = mode == "require" ? .require(context) : .prefer(context)
            case "verify-ca", "verify-full":
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.certificateVerification = mode == "verify-ca" ? .noHostnameVerification : .fullVerification
                tls = .require(try NIOSSLContext(configuration: configuration))
            default:
                throw ConnectorError(code: "connection-invalid", message: "sslmode '\(mode)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
            }
        } catch let error as ConnectorError {
            throw error
        } catch {
            throw ConnectorError(code: "connection-invalid", message: "cannot set up TLS for \(redacted(url)): \(error)")
        }
        let password = url.password?.removingPercentEncoding ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        var configuration = PostgresConnection.Configuration(
            host: host, port: url.port ?? 5432, username: url.user?.removingPercentEncoding ?? "postgres", password: password,
            database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    public func forEachRow(
        of table: TableName, columns: [String], where column: String, matchesAnyOf values: [SQLValue], caseInsensitive: Bool,
        _ body: (Row) -> Void
    ) async throws {
        guard !values.isEmpty else { return }
        let definition = try await definition(of: table)
        let key = try definition.existing(column, in: table)
        let selected = try columns.map { try definition.existing($0, in: table) }
        // Values are bound as one text array, cast to the column's own type so its index serves.
        let target = caseInsensitive ? "lower(\(quote(column))::text) = ANY($1::text[])" : "\(quote(column)) = ANY($1::\(key.type)[])"
        var bindings = PostgresBindings()
        bindings.append(values.compactMap(\.jsonText))
        try await read("WHERE \(target)", bindings, from: table, selected: selected, as: columns, body)
    }

    public func page(of table: TableName, columns: [String], key: [String], after start: [SQLValue]?, limit: Int, within ceilings: [DateCeiling]) async throws -> [Row] {
        let definition = try await definition(of: table)
        let selected = try columns.map { try definition.existing($0, in: table) }
        let keyColumns = try key.map { try definition.existing($0, in: table) }
        // Qualified: a bare name in ORDER BY would sort by the selected column, cast to text
        // (10 before 9), and pages would skip and repeat rows.
        let order = keyColumns.map { "\(table.quoted).\(quote($0.name))" }.joined(separator: ", ")
        var condition = ""
        var bindings = PostgresBindings()
        if let start {
            let placeholders = zip(keyColumns, start).map { column, value -> String in
                if let text = value.jsonText { bindings.append(text) } else { bindings.appendNull() }
                return "$\(bindings.count)::\(column.type)"
            }
            condition = "WHERE (\(order)) > (\(placeholders.joined(separator: ", "))) "
        }
        if !ceilings.isEmpty {
            // Dates as text, whatever the column's type: a DATE or TIMESTAMPTZ reads as ISO 8601
            // (DateStyle ISO); any other style fails the pattern and is let through.
            let cuts = try ceilings.map { ceiling -> String in
                let column = "\(table.quoted).\(quote(try definition.existing(ceiling.column, in: table).name))"
                var cut = "\(column) IS NULL OR \(column)::text !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'"
                if let day = ceiling.day {
                    bindings.append(day)
                    cut += " OR left(\(column)::text, 10) <= $\(bindings.count)"
                }
                return "(\(cut))"
            }
            condition += (condition.isEmpty ? "WHERE " : "AND ") + "(\(cuts.joined(separator: " OR "))) "
        }
        var rows: [Row] = []
        try await read("\(condition)ORDER BY \(order) LIMIT \(max(1, limit))", bindings, from: table, selected: selected, as: columns) { rows.append($0) }
        return rows
    }

    public func sample(of table: TableName, columns: [String], limit: Int) async throws -> [Row] {
        let definition = try await definition(of: table)
        let selected = try columns.map { try definition.existing($0, in: table) }
        var bindings = PostgresBindings()
        bindings.append(max(0, limit))
        var rows: [Row] = []
        try await read("LIMIT $1", bindings, from: table, selected: selected, as: columns) { rows.append($0) }
        return rows
    }

    public func tables(schema: String?) async throws -> [TableName] {
        var bindings = PostgresBindings()
        if let schema { bindings.append(schema) } else { bindings.appendNull() }
        // Ordinary and partitioned tables (not their partitions), outside pg_catalog, pg_toast,
        // the temporary schemas and information_schema.
        let sql = """
            SELECT n.nspname::text, c.relname::text, COALESCE(n.nspname = current_schema(), false)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
            AND ($1::text IS NULL OR n.nspname::text = $1::text)
            ORDER BY 1, 2
            """
        do {
            var tables: [TableName] = []
            for try await (schema, name, isDefault) in try await query(PostgresQuery(unsafeSQL: sql, binds: bindings)).decode((String, String, Bool).self) {
                tables.append(TableName(schema: isDefault ? nil : schema, name: name))
            }
            return tables
        } catch {
            throw ConnectorError(code: "query-failed", message: "listing the tables\(schema.map { " of \($0)" } ?? "") failed: \(Self.describe(error))")
        }
    }

    /// Selects `selected` from `table` with `clause` (its WHERE, ORDER BY...), each value read as
    /// text and typed again from its column, and hands `body` each row under the names `columns`.
    private func read(
        _ clause: String, _ bindings: PostgresBindings, from table: TableName, selected: [TableDescription.Column], as columns: [String],
        _ body: (Row) -> Void
    ) async throws {
        let sql = "SELECT \(selected.map { "\(quote($0.name))::text" }.joined(separator: ", ")) FROM \(table.quoted) \(clause)"
        do {
            for try await row in try await query(PostgresQuery(unsafeSQL: sql, binds: bindings)) {
                let cells = row.makeRandomAccess()
                body(Row(columns: columns, values: try selected.indices.map { index in
                    Self.value(try cells[index].decode(String?.self), type: selected[index].type)
                }))
            }
        } catch {
            throw ConnectorError(code: "query-failed", message: "reading \(table) failed: \(Self.describe(error))")
        }
    }

    /// The definition of `table`, which must exist.
    private func definition(of table: TableName) async throws -> TableDescription {
        guard let definition = try await describe(table) else {
            throw ConnectorError(code: "table-missing", message: "there is no table \(table) in the database")
        }
        return definition
    }

    public func describe(_ table: TableName) async throws -> TableDescription? {
        if let known = definitions[table] { return known }
        var bindings = PostgresBindings()
        if let schema = table.schema { bindings.append(schema) } else { bindings.appendNull() }
        bindings.append(table.name)
        let relation = "(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = COALESCE($1, current_schema()) AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f'))"
        let columnsSQL = """
            SELECT attname::text, format_type(atttypid, atttypmod), NOT attnotnull FROM pg_attribute
            WHERE attrelid = \(relation) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """
        let primarySQL = """
            SELECT a.attname::text FROM pg_index i, unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attnum = k.attnum
            WHERE i.indrelid = \(relation) AND i.indisprimary AND a.attrelid = i.indrelid ORDER BY k.position
            """
        let indexSQL = "SELECT pg_get_indexdef(i.indexrelid, 1, true) FROM pg_index i WHERE i.indrelid = \(relation) AND i.indpred IS NULL AND i.indisvalid"
        do {
            var columns: [TableDescription.Column] = []
            for try await (name, type, nullable) in try await query(PostgresQuery(unsafeSQL: columnsSQL, binds: bindings)).decode((String, String, Bool).self) {
                columns.append(.init(name: name, type: type, nullable: nullable))
            }
            guard !columns.isEmpty else { return nil }
            var primaryKey: [String] = []
            for try await name in try await query(PostgresQuery(unsafeSQL: primarySQL, binds: bindings)).decode(String.self) {
                primaryKey.append(name)
            }
            var leads: Set<String> = []
            for try await lead in try await query(PostgresQuery(unsafeSQL: indexSQL, binds: bindings)).decode(String.self) {
                leads.insert(TableDescription.normalizedLead(lead))
            }
            let definition = TableDescription(columns: columns, primaryKey: primaryKey, indexLeads: leads)
            definitions[table] = definition
            return definition
        } catch {
            throw ConnectorError(code: "query-failed", message: "reading the definition of \(table) failed: \(Self.describe(error))")
        }
    }

    public func apply(_ changes: [RowChange]) async throws {
        var statements: [PostgresQuery] = []
        for batch in RowChange.batched(changes) {
            switch batch {
            case .deleteAll(let table, let column, let values):
                let key = try await definition(of: table).existing(column, in: table)
                var bindings = PostgresBindings()
                bindings.append(values.compactMap(\.jsonText))
                statements.append(PostgresQuery(unsafeSQL: "DELETE FROM \(table.quoted) WHERE \(quote(key.name)) = ANY($1::\(key.type)[])", binds: bindings))
            case .one(let change):
                let definition = try await definition(of: change.table)
                var bindings = PostgresBindings()
                func placeholder(_ assignment: RowChange.Assignment) throws -> String {
                    let column = try definition.existing(assignment.column, in: change.table)
                    if let text = assignment.value.jsonText { bindings.append(text) } else { bindings.appendNull() }
                    return "\(quote(column.name)) = $\(bindings.count)::\(column.type)"
                }
                switch change.kind {
                case .delete:
                    let condition = try change.key.map(placeholder).joined(separator: " AND ")
                    statements.append(PostgresQuery(unsafeSQL: "DELETE FROM \(change.table.quoted) WHERE \(condition)", binds: bindings))
                case .update(let assignments):
                    let set = try assignments.map(placeholder).joined(separator: ", ")
                    let condition = try change.key.map(placeholder).joined(separator: " AND ")
                    statements.append(PostgresQuery(unsafeSQL: "UPDATE \(change.table.quoted) SET \(set) WHERE \(condition)", binds: bindings))
                }
            }
        }
        // One transaction, written here rather than with PostgresNIO's, so that each statement,
        // the ROLLBACK after a failure included, goes through query(_:), which a closed
        // connection fails.
        do {
            try await execute("BEGIN")
        } catch {
            throw ConnectorError(code: "write-failed", message: "changing rows failed, nothing was changed: \(Self.describe(error))")
        }
        do {
            for statement in statements { try await execute(statement) }
        } catch {
            // A closed connection rolls back on the server's side.
            try? await execute("ROLLBACK")
            throw ConnectorError(code: "write-failed", message: "changing rows failed, nothing was changed: \(Self.describe(error))")
        }
        do {
            try await execute("COMMIT")
        } catch {
            // The server may or may not have committed: the caller's read-back decides.
            throw ConnectorError(code: "commit-unknown", message: "the commit did not answer, so whether the rows changed is unknown: \(Self.describe(error))")
        }
    }

    /// A value read as text, typed again from the column's type: integers and floating-point
    /// numbers as numbers, everything else (numeric, dates, booleans, JSON) as PostgreSQL writes it.
    static func value(_ text: String?, type: String) -> SQLValue {
        guard let text else { return .null }
        switch type {
        case "smallint", "integer", "bigint": return Int64(text).map(SQLValue.integer) ?? .text(text)
        case "real", "double precision": return Double(text).map(SQLValue.real) ?? .text(text)
        default: return .text(text)
        }
    }

    /// A server error's message and SQLSTATE, without the query's bound values.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
        return message + state
    }
}

/// The promises of the queries a connector is starting, each failed when its connection closes;
/// once closed, no more are taken.
private final class StartingQueries: Sendable {
    private let state = Mutex<(next: Int, open: [Int: EventLoopPromise<PostgresRowSequence>], isClosed: Bool)>((0, [:], false))

    /// Takes `promise`, or nil when the connection is closed already.
    func add(_ promise: EventLoopPromise<PostgresRowSequence>) -> Int? {
        state.withLock { state in
            guard !state.isClosed else { return nil }
            state.next += 1
            state.open[state.next] = promise
            return state.next
        }
    }

    func remove(_ ticket: Int) {
        _ = state.withLock { $0.open.removeValue(forKey: ticket) }
    }

    /// Fails every promise still open: a query already answered ignores it.
    func closed() {
        let open = state.withLock { state in
            state.isClosed = true
            return Array(state.open.values)
        }
        for promise in open { promise.fail(PostgresConnector.closedError) }
    }
}

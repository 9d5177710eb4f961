import RegistreCore

/// A database of the company's, read and changed on behalf of data subjects. Every value is a
/// bound parameter; every table and column name comes from a dataset file and is quoted.
public protocol Connector: Sendable {
    /// Hands `body` each row of `table` whose `column` holds one of `values`, with `columns`
    /// only, as the database returns it: the rows are never gathered, so a value matching
    /// 100,000 rows costs the memory of one. Callers give at most ``maximumBatch`` values at a time.
    func forEachRow(
        of table: TableName, columns: [String], where column: String, matchesAnyOf values: [SQLValue], caseInsensitive: Bool,
        _ body: (Row) -> Void
    ) async throws

    /// At most `limit` rows of `table` in the order of the columns `key` (a primary key), those
    /// after `start` (the key's values of the last row of the page before; nil for the first
    /// page), with `columns` only: a table read a page at a time, so that changes can be
    /// written between pages on the same connection and a run can stop and resume anywhere.
    /// Only rows meeting one of `ceilings` when any is given (a retention plan's first cut,
    /// made by the database).
    func page(of table: TableName, columns: [String], key: [String], after start: [SQLValue]?, limit: Int, within ceilings: [DateCeiling]) async throws -> [Row]

    /// What the database says about `table`: its columns, primary key and indexes; nil when
    /// there is no such table.
    func describe(_ table: TableName) async throws -> TableDescription?

    /// The ordinary tables of `schema` (PostgreSQL) or attached database (SQLite), or of every
    /// schema but the system's when nil, sorted by schema and name: what a column scan reads.
    /// A table of the connection's default schema (PostgreSQL's `current_schema()`, SQLite's
    /// `main`) comes with no schema, as a dataset that names none refers to it; the others with
    /// theirs. Partitions are left out: their partitioned table stands for them.
    func tables(schema: String?) async throws -> [TableName]

    /// At most `limit` rows of `table`, with `columns` only, in whatever order the database
    /// reads them first: a bounded sample for classifying the columns, never the whole table.
    func sample(of table: TableName, columns: [String], limit: Int) async throws -> [Row]

    /// Applies `changes` in one transaction: all of them or none. Fails on a connector opened
    /// read-only.
    func apply(_ changes: [RowChange]) async throws
}

extension Connector {
    /// Every row of `table`, a page at a time.
    public func page(of table: TableName, columns: [String], key: [String], after start: [SQLValue]?, limit: Int) async throws -> [Row] {
        try await page(of: table, columns: columns, key: key, after: start, limit: limit, within: [])
    }
}

/// Rows whose date in `column` may have come by `day`: NULL, not written as an ISO 8601 date
/// (`'le mois dernier'`, a number, another date style), or starting with a calendar day no later
/// than `day`. A first cut the database makes, wider than what is due: the rows it lets through
/// are judged one by one, the others cannot be due (nor flagged).
public struct DateCeiling: Sendable, Hashable {
    public var column: String
    /// `YYYY-MM-DD`; nil lets only NULL and not-a-date values through.
    public var day: String?

    public init(column: String, day: String?) {
        self.column = column
        self.day = day
    }
}

/// One row deleted or updated, found by its primary key.
public struct RowChange: Sendable, Hashable {
    /// What happens to the row.
    public enum Kind: Sendable, Hashable {
        case delete
        /// New values for some of its columns.
        case update([Assignment])
    }

    /// A column and its new value.
    public struct Assignment: Sendable, Hashable {
        public var column: String
        public var value: SQLValue

        public init(column: String, value: SQLValue) {
            self.column = column
            self.value = value
        }
    }

    public var table: TableName
    /// The primary key's columns and the row's values for them.
    public var key: [Assignment]
    public var kind: Kind

    public init(table: TableName, key: [Assignment], kind: Kind) {
        self.table = table
        self.key = key
        self.kind = kind
    }

    /// A row's key as messages name it: `order_id=101, line_no=2`.
    static func describe(_ key: [Assignment]) -> String {
        key.map { "\($0.column)=\($0.value.jsonText ?? "null")" }.joined(separator: ", ")
    }
}

/// A table as the database defines it, for `registre datasets check`.
public struct TableDescription: Sendable, Hashable {
    /// A column and the type the database gives it (`INTEGER`, `character varying(255)`).
    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: String
        /// False for a `NOT NULL` column.
        public var nullable: Bool

        public init(name: String, type: String, nullable: Bool) {
            self.name = name
            self.type = type
            self.nullable = nullable
        }

        /// True when the column holds text by its declared type (`TEXT`, `VARCHAR(n)`,
        /// `character varying(n)`, `citext`; an SQLite column with no type takes anything).
        public var isTextual: Bool {
            let type = type.lowercased()
            return type.isEmpty || ["char", "text", "clob", "string"].contains { type.contains($0) }
        }

        /// True when the column holds integers by its declared type.
        public var isInteger: Bool {
            let base = type.lowercased().split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            return ["int", "integer", "bigint", "smallint", "tinyint", "mediumint", "int2", "int4", "int8", "unsigned big int"].contains(base)
        }

        /// True when the column holds numbers of any kind by its declared type.
        public var isNumeric: Bool {
            let type = type.lowercased()
            return isInteger || (!isTextual && ["num", "dec", "real", "double", "float", "money"].contains { type.contains($0) })
        }

        /// The maximum length a textual column declares (`VARCHAR(20)`), if any.
        public var maximumLength: Int? {
            guard isTextual, let open = type.firstIndex(of: "("), let close = type.lastIndex(of: ")"), open < close else { return nil }
            return Int(type[type.index(after: open)..<close].trimmingCharacters(in: .whitespaces))
        }
    }

    /// The columns, in the table's order.
    public var columns: [Column]
    /// The primary key's columns; empty when the table has none.
    public var primaryKey: [String]
    /// The leading key of each index, normalised by ``normalizedLead(_:)``: a column name
    /// (`email`) or an expression (`lower(email)`).
    public var indexLeads: Set<String>

    /// Creates a description.
    public init(columns: [Column], primaryKey: [String], indexLeads: Set<String>) {
        self.columns = columns
        self.primaryKey = primaryKey
        self.indexLeads = indexLeads
    }

    /// The column named `name`.
    public func column(_ name: String) -> Column? {
        columns.first { $0.name == name }
    }

    /// The column named `name`, which `table` must have.
    func existing(_ name: String, in table: TableName) throws -> Column {
        guard let column = column(name) else { throw ConnectorError(code: "column-missing", message: "table \(table) has no column \(name)") }
        return column
    }

    /// True when a lookup on `column` (through `lower()` when `caseInsensitive`) can use an index.
    public func isIndexed(_ column: String, caseInsensitive: Bool) -> Bool {
        let name = Self.normalizedLead(column)
        return indexLeads.contains(caseInsensitive ? "lower(\(name))" : name)
    }

    /// An index's leading key as the database prints it, compared without case, quotes,
    /// spaces, casts to text, collation or order: `"Email" COLLATE NOCASE DESC` is `email`,
    /// `lower((email)::text)` is `lower(email)`.
    public static func normalizedLead(_ text: String) -> String {
        var lead = text.lowercased().replacingOccurrences(of: "::text", with: "")
        lead.removeAll { $0 == "\"" || $0 == "`" || $0 == "[" || $0 == "]" }
        if let collate = lead.range(of: " collate ") { lead = String(lead[..<collate.lowerBound]) }
        for suffix in [" asc", " desc"] where lead.hasSuffix(suffix) { lead = String(lead.dropLast(suffix.count)) }
        lead.removeAll { $0 == " " }
        while lead.hasPrefix("("), lead.hasSuffix(")") { lead = String(lead.dropFirst().dropLast()) }
        lead = lead.replacingOccurrences(of: "((", with: "(").replacingOccurrences(of: "))", with: ")")
        return lead
    }
}

/// Values per query: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
public let maximumBatch = 500

extension RowChange {
    /// `changes` with the deletions of rows by a one-column key gathered, in the order they come,
    /// into groups of at most ``maximumBatch`` from one table: each group is one `DELETE ...
    /// WHERE key IN (...)`, where a row at a time would cost a statement per row.
    static func batched(_ changes: [RowChange]) -> [Batch] {
        var batches: [Batch] = []
        // The group being gathered, kept out of `batches` so that appending to it copies nothing.
        var open: (table: TableName, column: String, values: [SQLValue])?
        func close() {
            if let group = open { batches.append(.deleteAll(group.table, column: group.column, values: group.values)) }
            open = nil
        }
        for change in changes {
            guard change.kind == .delete, let key = change.key.first, change.key.count == 1 else {
                close()
                batches.append(.one(change))
                continue
            }
            if open?.table == change.table, open?.column == key.column, (open?.values.count ?? maximumBatch) < maximumBatch {
                open?.values.append(key.value)
            } else {
                close()
                open = (change.table, key.column, [key.value])
            }
        }
        close()
        return batches
    }

    /// One statement of a transaction.
    enum Batch {
        /// A change of its own.
        case one(RowChange)
        /// The rows of `table` whose `column` holds one of `values`, deleted.
        case deleteAll(TableName, column: String, values: [SQLValue])
    }
}

extension Connector {
    /// The rows of `table` whose `column` holds one of `values` (at most ``maximumBatch``), with
    /// `columns` only.
    func rows(of table: TableName, columns: [String], where column: String, matchesAnyOf values: [SQLValue], caseInsensitive: Bool) async throws -> [Row] {
        var rows: [Row] = []
        try await forEachRow(of: table, columns: columns, where: column, matchesAnyOf: values, caseInsensitive: caseInsensitive) { rows.append($0) }
        return rows
    }

    /// Hands `body` each row of `table` whose `column` holds one of `values`, however many: a
    /// query per batch of at most ``maximumBatch`` values, each counted in `queries`.
    func forEachRow(
        of table: TableName, columns: [String], where column: String, matchingAnyOf values: [SQLValue], caseInsensitive: Bool, queries: inout Int,
        _ body: (Row) -> Void
    ) async throws {
        for start in stride(from: 0, to: values.count, by: maximumBatch) {
            queries += 1
            try await forEachRow(
                of: table, columns: columns, where: column, matchesAnyOf: Array(values[start..<min(start + maximumBatch, values.count)]),
                caseInsensitive: caseInsensitive, body)
        }
    }

    /// The rows of `table` whose `column` holds one of `values`, however many, a query per batch.
    func rows(
        of table: TableName, columns: [String], where column: String, matchingAnyOf values: [SQLValue], caseInsensitive: Bool, queries: inout Int
    ) async throws -> [Row] {
        var rows: [Row] = []
        try await forEachRow(of: table, columns: columns, where: column, matchingAnyOf: values, caseInsensitive: caseInsensitive, queries: &queries) {
            rows.append($0)
        }
        return rows
    }

    /// The rows of `collection` (in `schema`) whose primary keys are among `keys`, each under its
    /// key, read as they are now: what erasure, rectification and retention read back after their
    /// changes. `keysOnly` reads the key's columns alone (enough to see rows are gone).
    func currentRows(of collection: DatasetCollection, schema: String?, keys: [[RowChange.Assignment]], keysOnly: Bool = false) async throws -> [[SQLValue]: Row] {
        guard let first = collection.primaryKey.first else { return [:] }
        var queries = 0
        let values = Array(Set(keys.compactMap { $0.first?.value }))
        let rows = try await rows(
            of: TableName(schema: schema, name: collection.name), columns: keysOnly ? collection.primaryKey.map(\.name) : collection.fields.map(\.name),
            where: first.name, matchingAnyOf: values, caseInsensitive: false, queries: &queries)
        return Dictionary(rows.map { (SubjectFinder.key(of: $0, in: collection), $0) }, uniquingKeysWith: { _, last in last })
    }
}

/// What a changed row must show when it is read back: erasure, rectification and retention
/// never report a change the database does not hold.
struct ReadBack {
    /// What the row must show.
    enum Expected {
        /// Deleted: the row is gone.
        case gone
        /// Masked: these fields no longer hold these old values (NULL passes); a row gone since
        /// (a cascade) passes too.
        case without([String: SQLValue])
        /// Written: these fields hold these values; with `rowRequired`, a row gone is a failure.
        case holding([String: SQLValue], rowRequired: Bool)
    }

    var key: [RowChange.Assignment]
    var expected: Expected
}

extension Connector {
    /// Reads `rows` of `collection` back, a batch of keys per query (the keys alone when every
    /// row must be gone), and says, for each that does not show its change, what and where;
    /// `change` names it in messages (`rectification`).
    func readBack(_ rows: [ReadBack], of collection: DatasetCollection, schema: String?, change: String) async throws -> [String] {
        let keysOnly = rows.allSatisfy { if case .gone = $0.expected { true } else { false } }
        let current = try await currentRows(of: collection, schema: schema, keys: rows.map(\.key), keysOnly: keysOnly)
        var failures: [String] = []
        for row in rows {
            let now = current[row.key.map(\.value)]
            let place = "row (\(RowChange.describe(row.key)))"
            switch row.expected {
            case .gone:
                if now != nil { failures.append("\(collection.name) \(place) is still there after its deletion") }
            case .without(let old):
                guard let now else { continue }
                for (field, value) in old.sorted(by: { $0.key < $1.key }) {
                    let current = now[field] ?? .null
                    if current != .null, current.isSame(as: value) { failures.append("\(collection.name).\(field) of \(place) still holds its old value") }
                }
            case .holding(let values, let rowRequired):
                guard let now else {
                    if rowRequired { failures.append("\(collection.name) \(place) is gone after its \(change)") }
                    continue
                }
                for (field, value) in values.sorted(by: { $0.key < $1.key }) where !(now[field] ?? .null).isSame(as: value) {
                    failures.append("\(collection.name).\(field) of \(place) does not hold its new value")
                }
            }
        }
        return failures
    }
}

/// A table, with the schema it is in when the dataset names one.
public struct TableName: Sendable, Hashable, CustomStringConvertible {
    /// The schema (PostgreSQL) or attached database (SQLite); nil for the default.
    public var schema: String?
    /// The table.
    public var name: String

    /// Creates a name.
    public init(schema: String?, name: String) {
        self.schema = schema
        self.name = name
    }

    public var description: String { schema.map { "\($0).\(name)" } ?? name }

    /// The name quoted for SQL.
    public var quoted: String { schema.map { "\(quote($0)).\(quote(name))" } ?? quote(name) }
}

/// An identifier quoted for SQL: `"name"`, with any `"` doubled, so a dataset file cannot
/// inject SQL through a table or column name.
public func quote(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// A value read from or written to a database.
public enum SQLValue: Sendable, Hashable, Comparable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The value as JSON would show it.
    public var jsonText: String? {
        switch self {
        case .null: nil
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        case .blob(let bytes): Hex.string(bytes)
        }
    }

    /// True when two values are the same as the database would compare them: equal as text, or
    /// as numbers (`0` and `0.00`).
    public func isSame(as other: SQLValue) -> Bool {
        if self == other { return true }
        guard let x = jsonText, let y = other.jsonText else { return false }
        if x == y { return true }
        if let u = Double(x), let v = Double(y) { return u == v }
        return false
    }

    public static func < (lhs: SQLValue, rhs: SQLValue) -> Bool {
        switch (lhs, rhs) {
        case let (.integer(a), .integer(b)): a < b
        case let (.real(a), .real(b)): a < b
        case let (.text(a), .text(b)): a < b
        default: lhs.rank < rhs.rank || (lhs.rank == rhs.rank && (lhs.jsonText ?? "") < (rhs.jsonText ?? ""))
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .integer: 1
        case .real: 2
        case .text: 3
        case .blob: 4
        }
    }
}

/// One row: the selected columns in order, with their values.
public struct Row: Sendable, Hashable {
    /// Column names, in the order selected.
    public var columns: [String]
    /// Values, in the same order.
    public var values: [SQLValue]

    /// Creates a row.
    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of `column`.
    public subscript(column: String) -> SQLValue? {
        columns.firstIndex(of: column).map { values[$0] }
    }
}

/// A connector failure the caller can report: what and where, without personal data.
public struct ConnectorError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier, such as `connection-failed`.
    public var code: String
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}

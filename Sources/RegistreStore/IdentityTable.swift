import GRDB
import Logging
import PostgresNIO

/// A side table holding the keyed hashes of the identities a register's rows are about
/// (`identity_hash`, plus the row's key), so any of a person's identities finds their rows:
/// processing limits and post-mortem directives. Both back ends build their SQL from it.
struct IdentityTable: Sendable {
    /// The side table.
    let name: String
    /// Its column holding the row's id.
    let key: String

    static let limits = IdentityTable(name: "processing_limit_identity", key: "limit_id")
    static let directives = IdentityTable(name: "post_mortem_directive_identity", key: "directive_id")

    /// The hashes of row `id` (a placeholder or a column) in the order they are read back.
    func selectHashes(of id: String) -> String {
        "SELECT identity_hash FROM \(name) WHERE \(key) = \(id) ORDER BY identity_hash"
    }

    /// The ids of rows by identity hash; the caller adds the comparison (`IN (?, ?)`, `= ANY(...)`).
    var idsWhereHash: String { "SELECT \(key) FROM \(name) WHERE identity_hash" }
}

extension SQLiteStore {
    /// Stores `hashes` as the identities of row `id` of a register.
    static func insert(_ hashes: [String], of id: Int64, into table: IdentityTable, _ db: Database) throws {
        for hash in Set(hashes) {
            try db.execute(sql: "INSERT INTO \(table.name) (identity_hash, \(table.key)) VALUES (?, ?)", arguments: [hash, id])
        }
    }

    /// The identity hashes of row `id` of a register.
    static func hashes(of id: Int64, in table: IdentityTable, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: table.selectHashes(of: "?"), arguments: [id])
    }

    /// The ids of a register's rows about one of `hashes` (bound as that many arguments).
    static func ids(in table: IdentityTable, matching hashes: [String]) -> String {
        "\(table.idsWhereHash) IN (\(Array(repeating: "?", count: hashes.count).joined(separator: ", ")))"
    }
}

extension PostgresStore {
    /// Stores `hashes` as the identities of row `id` of a register.
    static func insert(_ hashes: [String], of id: Int64, into table: IdentityTable, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "INSERT INTO \(unescaped: table.name) (identity_hash, \(unescaped: table.key)) SELECT unnest(\(Array(Set(hashes)))::text[]), \(id)", logger: logger)
    }
}

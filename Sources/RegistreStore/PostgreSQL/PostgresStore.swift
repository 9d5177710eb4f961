import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The shared store: PostgreSQL through postgres-nio, for several stateless Registre servers.
/// Writes to the audit chain serialise on the chain's head row (`SELECT ... FOR UPDATE`), so
/// servers never fork the chain. Run it as a `Service` (its connection pool) beside the server.
public final class PostgresStore: RegistreStore, Service {
    let client: PostgresClient
    let logger: Logger
    /// The months of the consent ledger this server knows have their partition.
    let partitions = Mutex<Set<MonthPartition>>([])

    /// How many connections a store keeps open at most unless told otherwise. PostgreSQL's advice
    /// is about twice its cores; postgres-nio's default of 20 made the consent state's reads 20%
    /// slower on two cores (more backends and more switching between them for the same work).
    public static let defaultMaximumConnections = 8

    /// Creates a store from a `postgres://user:password@host:port/database` URL, with at most
    /// `maximumConnections` connections open (a query beyond them waits for one).
    public init(url: URL, logger: Logger, maximumConnections: Int = defaultMaximumConnections) throws {
        guard let host = url.host, !host.isEmpty else {
            throw StoreError(code: "postgres-url", message: "the PostgreSQL URL needs a host: postgres://user@host:5432/database")
        }
        guard maximumConnections >= 1 else {
            throw StoreError(code: "postgres-connections", message: "a PostgreSQL store needs at least one connection, not \(maximumConnections)")
        }
        let database = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.maximumConnections = maximumConnections
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs `body` in a transaction; an error `body` throws comes out as itself, not wrapped.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> sending T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError { throw inner }
            throw error
        }
    }

    /// Runs the connection pool until cancelled.
    public func run() async throws {
        await client.run()
    }

    public func migrate() async throws {
        try await migrate(stoppingAfter: nil)
    }

    /// Applies the migrations not yet applied, up to `last` (the tests stop early to check what a
    /// later one does to data stored before it).
    func migrate(stoppingAfter last: String?) async throws {
        let migrations = last.flatMap { name in Self.migrations.firstIndex { $0.name == name } }.map { Self.migrations[...$0] } ?? Self.migrations[...]
        try await transaction { connection in
            // One server migrates at a time; the others wait for the lock, then find nothing to do.
            try await connection.query("SELECT pg_advisory_xact_lock(727210461)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS registre_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                logger: logger)
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM registre_migration", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for (name, statements) in migrations where !applied.contains(name) {
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO registre_migration (name) VALUES (\(name))", logger: logger)
            }
        }
        if migrations.contains(where: { $0.name == "3-consent-ledger-by-month" }) { try await ensureComingPartitions() }
    }

    public func appendConsents(_ drafts: [ConsentDraft]) async throws -> [ConsentRecord] {
        try await ensurePartitions(for: drafts.map(\.receivedAt))
        let logger = self.logger
        return try await transaction { connection in
            // The head is locked once per batch, the batch's entries chained in memory, and the
            // three tables written by one statement: a batch costs four round trips (with BEGIN
            // and COMMIT), not two per consent.
            var head = try await Self.lockAuditHead(on: connection, logger: logger)
            var entries: [AuditEntry] = []
            for draft in drafts {
                let entry = AuditChain.entry(after: head, draft: ConsentLedgerAudit.draft(for: draft))
                entries.append(entry)
                head = (entry.sequence, entry.hash)
            }
            guard let last = entries.last else { return [] }
            // The audit entries, the chain's head and the records in one statement (the foreign
            // key from records to entries is checked at its end, when both are in).
            var binds = PostgresBindings(capacity: drafts.count * 24 + 2)
            Self.appendAuditBindings(entries, to: &binds)
            binds.append(last.sequence)
            binds.append(last.hash)
            for (draft, entry) in zip(drafts, entries) {
                binds.append(draft.subjectHash)
                binds.append(draft.subjectKind)
                binds.append(draft.method.rawValue)
                binds.append(JSONList.encode(draft.granted))
                binds.append(JSONList.encode(draft.refused))
                binds.append(draft.bannerID)
                binds.append(draft.bannerHash)
                binds.append(draft.policyVersion)
                binds.append(draft.language)
                binds.append(draft.pageURL)
                binds.append(draft.receivedAt.millisecondsSince1970)
                binds.append(draft.expiresAt.millisecondsSince1970)
                binds.append(draft.refusalExpiresAt.millisecondsSince1970)
                binds.append(draft.addressPrefix)
                binds.append(draft.userAgent)
                binds.append(entry.sequence)
            }
            let headParameter = entries.count * 8 + 1
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        WITH audit AS (
                          INSERT INTO audit_entry (\(AuditEntry.columns)) VALUES \(Self.placeholders(rows: entries.count, columns: 8))
                        ), head AS (
                          UPDATE audit_head SET sequence = $\(headParameter), hash = $\(headParameter + 1) WHERE id = 1
                        )
                        INSERT INTO consent_record (\(ConsentRecord.insertedColumns))
                        VALUES \(Self.placeholders(rows: drafts.count, columns: 16, from: headParameter + 2))
                        RETURNING id, audit_sequence
                        """, binds: binds),
                logger: logger)
            // Each record is matched to its consent by its audit entry, whatever order the rows come back in.
            var ids: [Int64: Int64] = [:]
            for try await (id, sequence) in rows.decode((Int64, Int64).self) { ids[sequence] = id }
            return try zip(drafts, entries).map { draft, entry in
                guard let id = ids[entry.sequence] else {
                    throw StoreError(code: "not-stored", message: "PostgreSQL returned no id for the consent of audit entry \(entry.sequence)")
                }
                return ConsentRecord(id: id, draft: draft, auditSequence: entry.sequence)
            }
        }
    }

    /// `($1, $2), ($3, $4)`: the placeholders of a multi-row `VALUES`, numbered from `first`.
    static func placeholders(rows: Int, columns: Int, from first: Int = 1) -> String {
        (0..<rows).map { row in "(" + (0..<columns).map { "$\(first + row * columns + $0)" }.joined(separator: ", ") + ")" }.joined(separator: ", ")
    }

    public func consentHistory(subjectHash: String) async throws -> [ConsentRecord] {
        let rows = try await client.query(
            "SELECT \(unescaped: ConsentRecord.columns) FROM consent_record WHERE subject_hash = \(subjectHash) ORDER BY id", logger: logger)
        var records: [ConsentRecord] = []
        for try await row in rows { records.append(try Self.consentRecord(row)) }
        return records
    }

    public func latestConsents(subjectHash: String, covering purposes: Set<String>) async throws -> [ConsentRecord] {
        // The newest few records usually cover every purpose; the whole history is read only
        // when they do not.
        let first = 8
        var records: [ConsentRecord] = []
        var uncovered = purposes
        let rows = try await client.execute(NewestConsents(subjectHash: subjectHash, limit: Int64(first)), logger: logger)
        for try await row in rows where !uncovered.isEmpty {
            let record = try Self.consentRecord(row)
            records.append(record)
            uncovered.removePurposes(of: record)
        }
        if uncovered.isEmpty || records.count < first { return records }
        return try await consentHistory(subjectHash: subjectHash).reversed()
    }

    /// The newest records of a subject: the consent state's read, prepared once per connection
    /// (PostgreSQL parsed and planned it on every read, across the ledger's monthly partitions).
    struct NewestConsents: PostgresPreparedStatement {
        static let sql = "SELECT \(ConsentRecord.columns) FROM consent_record WHERE subject_hash = $1 ORDER BY id DESC LIMIT $2"
        static let bindingDataTypes: [PostgresDataType] = [.text, .int8]
        var subjectHash: String
        var limit: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(subjectHash)
            bindings.append(limit)
            return bindings
        }

        /// The row as it came: only the rows needed to cover every purpose are decoded.
        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    /// A record from a row of `ConsentRecord.columns`, read in their order (by name, each cell
    /// cost a copy of the row's cells and a dictionary lookup).
    static func consentRecord(_ row: PostgresRow) throws -> ConsentRecord {
        var cells = row.makeIterator()
        func next<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
            guard let cell = cells.next() else {
                throw StoreError(code: "postgres-row", message: "a consent record row from PostgreSQL has fewer columns than ConsentRecord.columns")
            }
            return try cell.decode(T.self)
        }
        let id: Int64 = try next()
        let draft = ConsentDraft(
            subjectHash: try next(), subjectKind: try next(),
            method: ConsentMethod(rawValue: try next(String.self)) ?? .save,
            granted: JSONList.decode(try next()), refused: JSONList.decode(try next()),
            bannerID: try next(), bannerHash: try next(), policyVersion: try next(), language: try next(), pageURL: try next(),
            receivedAt: Date(millisecondsSince1970: try next()), expiresAt: Date(millisecondsSince1970: try next()),
            refusalExpiresAt: Date(millisecondsSince1970: try next()), addressPrefix: try next(), userAgent: try next())
        return ConsentRecord(id: id, draft: draft, auditSequence: try next())
    }

    public func registerBanner(_ banner: BannerVersion) async throws {
        try await client.query(
            """
            INSERT INTO banner_version (hash, banner_id, policy_version, language, content, first_served_at)
            VALUES (\(banner.hash), \(banner.id), \(banner.policyVersion), \(banner.language), \(banner.content), \(banner.firstServedAt.millisecondsSince1970))
            ON CONFLICT (hash) DO NOTHING
            """, logger: logger)
    }

    public func banner(hash: String) async throws -> BannerVersion? {
        let rows = try await client.query(
            "SELECT banner_id, hash, policy_version, language, content, first_served_at FROM banner_version WHERE hash = \(hash)", logger: logger)
        for try await (id, hash, version, language, content, served) in rows.decode((String, String, String, String, String, Int64).self) {
            return BannerVersion(id: id, hash: hash, policyVersion: version, language: language, content: content, firstServedAt: Date(millisecondsSince1970: served))
        }
        return nil
    }

    public func createToken(name: String, tokenHash: String, actor: String) async throws {
        let logger = self.logger
        let now = Date()
        try await transaction { connection in
            let existing = try await connection.query("SELECT 1 FROM api_token WHERE name = \(name)", logger: logger)
            for try await _ in existing {
                throw StoreError(code: "token-exists", message: "a token named '\(name)' already exists")
            }
            try await connection.query(
                "INSERT INTO api_token (name, token_hash, created_at) VALUES (\(name), \(tokenHash), \(now.millisecondsSince1970))", logger: logger)
            _ = try await Self.appendAudit(
                AuditDraft(actor: actor, action: "token.created", subject: nil, payload: JSONList.object(["name": name]), recordedAt: now),
                on: connection, logger: logger)
        }
    }

    public func revokeToken(name: String, actor: String) async throws -> Bool {
        let logger = self.logger
        let now = Date()
        return try await transaction { connection in
            let rows = try await connection.query(
                "UPDATE api_token SET revoked_at = \(now.millisecondsSince1970) WHERE name = \(name) AND revoked_at IS NULL RETURNING name",
                logger: logger)
            var revoked = false
            for try await _ in rows { revoked = true }
            guard revoked else { return false }
            _ = try await Self.appendAudit(
                AuditDraft(actor: actor, action: "token.revoked", subject: nil, payload: JSONList.object(["name": name]), recordedAt: now),
                on: connection, logger: logger)
            return true
        }
    }

    public func tokens() async throws -> [APIToken] {
        let rows = try await client.query("SELECT name, created_at, revoked_at FROM api_token ORDER BY name", logger: logger)
        var tokens: [APIToken] = []
        for try await (name, created, revoked) in rows.decode((String, Int64, Int64?).self) {
            tokens.append(APIToken(name: name, createdAt: Date(millisecondsSince1970: created), revokedAt: revoked.map(Date.init(millisecondsSince1970:))))
        }
        return tokens
    }

    public func activeToken(hash: String) async throws -> APIToken? {
        let rows = try await client.query(
            "SELECT name, created_at FROM api_token WHERE token_hash = \(hash) AND revoked_at IS NULL", logger: logger)
        for try await (name, created) in rows.decode((String, Int64).self) {
            return APIToken(name: name, createdAt: Date(millisecondsSince1970: created))
        }
        return nil
    }

    public func appendAudit(_ draft: AuditDraft) async throws -> AuditEntry {
        let logger = self.logger
        return try await transaction { connection in
            try await Self.appendAudit(draft, on: connection, logger: logger)
        }
    }

    public func auditEntries(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        let rows = try await client.query(
            """
            SELECT sequence, recorded_at, actor, action, subject, payload, previous_hash, hash FROM audit_entry
            WHERE sequence > \(sequence) ORDER BY sequence LIMIT \(limit)
            """, logger: logger)
        var entries: [AuditEntry] = []
        for try await (sequence, recorded, actor, action, subject, payload, previous, hash)
            in rows.decode((Int64, Int64, String, String, String?, String, String, String).self) {
            entries.append(AuditEntry(
                sequence: sequence,
                draft: AuditDraft(actor: actor, action: action, subject: subject, payload: payload, recordedAt: Date(millisecondsSince1970: recorded)),
                previousHash: previous, hash: hash))
        }
        return entries
    }

    /// Appends to the chain inside the caller's transaction. Locking the head row makes
    /// concurrent transactions, from this server or another, take their turn.
    static func appendAudit(_ draft: AuditDraft, on connection: PostgresConnection, logger: Logger) async throws -> AuditEntry {
        let entry = try await insertAudit(draft, after: lockAuditHead(on: connection, logger: logger), on: connection, logger: logger)
        try await moveAuditHead(to: entry, on: connection, logger: logger)
        return entry
    }

    /// Locks the chain's head row until the transaction ends and returns the last entry.
    static func lockAuditHead(on connection: PostgresConnection, logger: Logger) async throws -> (sequence: Int64, hash: String)? {
        var head: (sequence: Int64, hash: String)?
        let rows = try await connection.query("SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE", logger: logger)
        for try await (sequence, hash) in rows.decode((Int64, String).self) where sequence > 0 {
            head = (sequence, hash)
        }
        return head
    }

    /// Inserts the entry that follows `head`; the caller holds the head's lock.
    static func insertAudit(
        _ draft: AuditDraft, after head: (sequence: Int64, hash: String)?, on connection: PostgresConnection, logger: Logger
    ) async throws -> AuditEntry {
        let entry = AuditChain.entry(after: head, draft: draft)
        try await insertAudits([entry], on: connection, logger: logger)
        return entry
    }

    /// Inserts entries already chained (each after the one before it, the first after the head
    /// the caller holds locked), in one statement.
    static func insertAudits(_ entries: [AuditEntry], on connection: PostgresConnection, logger: Logger) async throws {
        var binds = PostgresBindings(capacity: entries.count * 8)
        appendAuditBindings(entries, to: &binds)
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO audit_entry (\(AuditEntry.columns)) VALUES \(placeholders(rows: entries.count, columns: 8))
                    """, binds: binds),
            logger: logger)
    }

    /// The eight values of each entry, in the order of ``AuditEntry/columns``.
    static func appendAuditBindings(_ entries: [AuditEntry], to binds: inout PostgresBindings) {
        for entry in entries {
            binds.append(entry.sequence)
            binds.append(entry.draft.recordedAt.millisecondsSince1970)
            binds.append(entry.draft.actor)
            binds.append(entry.draft.action)
            binds.append(entry.draft.subject)
            binds.append(entry.draft.payload)
            binds.append(entry.previousHash)
            binds.append(entry.hash)
        }
    }

    /// Records `entry` as the chain's new head.
    static func moveAuditHead(to entry: AuditEntry, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("UPDATE audit_head SET sequence = \(entry.sequence), hash = \(entry.hash) WHERE id = 1", logger: logger)
    }
}

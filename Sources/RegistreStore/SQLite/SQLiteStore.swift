import Foundation
import GRDB
import GRDBSQLite

/// The embedded store: one SQLite file in WAL mode, through GRDB. Every write is one transaction
/// with `synchronous = FULL`, so a consent answered with 2xx survives the process being killed
/// right after; ``GroupCommitter`` batches concurrent writes into one transaction and one fsync.
public final class SQLiteStore: RegistreStore {
    let pool: DatabasePool
    /// Reads on the caller's thread (see ``SQLiteReaders``); writes go through the pool's writer.
    let readers: SQLiteReaders
    /// Copies the log into the database file off the writer's thread.
    private let checkpointer: SQLiteCheckpointer

    /// Opens (or creates) the database file at `path`.
    public convenience init(path: String) throws {
        try self.init(path: path, checkpointer: SQLiteCheckpointer(path: path))
    }

    /// Opens the file with a checkpointer of the caller's (tests use small logs).
    init(path: String, checkpointer: SQLiteCheckpointer) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // WAL with FULL: a commit is on disk before the write returns.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.busyMode = .timeout(5)
        readers = SQLiteReaders(path: path)
        self.checkpointer = checkpointer
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            pool.writeWithoutTransaction { db in
                if let writer = db.sqliteConnection { checkpointer.install(on: writer) }
            }
        } catch {
            throw StoreError(code: "sqlite-open", message: "cannot open the SQLite database \(path): \(error)")
        }
    }

    deinit {
        pool.writeWithoutTransaction { db in
            if let writer = db.sqliteConnection { checkpointer.uninstall(from: writer) }
        }
        checkpointer.stop()
    }

    public func migrate() async throws {
        try Self.migrator.migrate(pool)
    }

    public func appendConsents(_ drafts: [ConsentDraft]) async throws -> [ConsentRecord] {
        try await pool.write { db in try Self.appendConsents(drafts, in: db) }
    }

    public func appendConsentsBlocking(_ drafts: [ConsentDraft]) throws -> [ConsentRecord] {
        try pool.write { db in try Self.appendConsents(drafts, in: db) }
    }

    static func appendConsents(_ drafts: [ConsentDraft], in db: Database) throws -> [ConsentRecord] {
        var records: [ConsentRecord] = []
        // The chain's head is read once per batch and carried along.
        var head = try Self.auditHead(in: db)
        for draft in drafts {
            let audit = try Self.insertAudit(ConsentLedgerAudit.draft(for: draft), after: head, in: db)
            head = (audit.sequence, audit.hash)
            try Self.insert(
                "INSERT INTO consent_record (\(ConsentRecord.insertedColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(draft.subjectHash), .text(draft.subjectKind), .text(draft.method.rawValue), .text(JSONList.encode(draft.granted)),
                    .text(JSONList.encode(draft.refused)), .text(draft.bannerID), .text(draft.bannerHash), .text(draft.policyVersion),
                    .text(draft.language), .optionalText(draft.pageURL), .integer(draft.receivedAt.millisecondsSince1970),
                    .integer(draft.expiresAt.millisecondsSince1970), .integer(draft.refusalExpiresAt.millisecondsSince1970),
                    .optionalText(draft.addressPrefix), .optionalText(draft.userAgent), .integer(audit.sequence),
                ], in: db)
            records.append(ConsentRecord(id: db.lastInsertedRowID, draft: draft, auditSequence: audit.sequence))
        }
        return records
    }

    public func consentHistory(subjectHash: String) async throws -> [ConsentRecord] {
        try readers.read { connection in
            var records: [ConsentRecord] = []
            try connection.query("SELECT \(ConsentRecord.columns) FROM consent_record WHERE subject_hash = ? ORDER BY id", [.text(subjectHash)]) { row in
                records.append(Self.consentRecord(row))
                return true
            }
            return records
        }
    }

    public func latestConsents(subjectHash: String, covering purposes: Set<String>) async throws -> [ConsentRecord] {
        try readers.read { connection in
            var records: [ConsentRecord] = []
            var uncovered = purposes
            try connection.query("SELECT \(ConsentRecord.columns) FROM consent_record WHERE subject_hash = ? ORDER BY id DESC", [.text(subjectHash)]) { row in
                let record = Self.consentRecord(row)
                records.append(record)
                uncovered.removePurposes(of: record)
                return !uncovered.isEmpty
            }
            return records
        }
    }

    public func registerBanner(_ banner: BannerVersion) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                INSERT INTO banner_version (hash, banner_id, policy_version, language, content, first_served_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING
                """,
                arguments: [banner.hash, banner.id, banner.policyVersion, banner.language, banner.content, banner.firstServedAt.millisecondsSince1970])
        }
    }

    public func banner(hash: String) async throws -> BannerVersion? {
        try readers.read { connection in
            var banner: BannerVersion?
            try connection.query(
                "SELECT banner_id, hash, policy_version, language, content, first_served_at FROM banner_version WHERE hash = ?", [.text(hash)]
            ) { row in
                banner = BannerVersion(
                    id: row.text(0), hash: row.text(1), policyVersion: row.text(2), language: row.text(3), content: row.text(4),
                    firstServedAt: row.date(5))
                return false
            }
            return banner
        }
    }

    public func createToken(name: String, tokenHash: String, actor: String) async throws {
        let now = Date()
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_token WHERE name = ?", arguments: [name]) == true {
                throw StoreError(code: "token-exists", message: "a token named '\(name)' already exists")
            }
            try db.execute(
                sql: "INSERT INTO api_token (name, token_hash, created_at) VALUES (?, ?, ?)",
                arguments: [name, tokenHash, now.millisecondsSince1970])
            _ = try Self.appendAudit(
                AuditDraft(actor: actor, action: "token.created", subject: nil, payload: JSONList.object(["name": name]), recordedAt: now), in: db)
        }
    }

    public func revokeToken(name: String, actor: String) async throws -> Bool {
        let now = Date()
        return try await pool.write { db in
            try db.execute(
                sql: "UPDATE api_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [now.millisecondsSince1970, name])
            guard db.changesCount == 1 else { return false }
            _ = try Self.appendAudit(
                AuditDraft(actor: actor, action: "token.revoked", subject: nil, payload: JSONList.object(["name": name]), recordedAt: now), in: db)
            return true
        }
    }

    public func tokens() async throws -> [APIToken] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, created_at, revoked_at FROM api_token ORDER BY name").map { row in
                APIToken(
                    name: row[0], createdAt: Date(millisecondsSince1970: row[1]),
                    revokedAt: (row[2] as Int64?).map(Date.init(millisecondsSince1970:)))
            }
        }
    }

    public func activeToken(hash: String) async throws -> APIToken? {
        try readers.read { connection in
            var token: APIToken?
            try connection.query("SELECT name, created_at FROM api_token WHERE token_hash = ? AND revoked_at IS NULL", [.text(hash)]) { row in
                token = APIToken(name: row.text(0), createdAt: row.date(1))
                return false
            }
            return token
        }
    }

    public func appendAudit(_ draft: AuditDraft) async throws -> AuditEntry {
        try await pool.write { db in try Self.appendAudit(draft, in: db) }
    }

    public func auditEntries(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_entry WHERE sequence > ? ORDER BY sequence LIMIT ?", arguments: [sequence, limit])
                .map { row in
                    AuditEntry(
                        sequence: row["sequence"],
                        draft: AuditDraft(
                            actor: row["actor"], action: row["action"], subject: row["subject"], payload: row["payload"],
                            recordedAt: Date(millisecondsSince1970: row["recorded_at"])),
                        previousHash: row["previous_hash"], hash: row["hash"])
                }
        }
    }

    /// Appends to the chain inside the caller's write transaction: SQLite has one writer at a
    /// time, so reading the head and inserting after it cannot interleave with another write.
    static func appendAudit(_ draft: AuditDraft, in db: Database) throws -> AuditEntry {
        try insertAudit(draft, after: auditHead(in: db), in: db)
    }

    /// The last entry of the chain, read inside the caller's write transaction.
    static func auditHead(in db: Database) throws -> (sequence: Int64, hash: String)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1"))
            .map { (sequence: $0[0] as Int64, hash: $0[1] as String) }
    }

    /// Inserts the entry that follows `head`.
    static func insertAudit(_ draft: AuditDraft, after head: (sequence: Int64, hash: String)?, in db: Database) throws -> AuditEntry {
        let entry = AuditChain.entry(after: head, draft: draft)
        try insert(
            "INSERT INTO audit_entry (\(AuditEntry.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .integer(entry.sequence), .integer(draft.recordedAt.millisecondsSince1970), .text(draft.actor), .text(draft.action),
                .optionalText(draft.subject), .text(draft.payload), .text(entry.previousHash), .text(entry.hash),
            ], in: db)
        return entry
    }

    /// Runs a cached insert (or any statement without rows) with `arguments` bound through
    /// SQLite's C functions: the ledger's two inserts per consent run on the committer's thread,
    /// which every consent waits for.
    static func insert(_ sql: String, _ arguments: [SQLiteArgument], in db: Database) throws {
        let statement = try db.cachedStatement(sql: sql).sqliteStatement
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        SQLiteArgument.bind(arguments, to: statement)
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
        }
    }

    /// Reads a row of ``ConsentRecord/columns`` by position (reading by name costs a
    /// case-insensitive search per column and row).
    static func consentRecord(_ row: SQLiteRow) -> ConsentRecord {
        ConsentRecord(
            id: row.integer(0),
            draft: ConsentDraft(
                subjectHash: row.text(1), subjectKind: row.text(2),
                method: ConsentMethod(rawValue: row.text(3)) ?? .save,
                granted: JSONList.decode(row.text(4)), refused: JSONList.decode(row.text(5)),
                bannerID: row.text(6), bannerHash: row.text(7), policyVersion: row.text(8), language: row.text(9),
                pageURL: row.optionalText(10), receivedAt: row.date(11), expiresAt: row.date(12), refusalExpiresAt: row.date(13),
                addressPrefix: row.optionalText(14), userAgent: row.optionalText(15)),
            auditSequence: row.integer(16))
    }
}

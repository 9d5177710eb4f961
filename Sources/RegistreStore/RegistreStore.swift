/// Registre's own state: the consent ledger, the banners it served, API tokens and the audit
/// chain. One protocol, two back ends: ``SQLiteStore`` (the embedded default) and
/// ``PostgresStore`` (several servers sharing one database). The same test suite runs on both.
public protocol RegistreStore: Sendable {
    /// Applies the migrations not yet applied. Migrations are frozen SQL, never edited once shipped.
    func migrate() async throws

    /// Appends consent records in one transaction, each with its audit entry, and returns them
    /// with their ids. Nothing is stored unless everything is.
    func appendConsents(_ drafts: [ConsentDraft]) async throws -> [ConsentRecord]

    /// Every consent record of a subject, oldest first.
    func consentHistory(subjectHash: String) async throws -> [ConsentRecord]

    /// Records that a banner was served, so a consent can prove what was shown. Idempotent.
    func registerBanner(_ banner: BannerVersion) async throws

    /// The banner served with this content hash, if any.
    func banner(hash: String) async throws -> BannerVersion?

    /// Stores a new API token, by its hash, with an audit entry.
    func createToken(name: String, tokenHash: String, actor: String) async throws

    /// The token with this hash, unless it was revoked.
    func activeToken(hash: String) async throws -> APIToken?

    /// Appends an audit entry for an action that is not a consent (a token created, a request...).
    func appendAudit(_ draft: AuditDraft) async throws -> AuditEntry

    /// Audit entries in chain order, starting after `sequence`, at most `limit`.
    func auditEntries(after sequence: Int64, limit: Int) async throws -> [AuditEntry]
}

/// A failure of the store that a caller can act on.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier, such as `unsupported-url`.
    public var code: String
    /// What went wrong, without personal data.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}

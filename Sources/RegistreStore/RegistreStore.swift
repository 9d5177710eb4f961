import Foundation

/// Registre's own state: the consent ledger, the banners it served, API tokens and the audit
/// chain. One protocol, two back ends: ``SQLiteStore`` (the embedded default) and
/// ``PostgresStore`` (several servers sharing one database). The same test suite runs on both.
public protocol RegistreStore: Sendable {
    /// Applies the migrations not yet applied. Migrations are frozen SQL, never edited once shipped.
    func migrate() async throws

    /// Appends consent records in one transaction, each with its audit entry, and returns them
    /// with their ids. Nothing is stored unless everything is.
    func appendConsents(_ drafts: [ConsentDraft]) async throws -> [ConsentRecord]

    /// ``appendConsents(_:)`` for a thread that may block (the group committer's own, never one
    /// of the cooperative pool's).
    func appendConsentsBlocking(_ drafts: [ConsentDraft]) throws -> [ConsentRecord]

    /// Every consent record of a subject, oldest first.
    func consentHistory(subjectHash: String) async throws -> [ConsentRecord]

    /// A subject's records newest first, only as far back as it takes for every purpose of
    /// `purposes` to appear in one (all of them when some never does): what the current state
    /// needs, usually a single record.
    func latestConsents(subjectHash: String, covering purposes: Set<String>) async throws -> [ConsentRecord]

    /// Records that a banner was served, so a consent can prove what was shown. Idempotent.
    func registerBanner(_ banner: BannerVersion) async throws

    /// The banner served with this content hash, if any.
    func banner(hash: String) async throws -> BannerVersion?

    /// Stores a new API token, by its hash, with an audit entry.
    func createToken(name: String, tokenHash: String, actor: String) async throws

    /// Revokes the active token named `name`, with an audit entry; false when there is none.
    func revokeToken(name: String, actor: String) async throws -> Bool

    /// Every token, revoked ones included, by name.
    func tokens() async throws -> [APIToken]

    /// The token with this hash, unless it was revoked.
    func activeToken(hash: String) async throws -> APIToken?

    /// Appends an audit entry for an action that is not a consent (a token created, a request...).
    func appendAudit(_ draft: AuditDraft) async throws -> AuditEntry

    /// Audit entries in chain order, starting after `sequence`, at most `limit`.
    func auditEntries(after sequence: Int64, limit: Int) async throws -> [AuditEntry]

    /// Stores a new data subject request and the audit entry `audit` makes of it once it has its
    /// id, in one transaction; returns it with its id.
    func insertRequest(_ request: SubjectRequest, audit: @Sendable (SubjectRequest) -> AuditDraft) async throws -> SubjectRequest

    /// Writes a changed request and its audit entry in one transaction, provided the stored one
    /// is still the version before (`request.version - 1`); otherwise nothing is written and
    /// the error says the request changed meanwhile. A request closed by the change loses its
    /// proof of identity in the same transaction, with an audit entry saying so.
    func updateRequest(_ request: SubjectRequest, audit: AuditDraft) async throws

    /// Keeps a proof of identity (replacing an earlier one) and its audit entry, in one
    /// transaction, provided the request is still open in it; returns false, writing nothing,
    /// when it is not (closed meanwhile, so the proof would outlive the request).
    func storeIdentityProof(_ proof: IdentityProofFile, audit: AuditDraft) async throws -> Bool

    /// The proof of identity of request `requestID`, while it is kept; without `content`, its
    /// description only (`sealedContent` empty), which does not read the file.
    func identityProof(requestID: Int64, content: Bool) async throws -> IdentityProofFile?

    /// The request numbered `id`.
    func request(id: Int64) async throws -> SubjectRequest?

    /// Requests by deadline (the nearest first, those without one after), then by number; only
    /// the open ones unless `includeClosed`.
    func requests(includeClosed: Bool) async throws -> [SubjectRequest]

    /// Stores a new processing limit with its identities, and the audit entry `audit` makes of it
    /// once it has its id, in one transaction; returns it with its id.
    func insertLimit(_ limit: ProcessingLimit, audit: @Sendable (ProcessingLimit) -> AuditDraft) async throws -> ProcessingLimit

    /// Marks a limit lifted with its audit entry, in one transaction, provided it is still active;
    /// otherwise nothing is written and the error says so.
    func liftLimit(_ limit: ProcessingLimit, audit: AuditDraft) async throws

    /// The limits concerning any of these identity hashes, oldest first; lifted ones only with
    /// `includeLifted`.
    func limits(identityHashes: [String], includeLifted: Bool) async throws -> [ProcessingLimit]

    /// The limit numbered `id`.
    func limit(id: Int64) async throws -> ProcessingLimit?

    /// Stores a new post-mortem directive with its identities and the audit entry `audit` makes
    /// of it once it has its id, in one transaction; returns it with its id.
    func insertDirective(_ directive: PostMortemDirective, audit: @Sendable (PostMortemDirective) -> AuditDraft) async throws -> PostMortemDirective

    /// Records a directive withdrawn or carried out, with its audit entry, in one transaction,
    /// provided it was still active; otherwise nothing is written and the error says so.
    func updateDirective(_ directive: PostMortemDirective, audit: AuditDraft) async throws

    /// The directives concerning any of these identity hashes, oldest first; withdrawn and
    /// carried-out ones only with `includeClosed`.
    func directives(identityHashes: [String], includeClosed: Bool) async throws -> [PostMortemDirective]

    /// The directive numbered `id`.
    func directive(id: Int64) async throws -> PostMortemDirective?

    /// Stores lifecycle events, leaving out those held already (the same subject hash, kind and
    /// instant), with the audit entry `audit` makes of the number stored, in one transaction;
    /// returns that number.
    func insertEvents(_ events: [SubjectEvent], audit: @Sendable (Int) -> AuditDraft) async throws -> Int

    /// The events under any of these subject hashes, oldest first.
    func events(subjectHashes: [String]) async throws -> [SubjectEvent]

    /// Every person's latest instant of each kind of event, by subject hash: what retention
    /// plans count from.
    func latestEvents() async throws -> [String: [String: Date]]

    /// Every limit not lifted.
    func activeLimits() async throws -> [ProcessingLimit]

    /// Stores a legal hold with the audit entry `audit` makes of it, in one transaction.
    func insertHold(_ hold: LegalHold, audit: @Sendable (LegalHold) -> AuditDraft) async throws -> LegalHold

    /// Marks the hold `id` released at `date`, with its audit entry; fails when it was already.
    func releaseHold(id: Int64, at date: Date, audit: AuditDraft) async throws

    /// The holds, oldest first; released ones only with `includeReleased`.
    func holds(includeReleased: Bool) async throws -> [LegalHold]

    /// Adds the batches of a scheduled retention pass that are not stored yet (another server
    /// may have opened the same pass).
    func openRetentionPass(_ batches: [RetentionBatch]) async throws

    /// Claims for `worker`, until `until`, a batch of the pass at `passAt` that is pending or
    /// whose claim ran out before `now`, every earlier stage of its dataset being finished. On
    /// PostgreSQL the row is taken with `FOR UPDATE SKIP LOCKED`: servers claiming at once get
    /// different batches and never wait for each other.
    func claimRetentionBatch(passAt: Date, worker: String, now: Date, until: Date) async throws -> RetentionBatch.Claim

    /// Extends `worker`'s claim on `batch` to `until`; fails with `claim-lost` when another
    /// server took it over.
    func renewRetentionClaim(_ batch: RetentionBatch, worker: String, until: Date) async throws

    /// Records the end of `worker`'s batch (`done` or `failed`, with what was done or why);
    /// fails with `claim-lost` when another server took it over.
    func finishRetentionBatch(_ batch: RetentionBatch, worker: String, state: RetentionBatch.State, outcome: String, at date: Date) async throws

    /// The batches of the pass at `passAt`, by stage and collection.
    func retentionBatches(passAt: Date) async throws -> [RetentionBatch]

    /// Claims the run of request `id` for `owner` until `until`, unless another owner holds a
    /// claim that has not run out by `now`: servers sharing a store never run one request at
    /// once. The owner's own claim is renewed to `until`. True when claimed or renewed.
    func claimRequestRun(_ id: Int64, owner: String, now: Date, until: Date) async throws -> Bool

    /// Gives up `owner`'s claim on the run of request `id` (nothing when it holds none).
    func releaseRequestRun(_ id: Int64, owner: String) async throws
}

extension RegistreStore {
    /// Runs the async append and waits for it: for stores whose writes are asynchronous anyway
    /// (PostgreSQL, over the network).
    public func appendConsentsBlocking(_ drafts: [ConsentDraft]) throws -> [ConsentRecord] {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        Task {
            do { result.value = .success(try await appendConsents(drafts)) } catch { result.value = .failure(error) }
            done.signal()
        }
        done.wait()
        return try result.value!.get()
    }
}

/// Carries a result from a task to the thread waiting for it; the semaphore orders the accesses.
private final class ResultBox: @unchecked Sendable {
    var value: Result<[ConsentRecord], any Error>?
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

import Foundation

/// How a person gave or refused consent, as the banner reports it.
public enum ConsentMethod: String, Sendable, Codable, CaseIterable {
    /// "Accept all" on the first layer.
    case acceptAll = "accept_all"
    /// "Reject all" on the first layer.
    case rejectAll = "reject_all"
    /// Choices saved purpose by purpose on the second layer.
    case save
    /// A consent withdrawn after it was given.
    case withdraw
    /// The browser's Global Privacy Control signal (`Sec-GPC: 1`), a refusal of every
    /// consent-based purpose until the person explicitly chooses otherwise.
    case gpc
}

extension Set<String> {
    /// Removes the purposes `record` granted or refused: what reading a history newest first
    /// leaves to find in older records.
    mutating func removePurposes(of record: ConsentRecord) {
        subtract(record.draft.granted)
        subtract(record.draft.refused)
    }
}

/// A consent about to be recorded: everything but the id and the audit link.
public struct ConsentDraft: Sendable, Hashable {
    /// The keyed hash of the person's identifier (never the identifier itself).
    public var subjectHash: String
    /// `visitor` for a pseudonymous banner id, `subject` for a known person.
    public var subjectKind: String
    /// How the choice was made.
    public var method: ConsentMethod
    /// The purposes granted (ids of consent-based activities).
    public var granted: [String]
    /// The purposes refused.
    public var refused: [String]
    /// The banner shown: its id and the hash of its content.
    public var bannerID: String
    /// The SHA-256 of the banner's content as served.
    public var bannerHash: String
    /// The policy version the banner was built from.
    public var policyVersion: String
    /// The language the banner was shown in.
    public var language: String
    /// The page the choice was made on, without its query string.
    public var pageURL: String?
    /// When the server received it.
    public var receivedAt: Date
    /// When a consent given here stops counting and the banner asks again.
    public var expiresAt: Date
    /// When a refusal given here stops counting and the banner asks again.
    public var refusalExpiresAt: Date
    /// The address it came from, truncated (IPv4 /24, IPv6 /48).
    public var addressPrefix: String?
    /// The browser's user agent, at most 512 characters.
    public var userAgent: String?

    /// Creates a draft.
    public init(
        subjectHash: String, subjectKind: String, method: ConsentMethod, granted: [String], refused: [String],
        bannerID: String, bannerHash: String, policyVersion: String, language: String, pageURL: String?,
        receivedAt: Date, expiresAt: Date, refusalExpiresAt: Date, addressPrefix: String?, userAgent: String?
    ) {
        self.subjectHash = subjectHash
        self.subjectKind = subjectKind
        self.method = method
        self.granted = granted
        self.refused = refused
        self.bannerID = bannerID
        self.bannerHash = bannerHash
        self.policyVersion = policyVersion
        self.language = language
        self.pageURL = pageURL
        self.receivedAt = receivedAt
        self.expiresAt = expiresAt
        self.refusalExpiresAt = refusalExpiresAt
        self.addressPrefix = addressPrefix
        self.userAgent = userAgent
    }
}

/// A stored consent: the proof of who chose what, under which banner and policy, how, when and
/// from where.
public struct ConsentRecord: Sendable, Hashable {
    /// The record's id, increasing with time.
    public var id: Int64
    /// What was recorded.
    public var draft: ConsentDraft
    /// The audit entry written in the same transaction.
    public var auditSequence: Int64

    /// Creates a record.
    public init(id: Int64, draft: ConsentDraft, auditSequence: Int64) {
        self.id = id
        self.draft = draft
        self.auditSequence = auditSequence
    }
}

/// A banner as it was served: the proof of what a person saw when they chose.
public struct BannerVersion: Sendable, Hashable, Codable {
    /// The banner's id, such as `2026-11.fr`.
    public var id: String
    /// The SHA-256 of the content served, in hex.
    public var hash: String
    /// The policy version it was built from.
    public var policyVersion: String
    /// Its language.
    public var language: String
    /// The texts and purposes it showed, as JSON.
    public var content: String
    /// When it was first served.
    public var firstServedAt: Date

    /// Creates a banner version.
    public init(id: String, hash: String, policyVersion: String, language: String, content: String, firstServedAt: Date) {
        self.id = id
        self.hash = hash
        self.policyVersion = policyVersion
        self.language = language
        self.content = content
        self.firstServedAt = firstServedAt
    }
}

/// An API token of the admin endpoints, known by the hash of its secret only.
public struct APIToken: Sendable, Hashable {
    /// A name saying who or what uses it.
    public var name: String
    /// When it was created.
    public var createdAt: Date
    /// When it was revoked; a revoked token opens nothing.
    public var revokedAt: Date?

    /// Creates a token description.
    public init(name: String, createdAt: Date, revokedAt: Date? = nil) {
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

extension ConsentRecord {
    /// The columns a consent is written into, in the order both stores bind them.
    static let insertedColumns = """
        subject_hash, subject_kind, method, granted, refused, banner_id, banner_hash, policy_version, language, page_url,
        received_at, expires_at, refusal_expires_at, address_prefix, user_agent, audit_sequence
        """

    /// The columns of `consent_record`, in the order both stores read them by position.
    static let columns = "id, " + insertedColumns
}

extension AuditEntry {
    /// The columns of `audit_entry`, in the order both stores bind them.
    static let columns = "sequence, recorded_at, actor, action, subject, payload, previous_hash, hash"
}

extension Date {
    /// Milliseconds since 1970, the unit Registre stores times in so both back ends hash them alike.
    var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

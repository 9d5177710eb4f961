import Foundation

/// An action about to be written to the audit chain.
public struct AuditDraft: Sendable, Hashable {
    /// Who acted: `public`, `token:NAME`, `cli`.
    public var actor: String
    /// What was done, such as `consent.recorded` or `token.created`.
    public var action: String
    /// The keyed hash of the person concerned, if any.
    public var subject: String?
    /// What changed, as canonical JSON (sorted keys), never raw personal data.
    public var payload: String
    /// When.
    public var recordedAt: Date

    /// Creates a draft.
    public init(actor: String, action: String, subject: String?, payload: String, recordedAt: Date) {
        self.actor = actor
        self.action = action
        self.subject = subject
        self.payload = payload
        self.recordedAt = recordedAt
    }
}

/// An entry of the append-only, hash-chained audit log: each entry's hash covers its fields and
/// the hash of the entry before it, so altering, removing or reordering an entry breaks the chain
/// from that entry on.
public struct AuditEntry: Sendable, Hashable {
    /// The position in the chain, from 1, without gaps.
    public var sequence: Int64
    /// What was recorded.
    public var draft: AuditDraft
    /// The hash of the entry before, or ``AuditChain/genesis`` for the first.
    public var previousHash: String
    /// This entry's hash.
    public var hash: String

    /// Creates an entry.
    public init(sequence: Int64, draft: AuditDraft, previousHash: String, hash: String) {
        self.sequence = sequence
        self.draft = draft
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The hashing of the audit chain, shared by both back ends.
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an entry: SHA-256 over the previous hash and every field, each field prefixed
    /// with its length so no two different entries can produce the same input.
    public static func hash(sequence: Int64, draft: AuditDraft, previousHash: String) -> String {
        // One buffer, one digest: the committer computes this for every consent of a batch.
        var input: [UInt8] = []
        input.reserveCapacity(160 + draft.payload.utf8.count + (draft.subject?.utf8.count ?? 0))
        func add(_ field: String) {
            input.append(contentsOf: String(field.utf8.count).utf8)
            input.append(UInt8(ascii: ":"))
            input.append(contentsOf: field.utf8)
        }
        add(previousHash)
        add(String(sequence))
        add(String(draft.recordedAt.millisecondsSince1970))
        add(draft.actor)
        add(draft.action)
        add(draft.subject ?? "")
        add(draft.payload)
        return input.withUnsafeBytes { KeyedHasher.sha256(bytes: $0) }
    }

    /// The next entry after `previous` (nil for the first entry).
    public static func entry(after previous: (sequence: Int64, hash: String)?, draft: AuditDraft) -> AuditEntry {
        let sequence = (previous?.sequence ?? 0) + 1
        let previousHash = previous?.hash ?? genesis
        return AuditEntry(sequence: sequence, draft: draft, previousHash: previousHash, hash: hash(sequence: sequence, draft: draft, previousHash: previousHash))
    }
}

import Foundation

/// A person's directive on what becomes of their data after their death (French Data Protection
/// Act, art. 85): kept, erased, or communicated to someone, carried out by the executor they name
/// once the death is notified. Who it is about is kept as keyed hashes of their identities, what
/// it says sealed, as for requests.
public struct PostMortemDirective: Sendable, Hashable {
    /// What the person asks for.
    public enum Instruction: String, Sendable, CaseIterable, Codable {
        /// Keep the data as the policy says (nothing is erased because of the death).
        case keep
        /// Erase the data, as an erasure request would.
        case erase
        /// Communicate the data to the recipient named, as an access request would.
        case communicate
    }

    /// The directive's number, from 1.
    public var id: Int64
    public var instruction: Instruction
    /// The executor, the recipient and the person's note, as JSON sealed with the requests' key.
    public var sealedDetails: String
    /// The keyed hashes of the person's identities.
    public var identityHashes: [String]
    public var recordedAt: Date
    /// When the person withdrew it (they may, at any time).
    public var revokedAt: Date?
    /// When it was carried out, after the death was notified.
    public var appliedAt: Date?
    /// The request opened to carry it out (an erasure or an access), if any.
    public var appliedRequest: Int64?

    /// Creates a directive.
    public init(
        id: Int64, instruction: Instruction, sealedDetails: String, identityHashes: [String], recordedAt: Date,
        revokedAt: Date? = nil, appliedAt: Date? = nil, appliedRequest: Int64? = nil
    ) {
        self.id = id
        self.instruction = instruction
        self.sealedDetails = sealedDetails
        self.identityHashes = identityHashes
        self.recordedAt = recordedAt
        self.revokedAt = revokedAt
        self.appliedAt = appliedAt
        self.appliedRequest = appliedRequest
    }

    /// True while it may still be carried out.
    public var isActive: Bool { revokedAt == nil && appliedAt == nil }
}

/// What a directive says beyond its instruction, kept sealed.
public struct DirectiveDetails: Sendable, Hashable, Codable {
    /// The person designated to carry it out (art. 85 I), such as `Marie Dupont <marie@exemple.fr>`.
    public var executor: String
    /// For `communicate`: to whom.
    public var recipient: String?
    /// The person's own words.
    public var note: String?
    /// The identities it was recorded for, to open the request that carries it out.
    public var identities: [String]

    /// Creates details.
    public init(executor: String, recipient: String?, note: String?, identities: [String]) {
        self.executor = executor
        self.recipient = recipient
        self.note = note
        self.identities = identities
    }
}

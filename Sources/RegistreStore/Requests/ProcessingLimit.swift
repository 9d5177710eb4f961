import Foundation
import RegistreCore

/// A standing limit on processing a person's data, until it is lifted: a restriction (Art. 18:
/// the data may only be stored) or an objection (Art. 21: the activities objected to stop).
/// Connected systems read them through the API; erasure and retention respect them.
public struct ProcessingLimit: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case restriction, objection

        /// The article of the GDPR.
        public var article: String { self == .restriction ? "Art. 18" : "Art. 21" }
    }

    /// The limit's number, from 1.
    public var id: Int64
    public var kind: Kind
    /// The activities of the policy it covers; empty for a restriction of all processing.
    public var activities: [String]
    /// Why: the ground of Art. 18(1) or 21, and the person's own words when given.
    public var ground: String
    /// The request that asked for it, when there was one.
    public var requestID: Int64?
    /// The keyed hashes of the person's identities (``ProcessingLimits/identityHash(_:)``).
    public var identityHashes: [String]
    public var since: Date
    public var liftedAt: Date?
    /// Why it was lifted (Art. 18(3): the person is told before).
    public var liftReason: String?

    /// Creates a limit.
    public init(
        id: Int64, kind: Kind, activities: [String], ground: String, requestID: Int64?, identityHashes: [String], since: Date,
        liftedAt: Date? = nil, liftReason: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.activities = activities
        self.ground = ground
        self.requestID = requestID
        self.identityHashes = identityHashes
        self.since = since
        self.liftedAt = liftedAt
        self.liftReason = liftReason
    }

    /// True until lifted.
    public var isActive: Bool { liftedAt == nil }

    /// Whether it covers the activity `id`.
    public func covers(_ activity: String) -> Bool { activities.isEmpty || activities.contains(activity) }
}

import Foundation
import RegistreCore

/// A legal hold: data that must not be deleted or anonymised while it lasts (litigation, an
/// investigation, an authority's request), whatever its retention period says. It covers one
/// person, one collection of a dataset or a whole dataset; it has a reason and may have an end.
public struct LegalHold: Sendable, Hashable {
    /// What a hold covers.
    public enum Scope: String, Sendable, CaseIterable {
        case subject, collection, dataset
    }

    /// The hold's number, from 1; 0 before it is stored.
    public var id: Int64
    public var scope: Scope
    /// For a person: the identity's type (`email`).
    public var identityType: String?
    /// For a person: the keyed hash of `type=value` (kind `hold`).
    public var subjectHash: String?
    /// The dataset's `fides_key` (collection and dataset holds).
    public var dataset: String?
    /// The collection (collection holds).
    public var collection: String?
    /// Why, as the plan shows it.
    public var reason: String
    /// When it ends by itself; nil until it is released.
    public var until: Date?
    public var createdAt: Date
    public var releasedAt: Date?

    public init(
        id: Int64 = 0, scope: Scope, identityType: String? = nil, subjectHash: String? = nil, dataset: String? = nil, collection: String? = nil,
        reason: String, until: Date?, createdAt: Date, releasedAt: Date? = nil
    ) {
        self.id = id
        self.scope = scope
        self.identityType = identityType
        self.subjectHash = subjectHash
        self.dataset = dataset
        self.collection = collection
        self.reason = reason
        self.until = until
        self.createdAt = createdAt
        self.releasedAt = releasedAt
    }

    /// True at `date` when neither released nor past its end.
    public func isInForce(at date: Date) -> Bool {
        releasedAt == nil && (until.map { $0 > date } ?? true)
    }

    /// The hash kind of a person's identity under a hold.
    public static let hashKind = "hold"
}

extension StoreError {
    /// The hold was released already (or does not exist).
    static func holdReleased(_ id: Int64) -> StoreError {
        StoreError(code: "hold-released", message: "legal hold \(id) was already released (or does not exist)")
    }
}

import Foundation
import RegistreConnectors
import RegistreCore
import RegistreStore

extension RetentionFacts {
    /// What `store` knows that changes a retention plan at `date`: every person's latest events,
    /// the restrictions not lifted (Art. 18: the data may only be stored) and the legal holds in
    /// force.
    public static func load(from store: any RegistreStore, hasher: KeyedHasher, at date: Date) async throws -> RetentionFacts {
        let events = SubjectEvents(store: store, hasher: hasher)
        let limits = ProcessingLimits(store: store, hasher: hasher)
        var restrictions: [String: String] = [:]
        for limit in try await store.activeLimits() where limit.kind == .restriction {
            let request = limit.requestID.map { ", request \($0)" } ?? ""
            for hash in limit.identityHashes { restrictions[hash] = "the person's data is restricted (GDPR Art. 18, limit \(limit.id)\(request))" }
        }
        var holds: [LegalHoldScope] = []
        for hold in try await store.holds(includeReleased: false) where hold.isInForce(at: date) {
            let until = hold.until.map { " until \(PlanDate.day($0, in: SubjectEvent.defaultTimeZone))" } ?? ""
            let reason = "legal hold \(hold.id) (\(hold.reason))\(until)"
            switch hold.scope {
            case .subject:
                if let hash = hold.subjectHash { holds.append(LegalHoldScope(target: .subject(hash), reason: reason)) }
            case .collection:
                if let dataset = hold.dataset, let collection = hold.collection {
                    holds.append(LegalHoldScope(target: .collection(dataset: dataset, name: collection), reason: reason))
                }
            case .dataset:
                if let dataset = hold.dataset { holds.append(LegalHoldScope(target: .dataset(dataset), reason: reason)) }
            }
        }
        return RetentionFacts(
            hash: { identity, record in
                // Each record's own hash, as the store keeps it (a change there follows here).
                switch record {
                case .event: events.subjectHash(identity)
                case .restriction: limits.identityHash(identity)
                case .hold: hasher.hash(identity, kind: LegalHold.hashKind)
                }
            }, events: try await store.latestEvents(), restrictions: restrictions,
            holds: holds)
    }
}

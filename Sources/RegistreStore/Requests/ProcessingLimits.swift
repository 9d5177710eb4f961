import Foundation
import RegistreCore

/// Restrictions (Art. 18) and objections (Art. 21): recorded against the policy's activities,
/// lifted with reasons, every change in the audit chain, and read by connected systems as a
/// verdict per activity. Identities are kept as keyed hashes, so the store can answer "is this
/// e-mail address restricted?" without holding the address.
public struct ProcessingLimits: Sendable {
    let store: any RegistreStore
    let hasher: KeyedHasher

    /// Creates the register over `store`; `hasher` keys the identity hashes (the store's secret).
    public init(store: any RegistreStore, hasher: KeyedHasher) {
        self.store = store
        self.hasher = hasher
    }

    /// The grounds on which a person may obtain restriction (Art. 18(1)).
    public enum RestrictionGround: String, Sendable, CaseIterable, Codable {
        /// (a) the person contests the accuracy, for the time needed to verify it.
        case accuracyContested = "accuracy_contested"
        /// (b) the processing is unlawful and the person asks restriction instead of erasure.
        case unlawful
        /// (c) the controller no longer needs the data but the person needs them for legal claims.
        case legalClaims = "legal_claims"
        /// (d) the person objected under Art. 21(1), pending the verification of the grounds.
        case objectionPending = "objection_pending"

        /// The ground as recorded and shown.
        public var text: String {
            switch self {
            case .accuracyContested: "Art. 18(1)(a): accuracy contested, pending verification"
            case .unlawful: "Art. 18(1)(b): unlawful processing, restriction asked instead of erasure"
            case .legalClaims: "Art. 18(1)(c): needed by the person for legal claims"
            case .objectionPending: "Art. 18(1)(d): objection pending verification of the grounds"
            }
        }
    }

    /// What connected systems may do with a person's data for one activity.
    public struct Verdict: Sendable, Hashable {
        public var activity: String
        /// `allowed`, `restricted` (stored only, Art. 18(2)) or `objected` (stopped, Art. 21).
        public var status: String
        /// The active limits that decide it.
        public var limits: [Int64]

        public var mayProcess: Bool { status == "allowed" }
    }

    /// The hash under which an identity (`type=value`, normalised) is kept.
    public func identityHash(_ identity: String) -> String { hasher.hash(identity, kind: "limit") }

    /// Records a restriction of the activities named (all of them when none is).
    public func restrict(
        identities: [String], activities: [String], ground: RestrictionGround, note: String?, request: Int64?, policy: Policy, at date: Date, actor: String
    ) async throws -> ProcessingLimit {
        try checkKnown(activities, in: policy)
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = [ground.text, note].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: ": ")
        return try await insert(.restriction, identities: identities, activities: activities, ground: text, request: request, at: date, actor: actor)
    }

    /// Records an objection to the activities named. Direct marketing stops whatever the reason
    /// (Art. 21(2)-(3)); an activity under a public task or legitimate interests needs the
    /// person's grounds (Art. 21(1)); any other legal basis is refused with what applies instead.
    public func object(
        identities: [String], activities: [String], reason: String?, request: Int64?, policy: Policy, at date: Date, actor: String
    ) async throws -> ProcessingLimit {
        guard !activities.isEmpty else {
            throw RequestDesk.Refusal(code: "activity-missing", message: "an objection names the activities objected to (--activity)")
        }
        try checkKnown(activities, in: policy)
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var grounds: [String] = []
        for id in activities {
            let activity = policy.activity(id)!
            if Self.isDirectMarketing(activity) {
                grounds.append("\(id): direct marketing, absolute (Art. 21(2)-(3))")
                continue
            }
            switch activity.legalBasis {
            case .legitimateInterests?, .publicTask?:
                guard !reason.isEmpty else {
                    throw RequestDesk.Refusal(
                        code: "reason-missing",
                        message: "'\(id)' rests on \(activity.legalBasis!.rawValue): an objection to it gives the grounds relating to the person's particular situation (Art. 21(1)); --reason")
                }
                grounds.append("\(id): particular situation (Art. 21(1)): \(reason)")
            case .consent?:
                throw RequestDesk.Refusal(
                    code: "objection-not-applicable",
                    message: "'\(id)' rests on consent: the person withdraws it (Art. 7(3)) through the consent ledger, POST /v1/consents with method withdraw")
            default:
                throw RequestDesk.Refusal(
                    code: "objection-not-applicable",
                    message: "'\(id)' rests on \(activity.legalBasis?.rawValue ?? "no legal basis"): Art. 21 applies to processing under Art. 6(1)(e) or (f) and to direct marketing; consider erasure or restriction")
            }
        }
        return try await insert(.objection, identities: identities, activities: activities, ground: grounds.joined(separator: "; "), request: request, at: date, actor: actor)
    }

    /// Lifts limit `id` with the reasons the person was told (Art. 18(3)).
    public func lift(_ id: Int64, reason: String, at date: Date, actor: String) async throws -> ProcessingLimit {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw RequestDesk.Refusal(code: "reason-missing", message: "lifting a limit needs its reasons, which the person is told before (Art. 18(3))") }
        guard var limit = try await store.limit(id: id) else { throw RequestDesk.Refusal(code: "limit-unknown", message: "there is no limit \(id)") }
        guard limit.isActive else { throw RequestDesk.Refusal(code: "limit-lifted", message: "limit \(id) was already lifted") }
        limit.liftedAt = date
        limit.liftReason = reason
        try await store.liftLimit(limit, audit: audit(limit, action: "limit.lifted", actor: actor, at: date))
        return limit
    }

    /// The active limits of a person known by any of `identities`.
    public func active(for identities: [String]) async throws -> [ProcessingLimit] {
        try await store.limits(identityHashes: identities.map(identityHash), includeLifted: false)
    }

    /// Every activity of the policy with what the person's active limits allow.
    public static func verdicts(_ limits: [ProcessingLimit], policy: Policy) -> [Verdict] {
        policy.activities.map { activity in
            let covering = limits.filter { $0.isActive && $0.covers(activity.id) }
            let status = covering.contains { $0.kind == .objection } ? "objected" : covering.isEmpty ? "allowed" : "restricted"
            return Verdict(activity: activity.id, status: status, limits: covering.map(\.id))
        }
    }

    /// An activity for direct marketing: one of its data uses is marketing.
    public static func isDirectMarketing(_ activity: ProcessingActivity) -> Bool {
        activity.dataUses.contains { $0.value == "marketing" || $0.value.hasPrefix("marketing.") }
    }

    /// True when a person may object to `activity`: direct marketing, or processing under a
    /// public task or legitimate interests (Art. 21(1)-(2)); the rights portal offers only these.
    public static func acceptsObjection(_ activity: ProcessingActivity) -> Bool {
        isDirectMarketing(activity) || activity.legalBasis == .legitimateInterests || activity.legalBasis == .publicTask
    }

    private func checkKnown(_ activities: [String], in policy: Policy) throws {
        for id in activities where policy.activity(id) == nil {
            throw RequestDesk.Refusal(
                code: "activity-unknown", message: "'\(id.prefix(60))' is not an activity of the policy; they are \(policy.activities.map(\.id).joined(separator: ", "))")
        }
        if Set(activities).count != activities.count { throw RequestDesk.Refusal(code: "activity-twice", message: "an activity is named twice") }
    }

    private func insert(
        _ kind: ProcessingLimit.Kind, identities: [String], activities: [String], ground: String, request: Int64?, at date: Date, actor: String
    ) async throws -> ProcessingLimit {
        guard !identities.isEmpty else { throw RequestDesk.Refusal(code: "identity-missing", message: "a limit needs at least one identity") }
        let limit = ProcessingLimit(
            id: 0, kind: kind, activities: activities, ground: ground, requestID: request, identityHashes: Set(identities.map(identityHash)).sorted(), since: date)
        return try await store.insertLimit(limit) { stored in audit(stored, action: "limit.\(kind.rawValue)", actor: actor, at: date) }
    }

    /// The audit entry of a change: the limit's number, kind, activities and grounds; never the identities.
    private func audit(_ limit: ProcessingLimit, action: String, actor: String, at date: Date) -> AuditDraft {
        var fields = ["id": String(limit.id), "kind": limit.kind.rawValue, "activities": limit.activities.joined(separator: ","), "ground": limit.ground]
        if let request = limit.requestID { fields["request"] = String(request) }
        if let reason = limit.liftReason { fields["reason"] = reason }
        return AuditDraft(actor: actor, action: action, subject: limit.identityHashes.first, payload: JSONList.object(fields), recordedAt: date)
    }
}

import Foundation
import RegistreCore

extension SubjectRequest {
    /// The request as the command line and the API show it: days as `YYYY-MM-DD` (in
    /// Europe/Paris), the outcome as JSON when it is; with `details`, what it asks.
    public func summary(details: RequestDetails? = nil, today: CivilDate = LegalDeadline.day(of: Date())) -> [String: Any] {
        var object: [String: Any] = [
            "id": id, "right": right.rawValue, "article": right.article, "state": state.rawValue,
            "received_on": LegalDeadline.day(of: receivedAt).description, "overdue": isOverdue(on: today),
        ]
        if let startedOn { object["started_on"] = startedOn.description }
        if let dueOn { object["due_on"] = dueOn.description }
        if let extendedTo { object["extended_to"] = extendedTo.description }
        if let extensionReason { object["extension_reason"] = extensionReason }
        if let closedAt { object["closed_on"] = LegalDeadline.day(of: closedAt).description }
        if let codeExpiresAt { object["code_valid_until"] = ISO8601DateFormatter().string(from: codeExpiresAt) }
        if let outcome {
            var text = outcome
            let isJSON = text.withUTF8 { JSONReader.parse(UnsafeRawBufferPointer($0)) != nil }
            object["outcome"] = isJSON ? JSONText(outcome) : outcome
        }
        if let details {
            object["identities"] = details.identities
            if !details.corrections.isEmpty { object["corrections"] = details.corrections }
            if !details.filters.isEmpty { object["where"] = details.filters }
            if !details.activities.isEmpty { object["activities"] = details.activities }
            if let ground = details.ground { object["ground"] = ground.rawValue }
            if let reason = details.reason { object["reason"] = reason }
        }
        return object
    }
}

extension PostMortemDirective {
    /// The directive as the command line and the API show it, with what it says when `details`
    /// are given; never the identity hashes.
    public func summary(details: DirectiveDetails? = nil) -> [String: Any] {
        var object: [String: Any] = [
            "id": id, "instruction": instruction.rawValue, "recorded_on": LegalDeadline.day(of: recordedAt).description, "active": isActive,
        ]
        if let revokedAt { object["revoked_on"] = LegalDeadline.day(of: revokedAt).description }
        if let appliedAt { object["applied_on"] = LegalDeadline.day(of: appliedAt).description }
        if let appliedRequest { object["request"] = appliedRequest }
        if let details {
            object["executor"] = details.executor
            object["identities"] = details.identities
            if let recipient = details.recipient { object["recipient"] = recipient }
            if let note = details.note { object["note"] = note }
        }
        return object
    }
}

extension ProcessingLimit {
    /// The limit as the command line and the API show it, without the identity hashes.
    public var summary: [String: Any] {
        var object: [String: Any] = [
            "id": id, "kind": kind.rawValue, "article": kind.article, "activities": activities.isEmpty ? ["*"] : activities,
            "ground": ground, "since": LegalDeadline.day(of: since).description, "active": isActive,
        ]
        if let requestID { object["request"] = requestID }
        if let liftedAt { object["lifted_on"] = LegalDeadline.day(of: liftedAt).description }
        if let liftReason { object["lift_reason"] = liftReason }
        return object
    }
}

extension ProcessingLimits.Verdict {
    /// The verdict as the command line and the API show it.
    public var summary: [String: Any] {
        ["activity": activity, "status": status, "may_process": mayProcess, "limits": limits]
    }
}

extension SubjectEvent {
    /// The event as the command line and the API show it, without the subject hash.
    public var summary: [String: Any] {
        ["kind": kind, "occurred_at": occurredAt.formatted(.iso8601), "recorded_at": recordedAt.formatted(.iso8601), "source": source]
    }
}

/// JSON text of a summary: keys sorted, slashes as they are.
public func summaryJSON(_ object: Any) throws -> String {
    var writer = JSONWriter()
    try writer.any(object)
    return writer.text
}

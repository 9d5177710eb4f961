/// How long the data of an activity is kept and what happens then (GDPR Art. 5(1)(e),
/// Art. 13(2)(a)): an anchor event, a duration, an action; or phases that chain (deactivate at
/// contract end, delete 30 days later).
public struct RetentionRule: Sendable, Hashable {
    /// The data categories the rule covers; empty means every category of the activity.
    public var categories: [Located<String>]
    /// The data subjects the rule covers (`prospect`, `customer`); empty means all of the activity's.
    public var subjects: [Located<String>]
    /// Events that end the retention before its term ("unless you withdraw your consent or object").
    public var endsEarlyOn: [EarlyEndEvent]
    /// The phases, in the order they happen. A rule without phases has exactly one.
    public var phases: [RetentionPhase]
    /// The law that imposes or justifies the period, such as `Code de commerce, art. L123-22`.
    public var legalReference: String?
    /// True for a rolling window: each record is kept for the duration after its own anchor
    /// ("security logs, rolling 1 year").
    public var isRolling: Bool
    /// The period as the company's published policy words it. The register shows it beside the
    /// period derived from the phases; the notice publishes the derived period, which is enforced.
    public var statement: LocalizedText?
    /// Where it is declared.
    public var location: SourceLocation
}

extension RetentionRule {
    /// How long the data lasts from the first anchor until a phase deletes or anonymises it, the
    /// phases' durations added up; nil when a phase before that is indefinite or none ends it.
    public var periodUntilDataEnds: ISODuration? {
        var total = ISODuration()
        for phase in phases {
            guard let duration = phase.duration else { return nil }
            total = total.adding(duration)
            if phase.action.endsProcessing { return total }
        }
        return nil
    }

    /// Every phase in order, anchor, duration and action, to tell two rules apart.
    var signature: String {
        phases.map { "\($0.anchor?.rawValue ?? "after") \($0.duration?.description ?? "indefinite") \($0.action.rawValue)" }
            .joined(separator: " > ")
    }
}

/// One step of a retention rule: after `duration` from `anchor` (or from the end of the phase it
/// follows), apply `action`.
public struct RetentionPhase: Sendable, Hashable {
    /// The key other phases refer to it by (`after: deactivate`).
    public var id: String
    /// What starts the clock; nil when the phase follows another.
    public var anchor: RetentionAnchor?
    /// The phase whose action starts the clock.
    public var after: Located<String>?
    /// How long after the anchor; nil when the period is indefinite.
    public var duration: ISODuration?
    /// What happens when the period ends.
    public var action: RetentionAction
    /// Where it is declared.
    public var location: SourceLocation
    /// Where `duration:` stands.
    public var durationLocation: SourceLocation

    /// True when the policy says the data is kept with no end.
    public var isIndefinite: Bool { duration == nil }
}

/// The event that starts a retention clock.
public enum RetentionAnchor: String, Sendable, Hashable, CaseIterable {
    /// When the data was collected (each record on its own date).
    case collection
    /// When the contract with the subject ended.
    case contractEnd = "contract_end"
    /// The subject's last contact with the controller (a prospect's last reply).
    case lastContact = "last_contact"
    /// The subject's last activity on a service (last login).
    case lastActivity = "last_activity"
    /// When the subject's account was deactivated.
    case accountDeactivation = "account_deactivation"
    /// When a candidate applied.
    case application
    /// When consent was given.
    case consent
    /// When consent was withdrawn.
    case consentWithdrawal = "consent_withdrawal"
    /// When the subject's relationship with the controller ended (contract, membership).
    case relationshipEnd = "relationship_end"
    /// The policy gives a period but no starting event; Registre counts it from collection,
    /// and the linter asks for the event.
    case unstated
}

/// An event that ends a retention period before its term.
public enum EarlyEndEvent: String, Sendable, Hashable, CaseIterable {
    /// The person withdraws consent (Art. 7(3)).
    case consentWithdrawal = "consent_withdrawal"
    /// The person objects (Art. 21).
    case objection
    /// The person asks for erasure (Art. 17).
    case erasureRequest = "erasure_request"
    /// The person deletes their account.
    case accountDeletion = "account_deletion"
    /// A candidate is not hired.
    case applicationRejected = "application_rejected"
}

/// What happens to data when its period ends.
public enum RetentionAction: String, Sendable, Hashable, CaseIterable {
    /// Rows are deleted.
    case delete
    /// Identifying fields are replaced so the rest is no longer personal data.
    case anonymise
    /// Moved to intermediate archiving: kept apart, restricted access, for legal needs.
    case archive
    /// The account is switched off; the data stays until a later phase.
    case deactivate

    /// True when the data stops being personal data at this step.
    public var endsProcessing: Bool { self == .delete || self == .anonymise }
}

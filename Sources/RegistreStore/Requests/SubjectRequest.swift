import Foundation
import RegistreCore

/// A right a data subject request exercises, among those Registre carries out on the company's
/// databases or records in its own registers.
public enum SubjectRight: String, Sendable, CaseIterable, Codable {
    case access, portability, rectification, erasure, restriction, objection
    /// Withdrawal of consent (Art. 7(3)), recorded in the consent ledger.
    case withdrawConsent = "withdraw_consent"

    /// The right as a policy offers it (and as notices name it).
    public var declared: DataSubjectRight { DataSubjectRight(rawValue: rawValue)! }

    /// The article of the GDPR.
    public var article: String {
        switch self {
        case .access: "Art. 15"
        case .portability: "Art. 20"
        case .rectification: "Art. 16"
        case .erasure: "Art. 17"
        case .restriction: "Art. 18"
        case .objection: "Art. 21"
        case .withdrawConsent: "Art. 7(3)"
        }
    }
}

/// Where a request stands: received -> awaiting identity -> in progress -> closed. The clock of
/// Art. 12(3) runs from the day the person's identity is confirmed; a closed request
/// (completed, partially completed, refused, cancelled) never reopens.
public enum RequestState: String, Sendable, CaseIterable, Codable {
    /// Received; nothing has been asked of the person yet (no code sent), and the clock waits.
    case received
    /// The person was asked to confirm their identity (a code was sent); the clock waits.
    case awaitingIdentity = "awaiting_identity"
    /// Identity confirmed; the deadline runs.
    case inProgress = "in_progress"
    case completed
    /// Done, with something kept or left, and why (an erasure under a legal obligation).
    case partiallyCompleted = "partially_completed"
    /// Refused, with the reasons and the right to complain (Art. 12(4)).
    case refused
    case cancelled

    /// True until the request is answered one way or another.
    public var isOpen: Bool { self == .received || self == .awaitingIdentity || self == .inProgress }

    /// Whether the person's identity is still to be confirmed (the clock waits).
    public var awaitsIdentity: Bool { self == .received || self == .awaitingIdentity }
}

/// A data subject request as Registre keeps it: what is asked, by whom (as a keyed hash; the
/// identities themselves are sealed), and its deadline.
public struct SubjectRequest: Sendable, Hashable {
    /// The request's number, from 1.
    public var id: Int64
    public var right: SubjectRight
    public var state: RequestState
    /// The keyed hash of the first identity given, to find a person's requests.
    public var subjectHash: String
    /// The identities and the details of the request (corrections), as JSON sealed with
    /// AES-GCM under a key derived from the store's secret: Registre must be able to act on
    /// them, nobody reading the database should.
    public var sealedDetails: String
    public var receivedAt: Date
    /// The day the clock started: identity confirmed.
    public var startedOn: CivilDate?
    /// One month after ``startedOn`` (Regulation 1182/71).
    public var dueOn: CivilDate?
    /// Three months after ``startedOn``, once extended (Art. 12(3)).
    public var extendedTo: CivilDate?
    /// Why it was extended, as told to the person within the first month.
    public var extensionReason: String?
    public var closedAt: Date?
    /// How it ended: the result of carrying it out (JSON), or the reasons of a refusal or a
    /// cancellation.
    public var outcome: String?
    /// Increased by every change, so two writers cannot overwrite each other.
    public var version: Int64
    /// The keyed hash of the one-time code sent to confirm the person's identity, while one is out.
    public var codeHash: String?
    /// When that code stops being accepted (seven days after it was sent).
    public var codeExpiresAt: Date?
    /// Wrong codes tried since it was sent.
    public var codeAttempts: Int
    /// The deadline the last reminder was sent for (an extension calls for a new one).
    public var remindedFor: CivilDate?

    /// Creates a request.
    public init(
        id: Int64, right: SubjectRight, state: RequestState, subjectHash: String, sealedDetails: String, receivedAt: Date,
        startedOn: CivilDate? = nil, dueOn: CivilDate? = nil, extendedTo: CivilDate? = nil, extensionReason: String? = nil,
        closedAt: Date? = nil, outcome: String? = nil, version: Int64 = 1, codeHash: String? = nil, codeExpiresAt: Date? = nil, codeAttempts: Int = 0,
        remindedFor: CivilDate? = nil
    ) {
        self.id = id
        self.right = right
        self.state = state
        self.subjectHash = subjectHash
        self.sealedDetails = sealedDetails
        self.receivedAt = receivedAt
        self.startedOn = startedOn
        self.dueOn = dueOn
        self.extendedTo = extendedTo
        self.extensionReason = extensionReason
        self.closedAt = closedAt
        self.outcome = outcome
        self.version = version
        self.codeHash = codeHash
        self.codeExpiresAt = codeExpiresAt
        self.codeAttempts = codeAttempts
        self.remindedFor = remindedFor
    }

    /// The day the answer is due: the extended deadline once there is one.
    public var deadline: CivilDate? { extendedTo ?? dueOn }

    /// True when it is open, its deadline falls within `days` of `today` (or has passed), and no
    /// reminder was sent for that deadline yet.
    public func needsReminder(on today: CivilDate, within days: Int64) -> Bool {
        guard state.isOpen, let deadline, remindedFor != deadline else { return false }
        return deadline <= CivilDate(daysSince1970: today.daysSince1970 + days)
    }

    /// True when it is still open after its deadline on `today`.
    public func isOverdue(on today: CivilDate) -> Bool {
        guard state.isOpen, let deadline else { return false }
        return today > deadline
    }
}

/// What a request asks, kept sealed: the person's identities (`email=...`); for a
/// rectification, the corrections (`customer.phone=...`) and the rows they concern; for a
/// restriction or an objection, the activities, the ground and the person's reasons.
public struct RequestDetails: Sendable, Hashable, Codable {
    public var identities: [String]
    public var corrections: [String]
    public var filters: [String]
    public var activities: [String]
    /// For a restriction: the ground of Art. 18(1).
    public var ground: ProcessingLimits.RestrictionGround?
    /// The person's own reasons (an objection's grounds under Art. 21(1)).
    public var reason: String?

    /// Creates details.
    public init(
        identities: [String], corrections: [String] = [], filters: [String] = [], activities: [String] = [],
        ground: ProcessingLimits.RestrictionGround? = nil, reason: String? = nil
    ) {
        self.identities = identities
        self.corrections = corrections
        self.filters = filters
        self.activities = activities
        self.ground = ground
        self.reason = reason
    }

    /// Reads details sealed by any version: fields added later may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        identities = try container.decode([String].self, forKey: .identities)
        corrections = try container.decodeIfPresent([String].self, forKey: .corrections) ?? []
        filters = try container.decodeIfPresent([String].self, forKey: .filters) ?? []
        activities = try container.decodeIfPresent([String].self, forKey: .activities) ?? []
        ground = try container.decodeIfPresent(ProcessingLimits.RestrictionGround.self, forKey: .ground)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
    }
}

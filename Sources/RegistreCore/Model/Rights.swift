/// The rights of data subjects the policy offers, and how they are exercised (GDPR Art. 12-22,
/// French Data Protection Act art. 85).
public struct RightsPolicy: Sendable, Hashable {
    /// The rights offered, each with its scope.
    public var offered: [OfferedRight]
    /// Where to send a request.
    public var contact: Contact?
    /// How long the controller takes to answer; GDPR Art. 12(3) allows one month.
    public var responseTime: ISODuration?
    /// The extension the controller may take; Art. 12(3) allows two more months.
    public var responseExtension: ISODuration?
    /// When the extension is used ("complex requests").
    public var extensionCondition: LocalizedText?
    /// When proof of identity is asked for.
    public var identityProof: IdentityProof?
    /// True when the proof of identity is destroyed once the request is processed.
    public var destroysIdentityProof: Bool
    /// More about exercising rights, as the policy says it.
    public var notes: LocalizedText?
    /// Where `rights:` stands.
    public var location: SourceLocation
    /// Where each key stands.
    public var keyLocations: [String: SourceLocation] = [:]

    /// The place of `key`, or the section's own place when the key is absent.
    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }

    /// True when `right` is offered.
    public func offers(_ right: DataSubjectRight) -> Bool { offered.contains { $0.right == right } }

    /// The declaration of `right`, when it is offered.
    public func declaration(of right: DataSubjectRight) -> OfferedRight? { offered.first { $0.right == right } }
}

/// A right as the policy offers it.
public struct OfferedRight: Sendable, Hashable {
    /// Which right.
    public var right: DataSubjectRight
    /// The activities it applies to; empty means all that the law allows.
    public var activities: [Located<String>]
    /// How the policy describes it.
    public var description: LocalizedText?
    /// Where it is declared.
    public var location: SourceLocation
}

/// A right of the data subject.
public enum DataSubjectRight: String, Sendable, Hashable, CaseIterable {
    /// Access to one's data (Art. 15).
    case access
    /// Rectification (Art. 16).
    case rectification
    /// Erasure (Art. 17).
    case erasure
    /// Restriction of processing (Art. 18).
    case restriction
    /// Objection (Art. 21).
    case objection
    /// Portability (Art. 20).
    case portability
    /// Withdrawal of consent (Art. 7(3)).
    case withdrawConsent = "withdraw_consent"
    /// Directives for after death (French Data Protection Act art. 85).
    case postMortem = "post_mortem"
    /// Not being subject to a solely automated decision (Art. 22).
    case noAutomatedDecision = "no_automated_decision"

    /// The article that grants it.
    public var article: String {
        switch self {
        case .access: "GDPR Art. 15"
        case .rectification: "GDPR Art. 16"
        case .erasure: "GDPR Art. 17"
        case .restriction: "GDPR Art. 18"
        case .objection: "GDPR Art. 21"
        case .portability: "GDPR Art. 20"
        case .withdrawConsent: "GDPR Art. 7(3)"
        case .postMortem: "French Data Protection Act art. 85"
        case .noAutomatedDecision: "GDPR Art. 22"
        }
    }
}

/// When proof of identity is asked for.
public enum IdentityProof: String, Sendable, Hashable, CaseIterable {
    /// With every request.
    case always
    /// Only when there is reasonable doubt (Art. 12(6)); the CNIL's recommended practice.
    case whenInDoubt = "when_in_doubt"
    /// Never.
    case never
}

/// How consent to trackers is collected.
public enum ConsentMechanism: String, Sendable, Hashable, CaseIterable {
    /// A banner that asks before any tracker needing consent is set (Registre's own banner).
    case banner
    /// Only the browser's settings: not consent (CNIL deliberation 2020-091 art. 2).
    case browserSettings = "browser_settings"
    /// Consent inferred from continued browsing: not consent (CJEU C-673/17 Planet49).
    case implied
    /// Trackers are set and the person may opt out: not consent.
    case optOut = "opt_out"
}

/// How the choices made in the consent banner are kept (CNIL deliberation 2020-091).
public struct ConsentSettings: Sendable, Hashable {
    /// How long a consent lasts before the banner asks again; the CNIL recommends 13 months at most.
    public var lifetime: ISODuration
    /// How long a refusal is remembered before the banner asks again.
    public var refusalLifetime: ISODuration
    /// How consent to trackers is collected; nil when the policy does not say.
    public var mechanism: ConsentMechanism?
    /// True when `Sec-GPC: 1` counts as a refusal of consent-based purposes.
    public var honoursGlobalPrivacyControl: Bool
    /// Where `consent:` stands.
    public var location: SourceLocation
    /// Where each key stands.
    public var keyLocations: [String: SourceLocation] = [:]

    /// The place of `key`, or the section's own place when the key is absent.
    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }
}

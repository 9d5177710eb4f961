/// A cookie or similar technology read or written on a visitor's device (ePrivacy Directive
/// art. 5(3), French Data Protection Act art. 82).
public struct Tracker: Sendable, Hashable {
    /// The cookie or key name, such as `_pendo_meta.PENDO_API_KEY`.
    public var name: String
    /// Who sets it, such as `Zendesk` or `Matomo`.
    public var provider: String?
    /// The product or service of the site that uses it.
    public var service: String?
    /// What it is for, as the policy says.
    public var purpose: LocalizedText?
    /// The category that decides whether consent is needed.
    public var category: TrackerCategory
    /// How long it lives on the device.
    public var lifetime: TrackerLifetime
    /// True when it is exempt from consent (strictly necessary, or audience measurement that meets
    /// the CNIL's conditions).
    public var isExempt: Bool
    /// The processing activity whose consent it depends on.
    public var activity: Located<String>?
    /// True when the site's own domain sets it.
    public var isFirstParty: Bool?
    /// Where it is declared.
    public var location: SourceLocation
    /// Where each key stands.
    public var keyLocations: [String: SourceLocation]
}

/// The category of a tracker, as banners present them.
public enum TrackerCategory: String, Sendable, Hashable, CaseIterable {
    /// Strictly necessary for a service the user asked for.
    case essential
    /// Audience measurement and statistics.
    case analytics
    /// Preferences and features the user turns on.
    case functionality
    /// Advertising and targeting.
    case advertising
    /// Social network plugins and sharing buttons.
    case socialMedia = "social_media"
}

/// How long a tracker lives.
public enum TrackerLifetime: Sendable, Hashable, CustomStringConvertible {
    /// Until the browser closes.
    case session
    /// A fixed period.
    case period(ISODuration)
    /// No expiry.
    case indefinite
    /// The policy does not give the lifetime.
    case unstated

    public var description: String {
        switch self {
        case .session: "session"
        case .period(let duration): duration.description
        case .indefinite: "indefinite"
        case .unstated: "unstated"
        }
    }
}

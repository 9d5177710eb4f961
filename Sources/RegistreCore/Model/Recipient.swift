/// Someone who receives personal data (GDPR Art. 4(9)): an internal team, a processor, a third
/// party or an authority.
public struct Recipient: Sendable, Hashable {
    /// The key activities refer to it by.
    public var id: String
    /// Its name.
    public var name: LocalizedText
    /// What kind of recipient it is.
    public var kind: Kind
    /// What it does with the data.
    public var role: LocalizedText?
    /// The countries where it receives or processes the data (ISO 3166-1 alpha-2).
    public var countries: [Located<String>]
    /// Where it processes the data when the policy names a region rather than countries.
    public var region: Region?
    /// True when a data processing agreement under Art. 28(3) is signed.
    public var hasProcessingAgreement: Bool?
    /// The safeguard of a transfer outside the EEA (Art. 44-49).
    public var safeguard: Safeguard?
    /// A link or reference to the safeguard's document.
    public var safeguardReference: String?
    /// Where it is declared.
    public var location: SourceLocation
    /// Where each key stands.
    public var keyLocations: [String: SourceLocation]

    /// What kind of recipient it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A team of the controller's own staff.
        case internalTeam = "internal"
        /// A processor or sub-processor acting on the controller's behalf (Art. 28).
        case processor
        /// A third party that receives data for its own purposes.
        case thirdParty = "third_party"
        /// A public authority, a court, a regulated profession.
        case authority
        /// Another entity of the same group.
        case groupEntity = "group_entity"
        /// A joint controller (Art. 26).
        case jointController = "joint_controller"
    }
}

/// Where a recipient processes data when the policy names no country.
public enum Region: String, Sendable, Hashable, CaseIterable {
    /// Somewhere in the European Economic Area.
    case eea
    /// Somewhere outside the EEA.
    case outsideEEA = "outside_eea"
    /// In countries inside and outside the EEA.
    case worldwide

    /// True when data may leave the EEA.
    public var leavesEEA: Bool { self != .eea }
}

/// A safeguard that makes a transfer outside the EEA lawful (GDPR Chapter V).
public enum Safeguard: String, Sendable, Hashable, Codable, CaseIterable {
    /// An adequacy decision of the Commission (Art. 45).
    case adequacy
    /// The EU-US Data Privacy Framework, an adequacy decision for certified US organisations.
    case dataPrivacyFramework = "dpf"
    /// Standard contractual clauses (Art. 46(2)(c)).
    case standardContractualClauses = "scc"
    /// Binding corporate rules (Art. 47).
    case bindingCorporateRules = "bcr"
    /// An approved code of conduct (Art. 46(2)(e)).
    case codeOfConduct = "code_of_conduct"
    /// An approved certification (Art. 46(2)(f)).
    case certification
    /// A derogation for a specific situation (Art. 49), for occasional transfers only.
    case derogation
    /// "Appropriate safeguards" that the policy does not name: the linter reports it.
    case unspecified
    /// Declared as having none: the linter reports it.
    case none

    /// The article that provides it.
    public var article: String {
        switch self {
        case .adequacy, .dataPrivacyFramework: "GDPR Art. 45"
        case .standardContractualClauses: "GDPR Art. 46(2)(c)"
        case .bindingCorporateRules: "GDPR Art. 47"
        case .codeOfConduct: "GDPR Art. 46(2)(e)"
        case .certification: "GDPR Art. 46(2)(f)"
        case .derogation: "GDPR Art. 49"
        case .none, .unspecified: "GDPR Art. 44"
        }
    }
}

/// A transfer of personal data to a country outside the EEA that is not carried by a single
/// declared recipient, such as ODOIP's "occasional transfer" through a third-party service.
public struct Transfer: Sendable, Hashable {
    /// The key activities refer to it by.
    public var id: String
    /// The destination countries; empty when the policy does not name them.
    public var countries: [Located<String>]
    /// The recipient, when one is named.
    public var recipient: Located<String>?
    /// The safeguard.
    public var safeguard: Safeguard?
    /// True when the transfer is occasional, false when regular, nil when the policy does not say.
    public var isOccasional: Bool?
    /// What is transferred and why.
    public var description: LocalizedText?
    /// Where it is declared.
    public var location: SourceLocation
    /// Where each key stands.
    public var keyLocations: [String: SourceLocation]
}

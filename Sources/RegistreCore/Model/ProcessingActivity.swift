/// A processing activity: one purpose, its legal basis, the data it uses, about whom, from where,
/// shared with whom, and kept how long (GDPR Art. 30(1), Art. 13-14).
public struct ProcessingActivity: Sendable, Hashable {
    /// The key other parts of the policy refer to it by, such as `billing`.
    public var id: String
    /// Its name, such as "Billing and accounting".
    public var name: LocalizedText
    /// The purpose in more words.
    public var description: LocalizedText?
    /// The lawful basis of Art. 6(1); nil when the policy leaves it out (the linter reports it).
    public var legalBasis: LegalBasis?
    /// The legitimate interest pursued, for Art. 6(1)(f) (Art. 13(1)(d)).
    public var legitimateInterest: LocalizedText?
    /// The law that imposes the processing, for Art. 6(1)(c).
    public var legalObligation: String?
    /// True for steps taken at the subject's request before a contract (Art. 6(1)(b), second part).
    public var isPreContractual: Bool
    /// The Art. 9(2) condition, for special categories of data.
    public var specialCategoryCondition: SpecialCategoryCondition?
    /// What the activity is for, as fideslang data uses (`marketing.communications.email`).
    public var dataUses: [Located<String>]
    /// The data categories, as fideslang keys (`user.contact.email`).
    public var dataCategories: [Located<String>]
    /// About whom, as fideslang data subjects (`customer`, `prospect`).
    public var dataSubjects: [Located<String>]
    /// Where the data comes from, as ids of `sources:`.
    public var sources: [Located<String>]
    /// Whether providing the data is required, and what happens if not (Art. 13(2)(e)).
    public var requirement: DataRequirement?
    /// Who receives the data, as ids of `recipients:`.
    public var recipients: [Located<String>]
    /// Transfers outside the EEA not carried by a recipient, as ids of `transfers:`.
    public var transfers: [Located<String>]
    /// How long the data is kept; several rules when categories have different periods.
    public var retention: [RetentionRule]
    /// Whether the controller acts alone or jointly (Art. 26).
    public var controllership: Controllership
    /// The joint controllers, as ids of `organization.entities`.
    public var jointControllers: [Located<String>]
    /// How a consent given for this activity is withdrawn (Art. 7(3)).
    public var withdrawal: LocalizedText?
    /// True when it is audience measurement that meets the CNIL's conditions for exemption from
    /// consent (deliberation 2020-091 art. 5).
    public var isExemptAudienceMeasurement: Bool
    /// True when it makes decisions based solely on automated processing (Art. 22), false when
    /// the policy says it makes none, nil when the policy does not say.
    public var hasAutomatedDecisions: Bool?
    /// The systems or datasets that carry it out, for the connectors.
    public var systems: [Located<String>]
    /// Where it is declared.
    public var location: SourceLocation
    /// Where each key stands.
    public var keyLocations: [String: SourceLocation]

    /// The place of `key`, or the activity's own place when the key is absent.
    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }
}

/// Whether the controller decides alone (marked "RT" in OCTOOP's policy) or jointly.
public enum Controllership: String, Sendable, Hashable, CaseIterable {
    /// The controller alone.
    case sole
    /// Jointly with other controllers (Art. 26).
    case joint
}

/// Whether providing the data is a requirement, and what happens if the subject refuses
/// (Art. 13(2)(e)).
public struct DataRequirement: Sendable, Hashable {
    /// True when the data is required.
    public var isMandatory: Bool
    /// The fields that are required, when only some are.
    public var fields: [String]
    /// What happens if the data is not provided.
    public var consequence: LocalizedText?
    /// Why it is required: the law, a contract, or the service itself.
    public var reason: LocalizedText?
}

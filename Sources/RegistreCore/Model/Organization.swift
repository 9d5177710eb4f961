/// The controller: who decides why and how the data is processed (GDPR Art. 4(7)), and how to
/// reach it and its DPO.
public struct Organization: Sendable, Hashable {
    /// The legal name, such as `ODOIP SAS`.
    public var name: String
    /// The legal form (SAS, SA, GmbH...).
    public var legalForm: String?
    /// The share capital as written.
    public var shareCapital: String?
    /// The registered office.
    public var address: String?
    /// The country of the registered office (ISO 3166-1 alpha-2).
    public var country: String?
    /// Registration numbers: SIREN, RCS, VAT.
    public var registration: Registration
    /// The company's website.
    public var website: String?
    /// A general contact address for privacy matters.
    public var email: String?
    /// The data protection officer (Art. 37-39).
    public var dpo: Contact?
    /// False when the policy says no DPO is designated (`dpo: none`), nil when it does not say.
    public var isDPODesignated: Bool?
    /// The representative in the Union of a controller established outside it (Art. 27).
    public var representative: Contact?
    /// The authority a data subject can complain to (Art. 77).
    public var supervisoryAuthority: SupervisoryAuthority?
    /// The group the controller belongs to.
    public var group: String?
    /// Entities that act with the controller, such as Odigo's subsidiaries.
    public var entities: [Entity]
    /// The languages the notice is published in, such as `[fr, en]`.
    public var languages: [String]
    /// The language whose version prevails when versions differ.
    public var prevailingLanguage: String?
    /// Where `organization:` stands.
    public var location: SourceLocation
    /// Where each key stands.
    public var keyLocations: [String: SourceLocation]

    /// Registration numbers of the controller.
    public struct Registration: Sendable, Hashable {
        /// The SIREN, nine digits.
        public var siren: String?
        /// The trade register entry, such as `RCS Évry`.
        public var rcs: String?
        /// The intra-community VAT number.
        public var vat: String?
        /// Creates registration numbers.
        public init(siren: String? = nil, rcs: String? = nil, vat: String? = nil) {
            self.siren = siren
            self.rcs = rcs
            self.vat = vat
        }
    }

    /// Another legal entity named in the policy: a subsidiary, a group company, a joint controller.
    public struct Entity: Sendable, Hashable {
        /// The key activities refer to it by.
        public var id: String
        /// The legal name.
        public var name: String
        /// The country (ISO 3166-1 alpha-2), when one is given.
        public var country: String?
        /// `joint_controller`, `group_entity` or `controller`.
        public var role: String
        /// The essence of the joint-controller arrangement (Art. 26(2)).
        public var arrangement: LocalizedText?
        /// Where it is declared.
        public var location: SourceLocation
    }
}

/// A way to reach a person or a team.
public struct Contact: Sendable, Hashable {
    /// A name, when the policy gives one.
    public var name: String?
    /// An e-mail address.
    public var email: String?
    /// A postal address.
    public var postalAddress: String?
    /// A web form or page.
    public var url: String?
    /// A telephone number.
    public var phone: String?
    /// Where it is declared.
    public var location: SourceLocation

    /// True when the contact gives at least one way to reach someone.
    public var isReachable: Bool { email != nil || postalAddress != nil || url != nil || phone != nil }

    /// The ways to reach the contact, joined for display.
    public var summary: String {
        [name, email, phone, postalAddress, url].compactMap { $0 }.joined(separator: ", ")
    }
}

/// A supervisory authority (Art. 51), such as the CNIL.
public struct SupervisoryAuthority: Sendable, Hashable {
    /// Its name.
    public var name: String
    /// Its country (ISO 3166-1 alpha-2).
    public var country: String?
    /// Where to lodge a complaint.
    public var complaintURL: String?
    /// Where it is declared.
    public var location: SourceLocation
}

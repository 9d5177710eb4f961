/// A lawful basis of GDPR Art. 6(1), the ground on which a processing activity rests.
public enum LegalBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// Art. 6(1)(a): the data subject's consent.
    case consent
    /// Art. 6(1)(b): a contract with the data subject, or steps before entering into one.
    case contract
    /// Art. 6(1)(c): a legal obligation of the controller.
    case legalObligation = "legal_obligation"
    /// Art. 6(1)(d): the vital interests of a person.
    case vitalInterests = "vital_interests"
    /// Art. 6(1)(e): a task in the public interest or official authority.
    case publicTask = "public_task"
    /// Art. 6(1)(f): the legitimate interests of the controller or a third party.
    case legitimateInterests = "legitimate_interests"

    /// The letter of Art. 6(1).
    public var article: String {
        switch self {
        case .consent: "Art. 6(1)(a)"
        case .contract: "Art. 6(1)(b)"
        case .legalObligation: "Art. 6(1)(c)"
        case .vitalInterests: "Art. 6(1)(d)"
        case .publicTask: "Art. 6(1)(e)"
        case .legitimateInterests: "Art. 6(1)(f)"
        }
    }
}

/// A condition of GDPR Art. 9(2) that lifts the ban on processing special categories of data.
public enum SpecialCategoryCondition: String, Sendable, Hashable, Codable, CaseIterable {
    /// Art. 9(2)(a): explicit consent.
    case explicitConsent = "explicit_consent"
    /// Art. 9(2)(b): employment and social security law.
    case employment
    /// Art. 9(2)(c): vital interests of a person unable to consent.
    case vitalInterests = "vital_interests"
    /// Art. 9(2)(d): a not-for-profit body, for its members.
    case notForProfit = "not_for_profit"
    /// Art. 9(2)(e): made manifestly public by the person.
    case madePublic = "made_public"
    /// Art. 9(2)(f): legal claims or courts acting judicially.
    case legalClaims = "legal_claims"
    /// Art. 9(2)(g): substantial public interest, on a basis in law.
    case substantialPublicInterest = "substantial_public_interest"
    /// Art. 9(2)(h): medicine, health or social care.
    case healthCare = "health_care"
    /// Art. 9(2)(i): public health.
    case publicHealth = "public_health"
    /// Art. 9(2)(j): archiving, research or statistics.
    case archivingResearch = "archiving_research"

    /// The letter of Art. 9(2).
    public var article: String {
        let letters = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        let index = Self.allCases.firstIndex(of: self)!
        return "Art. 9(2)(\(letters[index]))"
    }
}

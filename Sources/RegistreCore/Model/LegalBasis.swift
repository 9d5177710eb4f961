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
    case explicitConsent = "explicit_consent"
    case employment
    case vitalInterests = "vital_interests"
    case notForProfit = "not_for_profit"
    case madePublic = "made_public"
    case legalClaims = "legal_claims"
    case substantialPublicInterest = "substantial_public_interest"
    case healthCare = "health_care"
    case publicHealth = "public_health"
    case archivingResearch = "archiving_research"

    /// The letter of Art. 9(2).
    public var article: String {
        let letters = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        let index = Self.allCases.firstIndex(of: self)!
        return "Art. 9(2)(\(letters[index]))"
    }
}

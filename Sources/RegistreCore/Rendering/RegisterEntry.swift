/// One entry of the record of processing activities (GDPR Art. 30(1)), with the fields (a) to
/// (g) in the order of the CNIL's register template.
public struct RegisterEntry: Sendable, Codable, Hashable {
    /// The activity's id, the entry's reference.
    public var reference: String
    /// The activity's name.
    public var name: String
    /// The date of the last update of the policy.
    public var updated: String
    /// (a) The controller's name and contact details.
    public var controller: String
    /// (a) The joint controllers.
    public var jointControllers: [String]
    /// (a) The representative in the Union.
    public var representative: String
    /// (a) The data protection officer.
    public var dpo: String
    /// (b) The purpose.
    public var purpose: String
    /// (b) The legal basis, with the legitimate interest or legal obligation.
    public var legalBasis: String
    /// (c) The categories of data subjects.
    public var dataSubjects: [String]
    /// (c) The categories of personal data.
    public var dataCategories: [String]
    /// (c) The special categories (Art. 9) and criminal data (Art. 10), with the Art. 9(2) condition.
    public var sensitiveData: String
    /// Where the data comes from.
    public var sources: [String]
    /// (d) The recipients, with their kind and location.
    public var recipients: [String]
    /// (e) Transfers to third countries with their safeguards.
    public var transfers: [String]
    /// (f) The time limits for erasure.
    public var retention: [String]
    /// The periods as the published policy words them.
    public var retentionAsPublished: [String]
    /// (g) The technical and organisational security measures.
    public var securityMeasures: [String]

    enum CodingKeys: String, CodingKey {
        case reference, name, updated
        case controller = "a_controller"
        case jointControllers = "a_joint_controllers"
        case representative = "a_representative"
        case dpo = "a_dpo"
        case purpose = "b_purpose"
        case legalBasis = "b_legal_basis"
        case dataSubjects = "c_data_subjects"
        case dataCategories = "c_data_categories"
        case sensitiveData = "c_sensitive_data"
        case sources
        case recipients = "d_recipients"
        case transfers = "e_transfers"
        case retention = "f_retention"
        case retentionAsPublished = "f_retention_as_published"
        case securityMeasures = "g_security_measures"
    }
}

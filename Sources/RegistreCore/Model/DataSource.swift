/// Where the data of an activity comes from: a form, server logs, a payment provider, a partner.
/// Data not obtained from the data subject brings the duties of GDPR Art. 14.
public struct DataSource: Sendable, Hashable {
    /// The key activities refer to it by.
    public var id: String
    /// What a reader sees.
    public var name: LocalizedText
    /// How the data reaches the controller.
    public var kind: Kind
    /// Where it is declared.
    public var location: SourceLocation

    /// How the data reaches the controller.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The data subject provides it (a form, an e-mail): Art. 13.
        case dataSubject = "data_subject"
        /// Observed while the subject uses a service (logs, cookies): Art. 13.
        case observed
        /// Received from someone else (a client, a partner, a provider): Art. 14.
        case thirdParty = "third_party"
        /// Taken from a publicly accessible source (a social network profile): Art. 14.
        case publicSource = "public"

        /// True when the data is not obtained from the data subject (Art. 14).
        public var isIndirect: Bool { self == .thirdParty || self == .publicSource }
    }
}

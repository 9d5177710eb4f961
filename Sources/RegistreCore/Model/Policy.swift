/// A company's privacy policy as code: the controller, its processing activities, who receives
/// the data, where it goes, how long it is kept, its trackers and the rights it offers. Loaded
/// once from a policy file by ``PolicyLoader``, then immutable.
public struct Policy: Sendable {
    /// The file it was read from.
    public var file: String
    /// The policy's version and how changes are announced.
    public var metadata: PolicyMetadata
    /// The controller.
    public var organization: Organization
    /// The fideslang taxonomy, with the keys the policy adds.
    public var taxonomy: Taxonomy
    /// Where the data comes from.
    public var sources: [DataSource]
    /// Who receives it.
    public var recipients: [Recipient]
    /// Transfers outside the EEA not carried by a single recipient.
    public var transfers: [Transfer]
    /// The processing activities.
    public var activities: [ProcessingActivity]
    /// Cookies and similar trackers.
    public var trackers: [Tracker]
    /// The rights offered and how to exercise them.
    public var rights: RightsPolicy
    /// How banner choices are kept.
    public var consent: ConsentSettings
    /// Technical and organisational security measures (Art. 32), for the register.
    public var securityMeasures: [LocalizedText]
    /// Where `security:` stands.
    public var securityLocation: SourceLocation?

    /// The activity with `id`.
    public func activity(_ id: String) -> ProcessingActivity? { activities.first { $0.id == id } }
    /// The recipient with `id`.
    public func recipient(_ id: String) -> Recipient? { recipients.first { $0.id == id } }
    /// The source with `id`.
    public func source(_ id: String) -> DataSource? { sources.first { $0.id == id } }
    /// The transfer with `id`.
    public func transfer(_ id: String) -> Transfer? { transfers.first { $0.id == id } }

    /// The transfers an activity's data takes: those it lists, and those made through one of its
    /// recipients.
    public func transfers(of activity: ProcessingActivity) -> [Transfer] {
        let recipients = Set(activity.recipients.map(\.value))
        let listed = Set(activity.transfers.map(\.value))
        return transfers.filter { listed.contains($0.id) || $0.recipient.map { recipients.contains($0.value) } == true }
    }

    /// The notice languages, the prevailing one first.
    public var languages: [String] {
        let declared = organization.languages.isEmpty ? ["en"] : organization.languages
        guard let prevailing = organization.prevailingLanguage, declared.contains(prevailing) else { return declared }
        return [prevailing] + declared.filter { $0 != prevailing }
    }
}

/// The version of the policy and how its changes reach the people concerned.
public struct PolicyMetadata: Sendable, Hashable {
    /// A version label, such as `2026-05`.
    public var version: String?
    /// The date of the last update.
    public var updated: PolicyDate?
    /// The version consent records cite: the label, else the date of the last update.
    public var recordedVersion: String { version ?? updated?.description ?? "unversioned" }
    /// Where the published policy lives.
    public var url: String?
    /// How substantial changes are notified: `email`, `website_notice`, `none`.
    public var changeNotification: String?
    /// More about changes, as the policy says it.
    public var changeStatement: LocalizedText?
    /// Where `policy:` stands.
    public var location: SourceLocation
    /// Where each key stands.
    public var keyLocations: [String: SourceLocation]
}

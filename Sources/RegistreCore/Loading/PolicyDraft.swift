/// Reads the top level of a policy file. Each section has its own reader in
/// `PolicyDraft+Section.swift`; references between sections are checked in
/// `PolicyDraft+References.swift` once everything is read.
enum PolicyDraft {
    /// The format version this build reads.
    static let formatVersion = 1

    static func read(from root: YAMLMapping) -> Policy? {
        root.acceptKeys(withPrefix: "x-")
        if let version = root.optional("registre"), let number = version.integer(), number != formatVersion {
            root.context.error(
                "schema-invalid-value", "registre: format version \(number) is not supported; this build reads version \(formatVersion)",
                at: version.location)
        }
        let metadata = root.optional("policy")?.mapping(readMetadata)
            ?? PolicyMetadata(location: root.location, keyLocations: [:])
        let organization = root.required("organization", "the controller's identity")?.mapping(readOrganization)
        var taxonomy = Taxonomy.fideslang
        if let extensions = root.optional("taxonomy") {
            extensions.mapping { readTaxonomy($0, into: &taxonomy) }
        }
        let sources = root.list("sources", readSource)
        let recipients = root.list("recipients", readRecipient)
        let transfers = root.list("transfers", readTransfer)
        let activities = root.list("activities", readActivity)
        if !root.contains("activities") {
            root.context.error("schema-missing-key", "the policy needs 'activities' (the processing activities)", at: root.location)
        }
        let trackers = root.list("trackers", readTracker)
        let rights = root.optional("rights")?.mapping(readRights)
            ?? RightsPolicy(offered: [], destroysIdentityProof: false, location: root.location)
        let consent = root.optional("consent")?.mapping(readConsent)
            ?? ConsentSettings(lifetime: .thirteenMonths, refusalLifetime: ISODuration(months: 6), mechanism: nil, honoursGlobalPrivacyControl: true, location: root.location)
        let securityValue = root.optional("security")
        let security = securityValue?.localizedTexts() ?? []
        guard let organization else { return nil }
        return Policy(
            file: root.context.file, metadata: metadata, organization: organization, taxonomy: taxonomy,
            sources: sources, recipients: recipients, transfers: transfers, activities: activities,
            trackers: trackers, rights: rights, consent: consent, securityMeasures: security,
            securityLocation: securityValue?.location)
    }

    static func readMetadata(_ map: YAMLMapping) -> PolicyMetadata {
        PolicyMetadata(
            version: map.optional("version")?.nonEmptyString(),
            updated: map.optional("updated")?.date(),
            url: map.optional("url")?.nonEmptyString(),
            changeNotification: map.optional("change_notification")?.keyword(["email", "website_notice", "email_and_website", "none"], what: "way to notify changes"),
            changeStatement: map.optional("changes")?.localizedText(),
            location: map.location,
            keyLocations: map.keyLocations(["version", "updated", "change_notification"]))
    }

    static func readTaxonomy(_ map: YAMLMapping, into taxonomy: inout Taxonomy) {
        let sections: [(String, TaxonomyKind)] = [
            ("data_categories", .dataCategory), ("data_uses", .dataUse), ("data_subjects", .dataSubject),
        ]
        for (key, kind) in sections {
            let entries = map.list(key) { entry, _ -> (TaxonomyEntry, SourceLocation)? in
                let keyValue = entry.required("key", "the dotted key")
                let key = keyValue?.identifier()
                let declaredParent = entry.optional("parent")?.identifier()
                let label = entry.optional("name")?.localizedText()
                let description = entry.optional("description")?.nonEmptyString()
                let special = entry.optional("special_category")?.bool() ?? false
                let criminal = entry.optional("criminal_data")?.bool() ?? false
                guard let keyValue, let key else { return nil }
                let parent = declaredParent ?? (key.contains(".") ? String(key[..<key.lastIndex(of: ".")!]) : nil)
                let result = TaxonomyEntry(
                    key: key, parent: parent,
                    name: label.map { $0.neutral ?? $0.text(in: "en") } ?? key,
                    description: description ?? "",
                    isSpecialCategory: special, isCriminalData: criminal,
                    translations: label?.translations ?? [:])
                return (result, keyValue.location)
            }
            for (entry, location) in entries {
                let existing = taxonomy.entries(kind)
                if existing[entry.key] != nil {
                    map.context.error("schema-duplicate-id", "taxonomy: the \(kind.rawValue) '\(entry.key)' already exists", at: location)
                } else if let parent = entry.parent, existing[parent] == nil {
                    map.context.error(
                        "taxonomy-unknown-key", "taxonomy: the parent '\(parent)' of '\(entry.key)' is not a known \(kind.rawValue)",
                        at: location)
                } else {
                    taxonomy.add(entry, to: kind)
                }
            }
        }
    }
}

extension PolicyDraft {
    static func readOrganization(_ map: YAMLMapping) -> Organization? {
        let name = map.required("name", "the controller's legal name")?.nonEmptyString()
        let registration = map.optional("registration")?.mapping { reg in
            Organization.Registration(
                siren: reg.optional("siren")?.nonEmptyString(),
                rcs: reg.optional("rcs")?.nonEmptyString(),
                vat: reg.optional("vat")?.nonEmptyString())
        }
        let authority = map.optional("supervisory_authority")?.mapping { auth in
            auth.required("name", "the authority's name")?.nonEmptyString().map {
                SupervisoryAuthority(
                    name: $0, country: auth.optional("country")?.country()?.value,
                    complaintURL: auth.optional("complaint_url")?.nonEmptyString(), location: auth.location)
            }
        }
        let entities = map.list("entities") { entity, _ -> Organization.Entity? in
            let id = entity.required("id", "a key to refer to it")?.identifier()
            let name = entity.required("name", "its legal name")?.nonEmptyString()
            let country = entity.optional("country")?.country()?.value
            let role = entity.optional("role")?.keyword(["joint_controller", "group_entity", "controller", "processor"], what: "entity role")
            let arrangement = entity.optional("arrangement")?.localizedText()
            guard let id, let name else { return nil }
            return Organization.Entity(
                id: id, name: name, country: country, role: role ?? "group_entity", arrangement: arrangement, location: entity.location)
        }
        let languages = map.optional("languages")?.strings() ?? []
        for language in languages where !YAMLValue.isLanguageCode(language.value) {
            map.context.error("schema-invalid-value", "organization.languages: '\(language.value)' is not a language code such as fr or en", at: language.location)
        }
        let prevailing = map.optional("prevailing_language")?.nonEmptyString()
        if let prevailing, !languages.contains(where: { $0.value == prevailing }) {
            map.context.error(
                "schema-invalid-value", "organization.prevailing_language '\(prevailing)' is not one of organization.languages",
                at: map.location(of: "prevailing_language"))
        }
        let dpoValue = map.optional("dpo")
        guard let name else { return nil }
        return Organization(
            name: name,
            legalForm: map.optional("legal_form")?.nonEmptyString(),
            shareCapital: map.optional("share_capital")?.nonEmptyString(),
            address: map.optional("address")?.nonEmptyString(),
            country: map.optional("country")?.country()?.value,
            registration: registration ?? Organization.Registration(),
            website: map.optional("website")?.nonEmptyString(),
            email: map.optional("email")?.nonEmptyString(),
            dpo: dpoValue?.node.scalar?.string == "none" ? nil : dpoValue?.contact(),
            isDPODesignated: dpoValue.map { $0.node.scalar?.string != "none" },
            representative: map.optional("representative")?.contact(),
            supervisoryAuthority: authority,
            group: map.optional("group")?.nonEmptyString(),
            entities: entities,
            languages: languages.map(\.value),
            prevailingLanguage: prevailing,
            location: map.location,
            keyLocations: map.keyLocations(["name", "address", "registration", "dpo", "supervisory_authority", "languages", "prevailing_language"]))
    }

    static func readSource(_ map: YAMLMapping, _ index: Int) -> DataSource? {
        let id = map.required("id", "a key activities refer to")?.identifier()
        let name = map.required("name", "what a reader sees")?.localizedText()
        let kind = map.optional("kind")?.keyword(DataSource.Kind.self, what: "source kind") ?? .dataSubject
        guard let id, let name else { return nil }
        return DataSource(id: id, name: name, kind: kind, location: map.location)
    }

    static func readRecipient(_ map: YAMLMapping, _ index: Int) -> Recipient? {
        let id = map.required("id", "a key activities refer to")?.identifier()
        let name = map.required("name", "its name")?.localizedText()
        let kind = map.required("kind", "internal, processor, third_party, authority, group_entity or joint_controller")?
            .keyword(Recipient.Kind.self, what: "recipient kind")
        let recipient = Recipient(
            id: id ?? "", name: name ?? LocalizedText(""), kind: kind ?? .thirdParty,
            role: map.optional("role")?.localizedText(),
            countries: (map.optional("countries")?.list() ?? []).compactMap { $0.country() },
            region: map.optional("region")?.keyword(Region.self, what: "region"),
            hasProcessingAgreement: map.optional("dpa")?.bool(),
            safeguard: map.optional("safeguard")?.keyword(Safeguard.self, what: "transfer safeguard"),
            safeguardReference: map.optional("safeguard_reference")?.nonEmptyString(),
            location: map.location,
            keyLocations: map.keyLocations(["countries", "region", "dpa", "safeguard", "kind"]))
        return id == nil || name == nil || kind == nil ? nil : recipient
    }

    static func readTransfer(_ map: YAMLMapping, _ index: Int) -> Transfer? {
        let id = map.required("id", "a key activities refer to")?.identifier()
        let transfer = Transfer(
            id: id ?? "",
            countries: (map.optional("countries")?.list() ?? []).compactMap { $0.country() },
            recipient: map.optional("recipient").flatMap { value in value.identifier().map { Located($0, at: value.location) } },
            safeguard: map.optional("safeguard")?.keyword(Safeguard.self, what: "transfer safeguard"),
            isOccasional: map.optional("occasional")?.bool(),
            description: map.optional("description")?.localizedText(),
            location: map.location,
            keyLocations: map.keyLocations(["countries", "safeguard", "recipient"]))
        return id == nil ? nil : transfer
    }

    static func readTracker(_ map: YAMLMapping, _ index: Int) -> Tracker? {
        let name = map.required("name", "the cookie or key name")?.nonEmptyString()
        let category = map.required("category", "essential, analytics, functionality, advertising or social_media")?
            .keyword(TrackerCategory.self, what: "tracker category")
        let lifetime: TrackerLifetime? = map.required("lifetime", "an ISO 8601 duration, session, indefinite or unstated").flatMap { value in
            switch value.node.scalar?.string {
            case "session": .session
            case "indefinite": .indefinite
            case "unstated": .unstated
            default: value.duration().map(TrackerLifetime.period)
            }
        }
        let activity = map.optional("activity").flatMap { value in value.identifier().map { Located($0, at: value.location) } }
        let provider = map.optional("provider")?.nonEmptyString()
        let service = map.optional("service")?.nonEmptyString()
        let purpose = map.optional("purpose")?.localizedText()
        let exempt = map.optional("exempt")?.bool()
        let firstParty = map.optional("first_party")?.bool()
        guard let name, let category, let lifetime else { return nil }
        return Tracker(
            name: name, provider: provider, service: service, purpose: purpose, category: category, lifetime: lifetime,
            isExempt: exempt ?? (category == .essential), activity: activity, isFirstParty: firstParty,
            location: map.location,
            keyLocations: map.keyLocations(["lifetime", "exempt", "category", "activity"]))
    }

    static func readRights(_ map: YAMLMapping) -> RightsPolicy {
        let offered = (map.optional("offered")?.list() ?? []).compactMap { item -> OfferedRight? in
            if case .scalar = item.node {
                return item.keyword(DataSubjectRight.self, what: "right").map {
                    OfferedRight(right: $0, activities: [], description: nil, location: item.location)
                }
            }
            return item.mapping { entry in
                let right = entry.required("right", "which right")?.keyword(DataSubjectRight.self, what: "right")
                let activities = (entry.optional("activities")?.list() ?? []).compactMap { value in
                    value.identifier().map { Located($0, at: value.location) }
                }
                let description = entry.optional("description")?.localizedText()
                guard let right else { return nil }
                return OfferedRight(right: right, activities: activities, description: description, location: entry.location)
            }
        }
        let identity = map.optional("identity_proof")?.mapping { proof in
            (proof.required("required", "always, when_in_doubt or never")?.keyword(IdentityProof.self, what: "identity proof policy"),
             proof.optional("destroyed_after_processing")?.bool() ?? false)
        }
        return RightsPolicy(
            offered: offered,
            contact: map.optional("contact")?.contact(),
            responseTime: map.optional("response_time")?.duration(),
            responseExtension: map.optional("extension")?.duration(),
            extensionCondition: map.optional("extension_condition")?.localizedText(),
            identityProof: identity?.0,
            destroysIdentityProof: identity?.1 ?? false,
            notes: map.optional("notes")?.localizedText(),
            location: map.location,
            keyLocations: map.keyLocations(["offered", "contact", "response_time", "extension", "identity_proof"]))
    }

    static func readConsent(_ map: YAMLMapping) -> ConsentSettings {
        ConsentSettings(
            lifetime: map.optional("lifetime")?.duration() ?? .thirteenMonths,
            refusalLifetime: map.optional("refusal_lifetime")?.duration() ?? ISODuration(months: 6),
            mechanism: map.optional("mechanism")?.keyword(ConsentMechanism.self, what: "consent mechanism"),
            honoursGlobalPrivacyControl: map.optional("global_privacy_control")?.bool() ?? true,
            location: map.location,
            keyLocations: map.keyLocations(["lifetime", "refusal_lifetime", "mechanism"]))
    }
}

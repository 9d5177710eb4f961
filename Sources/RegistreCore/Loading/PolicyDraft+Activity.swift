extension PolicyDraft {
    static func readActivity(_ map: YAMLMapping, _ index: Int) -> ProcessingActivity? {
        let id = map.required("id", "a key to refer to it")?.identifier()
        let name = map.required("name", "the purpose, as a reader sees it")?.localizedText()
        func references(_ key: String) -> [Located<String>] {
            (map.optional(key)?.list() ?? []).compactMap { value in value.identifier().map { Located($0, at: value.location) } }
        }
        let requirement: DataRequirement? = map.optional("mandatory").flatMap { value in
            if case .scalar = value.node {
                return value.bool().map { DataRequirement(isMandatory: $0, fields: [], consequence: nil, reason: nil) }
            }
            return value.mapping { req in
                DataRequirement(
                    isMandatory: req.required("required", "true or false")?.bool() ?? false,
                    fields: req.optional("fields")?.strings().map(\.value) ?? [],
                    consequence: req.optional("consequence")?.localizedText(),
                    reason: req.optional("reason")?.localizedText())
            }
        }
        let retention: [RetentionRule] = map.optional("retention").map { value in
            if case .sequence = value.node {
                return (value.list() ?? []).compactMap { item in item.mapping(readRetentionRule) }
            }
            return value.mapping(readRetentionRule).map { [$0] } ?? []
        } ?? []
        let activity = ProcessingActivity(
            id: id ?? "",
            name: name ?? LocalizedText(id ?? ""),
            description: map.optional("description")?.localizedText(),
            legalBasis: map.optional("legal_basis")?.keyword(LegalBasis.self, what: "legal basis"),
            legitimateInterest: map.optional("legitimate_interest")?.localizedText(),
            legalObligation: map.optional("legal_obligation")?.nonEmptyString(),
            isPreContractual: map.optional("pre_contractual")?.bool() ?? false,
            specialCategoryCondition: map.optional("special_category_condition")?.keyword(SpecialCategoryCondition.self, what: "Art. 9(2) condition"),
            dataUses: references("data_uses"),
            dataCategories: references("data_categories"),
            dataSubjects: references("data_subjects"),
            sources: references("sources"),
            requirement: requirement,
            recipients: references("recipients"),
            transfers: references("transfers"),
            retention: retention,
            controllership: map.optional("controller")?.keyword(Controllership.self, what: "controllership") ?? .sole,
            jointControllers: references("joint_controllers"),
            withdrawal: map.optional("withdrawal")?.localizedText(),
            isExemptAudienceMeasurement: map.optional("exempt_audience_measurement")?.bool() ?? false,
            hasAutomatedDecisions: map.optional("automated_decisions")?.bool(),
            systems: references("systems"),
            location: map.location,
            keyLocations: map.keyLocations([
                "id", "name", "legal_basis", "legitimate_interest", "legal_obligation", "data_categories",
                "data_subjects", "sources", "recipients", "retention", "mandatory", "withdrawal", "controller",
                "special_category_condition", "data_uses",
            ]))
        return id == nil || name == nil ? nil : activity
    }

    /// Reads one retention rule: either `anchor`/`duration`/`action` for a single phase, or
    /// `phases:` for a chain.
    static func readRetentionRule(_ map: YAMLMapping) -> RetentionRule? {
        let categories = (map.optional("categories")?.list() ?? []).compactMap { value in
            value.identifier().map { Located($0, at: value.location) }
        }
        var phases: [RetentionPhase] = []
        if let phaseList = map.optional("phases") {
            for key in ["anchor", "duration", "action"] where map.contains(key) {
                map.context.error(
                    "schema-invalid-value", "\(map.path): '\(key)' goes inside each phase when 'phases' is given",
                    at: map.location(of: key))
            }
            phases = (phaseList.list() ?? []).enumerated().compactMap { index, item in
                item.mapping { readPhase($0, defaultID: "phase\(index + 1)", requireAnchor: false) }
            }
            if phases.isEmpty {
                map.context.error("schema-invalid-value", "\(map.path).phases needs at least one phase", at: phaseList.location)
            }
        } else if let phase = readPhase(map, defaultID: "phase1", requireAnchor: true) {
            phases = [phase]
        }
        let subjects = (map.optional("subjects")?.list() ?? []).compactMap { value in
            value.identifier().map { Located($0, at: value.location) }
        }
        let earlyEnd = (map.optional("ends_early_on")?.list() ?? []).compactMap { $0.keyword(EarlyEndEvent.self, what: "early-end event") }
        let legalReference = map.optional("legal_reference")?.nonEmptyString()
        let isRolling = map.optional("rolling")?.bool() ?? false
        let statement = map.optional("statement")?.localizedText()
        guard !phases.isEmpty else { return nil }
        return RetentionRule(
            categories: categories,
            subjects: subjects,
            endsEarlyOn: earlyEnd,
            phases: phases,
            legalReference: legalReference,
            isRolling: isRolling,
            statement: statement,
            location: map.location)
    }

    private static func readPhase(_ map: YAMLMapping, defaultID: String, requireAnchor: Bool) -> RetentionPhase? {
        let id = map.optional("id")?.identifier() ?? defaultID
        let after = map.optional("after").flatMap { value in value.identifier().map { Located($0, at: value.location) } }
        var anchor: RetentionAnchor?
        if after == nil {
            anchor = (requireAnchor ? map.required("anchor", "the event that starts the clock") : map.required("anchor", "the event that starts the clock, or 'after' a previous phase"))?
                .keyword(RetentionAnchor.self, what: "retention anchor")
        } else if map.contains("anchor") {
            map.context.error("schema-invalid-value", "\(map.path): give either 'anchor' or 'after', not both", at: map.location(of: "anchor"))
        }
        let durationValue = map.required("duration", "an ISO 8601 duration such as P3Y, or indefinite")
        let action = map.optional("action")?.keyword(RetentionAction.self, what: "retention action") ?? .delete
        guard let durationValue else { return nil }
        var duration: ISODuration?
        if durationValue.node.scalar?.string != "indefinite" {
            guard let parsed = durationValue.duration() else { return nil }
            duration = parsed
        }
        guard anchor != nil || after != nil else { return nil }
        return RetentionPhase(
            id: id, anchor: anchor, after: after, duration: duration, action: action,
            location: map.location, durationLocation: durationValue.location)
    }
}

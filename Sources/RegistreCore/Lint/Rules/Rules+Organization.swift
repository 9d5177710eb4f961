extension Linter {
    /// Rules on the controller's identity and contacts (GDPR Art. 13(1)(a)-(b), Art. 37).
    static let organizationRules: [LintRule] = [
        LintRule(
            "controller-identity-incomplete", .error, reference: "GDPR Art. 13(1)(a), 14(1)(a)",
            summary: "The notice must give the controller's identity and contact details: name and address."
        ) { policy, context, findings in
            let organization = policy.organization
            if organization.address == nil {
                context.report(
                    "the controller '\(organization.name)' has no address; the notice must give its identity and contact details",
                    at: organization.location, into: &findings)
            }
            if organization.email == nil, organization.website == nil, organization.dpo?.isReachable != true, policy.rights.contact?.isReachable != true {
                context.report(
                    "the controller '\(organization.name)' gives no way to contact it (email, website, or a DPO or rights contact)",
                    at: organization.location, into: &findings)
            }
        },
        LintRule(
            "dpo-contact-missing", .error, reference: "GDPR Art. 13(1)(b), 37(7)",
            summary: "Where a DPO is designated, the notice gives a way to reach them."
        ) { policy, context, findings in
            let organization = policy.organization
            if organization.isDPODesignated == true, organization.dpo?.isReachable != true {
                context.report(
                    "a DPO is named but cannot be reached: give organization.dpo an e-mail, a postal address or a form",
                    at: organization.keyLocations["dpo"] ?? organization.location, into: &findings)
            }
        },
        LintRule(
            "dpo-unstated", .warning, reference: "GDPR Art. 13(1)(b), 37(1)",
            summary: "The policy says whether a DPO is designated: their contact, or `dpo: none`."
        ) { policy, context, findings in
            if policy.organization.isDPODesignated == nil {
                context.report(
                    "the policy does not say whether a DPO is designated; give organization.dpo, or dpo: none when Art. 37(1) does not require one",
                    at: policy.organization.location, into: &findings)
            }
        },
        LintRule(
            "supervisory-authority-missing", .error, reference: "GDPR Art. 13(2)(d), 77",
            summary: "The notice must tell people they may complain to a supervisory authority."
        ) { policy, context, findings in
            if policy.organization.supervisoryAuthority == nil {
                context.report(
                    "no supervisory authority: name the authority a person can complain to (organization.supervisory_authority)",
                    at: policy.organization.location, into: &findings)
            }
        },
        LintRule(
            "siren-invalid", .error, reference: "French Commercial Code art. R123-220 (SIREN, Luhn key)",
            summary: "A SIREN has nine digits and passes the Luhn check."
        ) { policy, context, findings in
            guard let siren = policy.organization.registration.siren else { return }
            let digits = siren.filter { !$0.isWhitespace }
            if digits.count != 9 || !digits.allSatisfy(\.isASCII) || !Luhn.isValid(digits) {
                context.report(
                    "the SIREN '\(shown(siren))' is not valid: it needs nine digits that pass the Luhn check",
                    at: policy.organization.keyLocations["registration"] ?? policy.organization.location, into: &findings)
            }
        },
        LintRule(
            "prevailing-language-unset", .warning, reference: "GDPR Art. 12(1) (clear and plain language)",
            summary: "A notice published in several languages says which version prevails."
        ) { policy, context, findings in
            let organization = policy.organization
            if organization.languages.count > 1, organization.prevailingLanguage == nil {
                context.report(
                    "the notice is published in \(organization.languages.joined(separator: " and ")) but no version prevails; set organization.prevailing_language",
                    at: organization.keyLocations["languages"] ?? organization.location, into: &findings)
            }
        },
        LintRule(
            "joint-controller-arrangement-missing", .warning, reference: "GDPR Art. 26(1)-(2)",
            summary: "Joint controllers set out their responsibilities in an arrangement whose essence is made available."
        ) { policy, context, findings in
            for entity in policy.organization.entities where entity.role == "joint_controller" && entity.arrangement == nil {
                context.report(
                    "the joint controller '\(entity.id)' has no arrangement: say who answers requests and who gives the notice",
                    at: entity.location, into: &findings)
            }
            for activity in policy.activities where activity.controllership == .joint && activity.jointControllers.isEmpty {
                context.report(
                    "the activity '\(activity.id)' is joint but names no joint controller (joint_controllers)",
                    at: activity.location(of: "controller"), into: &findings)
            }
        },
    ]
}

/// The Luhn checksum, used by SIREN and SIRET numbers and payment cards.
enum Luhn {
    static func isValid(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { return false }
            let value = index % 2 == 1 ? digit * 2 : digit
            sum += value > 9 ? value - 9 : value
        }
        return !digits.isEmpty && sum % 10 == 0
    }
}

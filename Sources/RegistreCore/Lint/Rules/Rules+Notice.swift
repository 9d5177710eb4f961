extension Linter {
    /// Rules on the published statement itself: languages, date, changes, security
    /// (GDPR Art. 12(1), 30(1)(g); Article 29 Working Party guidelines on transparency, WP260).
    static let noticeRules: [LintRule] = [
        LintRule(
            "translation-missing", .warning, reference: "GDPR Art. 12(1); WP260 rev.01 §13",
            summary: "Every text of the notice exists in every language the notice is published in."
        ) { policy, context, findings in
            let languages = policy.languages
            func check(_ owner: String, _ texts: [LocalizedText?], at location: SourceLocation) {
                let missing = Set(texts.compactMap { $0 }.flatMap { text in languages.filter { !text.isAvailable(in: $0) } })
                if !missing.isEmpty {
                    context.report("\(owner) has no \(missing.sorted().joined(separator: ", ")) text", at: location, into: &findings)
                }
            }
            let organization = policy.organization
            check("organization.entities", organization.entities.map(\.arrangement), at: organization.location)
            for activity in policy.activities {
                check(
                    "the activity '\(activity.id)'",
                    [activity.name, activity.description, activity.legitimateInterest, activity.withdrawal,
                     activity.requirement?.consequence, activity.requirement?.reason] + activity.retention.map(\.statement),
                    at: activity.location)
            }
            for recipient in policy.recipients { check("the recipient '\(recipient.id)'", [recipient.name, recipient.role], at: recipient.location) }
            for transfer in policy.transfers { check("the transfer '\(transfer.id)'", [transfer.description], at: transfer.location) }
            for source in policy.sources { check("the source '\(source.id)'", [source.name], at: source.location) }
            for tracker in policy.trackers { check("the tracker '\(tracker.name)'", [tracker.purpose], at: tracker.location) }
            check("rights", policy.rights.offered.map(\.description) + [policy.rights.notes, policy.rights.extensionCondition], at: policy.rights.location)
            check("policy", [policy.metadata.changeStatement], at: policy.metadata.location)
            if let location = policy.securityLocation { check("security", policy.securityMeasures, at: location) }
        },
        LintRule(
            "notice-language-unsupported", .warning, reference: "GDPR Art. 12(1)",
            summary: "Registre writes the fixed words of notices in French and English; a notice in another language gets English headings."
        ) { policy, context, findings in
            for language in policy.organization.languages where language != "fr" && language != "en" {
                context.report(
                    "the notice in '\(language)' would carry English headings and explanations: Registre writes them in fr and en only",
                    at: policy.organization.keyLocations["languages"] ?? policy.organization.location, into: &findings)
            }
        },
        LintRule(
            "statement-out-of-date", .warning, reference: "GDPR Art. 5(2), 24(1); WP260 rev.01 §29-33",
            summary: "The statement is reviewed at least once a year, so it still describes what is done."
        ) { policy, context, findings in
            guard let updated = policy.metadata.updated else { return }
            let months = updated.months(until: context.today)
            if months >= 12 {
                context.report(
                    "the statement was last updated on \(updated), \(months) months ago; review it and update policy.updated",
                    at: policy.metadata.keyLocations["updated"] ?? policy.metadata.location, into: &findings)
            }
        },
        LintRule(
            "statement-dated-in-future", .warning, reference: "GDPR Art. 12(1), 5(1)(a) (transparency)",
            summary: "The date of the last update is not later than today."
        ) { policy, context, findings in
            guard let updated = policy.metadata.updated, context.today < updated, updated.day != nil || (updated.year, updated.month) > (context.today.year, context.today.month) else { return }
            context.report(
                "the statement says it was last updated on \(updated), after today (\(context.today))",
                at: policy.metadata.keyLocations["updated"] ?? policy.metadata.location, into: &findings)
        },
        LintRule(
            "statement-undated", .warning, reference: "WP260 rev.01 §29",
            summary: "The statement carries the date of its last update, so people can see what changed."
        ) { policy, context, findings in
            if policy.metadata.updated == nil {
                context.report("the statement has no date (policy.updated)", at: policy.metadata.location, into: &findings)
            }
        },
        LintRule(
            "change-notification-unstated", .warning, reference: "WP260 rev.01 §29-32",
            summary: "The statement says how substantial changes are brought to people's attention."
        ) { policy, context, findings in
            if policy.metadata.changeNotification == nil {
                context.report(
                    "the statement does not say how substantial changes are notified (policy.change_notification)",
                    at: policy.metadata.location, into: &findings)
            }
        },
        LintRule(
            "security-measures-missing", .warning, reference: "GDPR Art. 30(1)(g), 32",
            summary: "The register describes the technical and organisational security measures."
        ) { policy, context, findings in
            if policy.securityMeasures.isEmpty {
                context.report("no security measures are described (security)", at: policy.securityLocation ?? policy.metadata.location, into: &findings)
            }
        },
    ]
}

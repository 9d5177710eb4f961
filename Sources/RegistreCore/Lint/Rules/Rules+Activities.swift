extension Linter {
    /// Rules on each processing activity: lawful basis, data, subjects, sources (GDPR Art. 6, 9,
    /// 10, 13, 14, 30).
    static let activityRules: [LintRule] = [
        LintRule(
            "activities-missing", .error, reference: "GDPR Art. 13(1)(c), 30(1)(b)",
            summary: "A policy declares at least one processing activity; without one, the notice and the register are empty."
        ) { policy, context, findings in
            if policy.activities.isEmpty {
                context.report("the policy declares no processing activity (activities)", at: policy.metadata.location, into: &findings)
            }
        },
        LintRule(
            "legal-basis-missing", .error, reference: "GDPR Art. 6(1), 13(1)(c)",
            summary: "Every processing activity rests on one lawful basis of Art. 6(1)."
        ) { policy, context, findings in
            for activity in policy.activities where activity.legalBasis == nil {
                context.report(
                    "the activity '\(activity.id)' has no legal basis; choose one of consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests",
                    at: activity.location, into: &findings)
            }
        },
        LintRule(
            "legitimate-interest-unstated", .error, reference: "GDPR Art. 13(1)(d), 14(2)(b)",
            summary: "Processing on legitimate interests says which interest is pursued."
        ) { policy, context, findings in
            for activity in policy.activities where activity.legalBasis == .legitimateInterests && activity.legitimateInterest == nil {
                context.report(
                    "the activity '\(activity.id)' rests on legitimate interests but does not say which (legitimate_interest)",
                    at: activity.location(of: "legal_basis"), into: &findings)
            }
        },
        LintRule(
            "legal-obligation-unreferenced", .warning, reference: "GDPR Art. 6(1)(c), 6(3)",
            summary: "Processing on a legal obligation names the law that imposes it."
        ) { policy, context, findings in
            for activity in policy.activities where activity.legalBasis == .legalObligation {
                let referenced = activity.legalObligation != nil || activity.retention.contains { $0.legalReference != nil }
                if !referenced {
                    context.report(
                        "the activity '\(activity.id)' rests on a legal obligation but names no law (legal_obligation)",
                        at: activity.location(of: "legal_basis"), into: &findings)
                }
            }
        },
        LintRule(
            "special-category-condition-missing", .error, reference: "GDPR Art. 9(1)-(2)",
            summary: "Special categories of data are processed only under a condition of Art. 9(2)."
        ) { policy, context, findings in
            for activity in policy.activities where activity.specialCategoryCondition == nil {
                for category in activity.dataCategories where policy.taxonomy.isSpecialCategory(category.value) {
                    context.report(
                        "'\(category.value)' is a special category of data; the activity '\(activity.id)' needs an Art. 9(2) condition (special_category_condition)",
                        at: category.location, into: &findings)
                }
            }
        },
        LintRule(
            "criminal-data-without-authority", .error, reference: "GDPR Art. 10; French Data Protection Act art. 46",
            summary: "Data on criminal convictions is processed only under official authority or where the law authorises it."
        ) { policy, context, findings in
            for activity in policy.activities where activity.legalBasis != .legalObligation && activity.legalBasis != .publicTask {
                for category in activity.dataCategories where policy.taxonomy.isCriminalData(category.value) {
                    context.report(
                        "'\(category.value)' concerns criminal convictions; the activity '\(activity.id)' must rest on a legal obligation or a public task",
                        at: category.location, into: &findings)
                }
            }
        },
        LintRule(
            "data-categories-missing", .error, reference: "GDPR Art. 30(1)(c), 14(1)(d)",
            summary: "Every activity lists the categories of personal data it processes."
        ) { policy, context, findings in
            for activity in policy.activities where activity.dataCategories.isEmpty {
                context.report("the activity '\(activity.id)' lists no data categories (data_categories)", at: activity.location, into: &findings)
            }
        },
        LintRule(
            "data-subjects-missing", .error, reference: "GDPR Art. 30(1)(c)",
            summary: "Every activity lists the categories of data subjects it concerns."
        ) { policy, context, findings in
            for activity in policy.activities where activity.dataSubjects.isEmpty {
                context.report("the activity '\(activity.id)' lists no data subjects (data_subjects)", at: activity.location, into: &findings)
            }
        },
        LintRule(
            "source-unstated", .warning, reference: "GDPR Art. 14(2)(f)",
            summary: "Every activity says where its data comes from, which Art. 14 requires when it is not the data subject."
        ) { policy, context, findings in
            for activity in policy.activities where activity.sources.isEmpty {
                context.report(
                    "the activity '\(activity.id)' does not say where its data comes from (sources)",
                    at: activity.location, into: &findings)
            }
        },
        LintRule(
            "mandatory-data-unstated", .warning, reference: "GDPR Art. 13(2)(e)",
            summary: "For data collected from the person, the notice says whether providing it is required and what follows a refusal."
        ) { policy, context, findings in
            for activity in policy.activities where activity.requirement == nil {
                let fromSubject = activity.sources.contains { policy.source($0.value)?.kind == .dataSubject }
                if fromSubject {
                    context.report(
                        "the activity '\(activity.id)' collects data from the person but does not say whether it is required (mandatory)",
                        at: activity.location, into: &findings)
                }
            }
        },
        LintRule(
            "consent-withdrawal-missing", .error, reference: "GDPR Art. 7(3), 13(2)(c)",
            summary: "Consent can be withdrawn at any time, as easily as it was given, and the notice says how."
        ) { policy, context, findings in
            let offered = policy.rights.offers(.withdrawConsent)
            for activity in policy.activities where activity.legalBasis == .consent && activity.withdrawal == nil && !offered {
                context.report(
                    "the activity '\(activity.id)' rests on consent but gives no way to withdraw it (withdrawal, or withdraw_consent in rights.offered)",
                    at: activity.location(of: "legal_basis"), into: &findings)
            }
        },
        LintRule(
            "automated-decision-undisclosed", .warning, reference: "GDPR Art. 13(2)(f), 22",
            summary: "Decisions based solely on automated processing come with the right to human intervention."
        ) { policy, context, findings in
            guard !policy.rights.offers(.noAutomatedDecision) else { return }
            for activity in policy.activities where activity.hasAutomatedDecisions == true {
                context.report(
                    "the activity '\(activity.id)' makes automated decisions; offer no_automated_decision and explain the logic involved",
                    at: activity.location, into: &findings)
            }
        },
        LintRule(
            "audience-measurement-data-retention", .error, reference: "CNIL deliberation 2020-091 art. 5 and recommendation 2020-092 (audience measurement exemption)",
            summary: "Audience measurement exempt from consent keeps its data 25 months at most."
        ) { policy, context, findings in
            // The activity is exempt itself, or an exempt analytics tracker feeds it.
            let fedByExemptTrackers = Set(policy.trackers.filter { $0.isExempt && $0.category == .analytics }.compactMap { $0.activity?.value })
            for activity in policy.activities where activity.isExemptAudienceMeasurement || fedByExemptTrackers.contains(activity.id) {
                for rule in activity.retention {
                    let kept = rule.periodUntilDataEnds
                    if kept.map({ $0.isLonger(than: .twentyFiveMonths) }) ?? true {
                        context.report(
                            "the activity '\(activity.id)' is exempt audience measurement but keeps data \(kept?.description ?? "indefinitely") in all; the CNIL's exemption expects 25 months at most",
                            at: rule.location, into: &findings)
                    }
                }
            }
        },
        LintRule(
            "recipient-unused", .warning, reference: "GDPR Art. 30(1)(d)",
            summary: "Every declared recipient receives the data of at least one activity, so the register lists it."
        ) { policy, context, findings in
            let used = Set(policy.activities.flatMap { $0.recipients.map(\.value) } + policy.transfers.compactMap { $0.recipient?.value })
            for recipient in policy.recipients where !used.contains(recipient.id) {
                context.report(
                    "the recipient '\(recipient.id)' is declared but no activity sends it data; add it to an activity's recipients or remove it",
                    at: recipient.location, into: &findings)
            }
        },
    ]
}

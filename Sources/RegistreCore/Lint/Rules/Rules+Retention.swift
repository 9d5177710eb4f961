extension Linter {
    /// Rules on retention periods (GDPR Art. 5(1)(e), 13(2)(a)).
    static let retentionRules: [LintRule] = [
        LintRule(
            "retention-missing", .error, reference: "GDPR Art. 5(1)(e), 13(2)(a)",
            summary: "Every activity says how long its data is kept, or the criteria that decide it."
        ) { policy, context, findings in
            for activity in policy.activities where activity.retention.isEmpty {
                context.report("the activity '\(activity.id)' has no retention period (retention)", at: activity.location, into: &findings)
            }
        },
        LintRule(
            "retention-indefinite", .error, reference: "GDPR Art. 5(1)(e)",
            summary: "Personal data is kept no longer than necessary: an indefinite period is not a period."
        ) { policy, context, findings in
            for activity in policy.activities {
                for rule in activity.retention {
                    for phase in rule.phases where phase.isIndefinite {
                        context.report(
                            "the activity '\(activity.id)' keeps data indefinitely; give a duration, or anonymise the data at a set time",
                            at: phase.durationLocation, into: &findings)
                    }
                }
            }
        },
        LintRule(
            "retention-ambiguous", .error, reference: "GDPR Art. 13(2)(a); Art. 5(1)(e)",
            summary: "One set of data has one period: several periods over the same data need a category scope each."
        ) { policy, context, findings in
            for activity in policy.activities {
                let rules = activity.retention
                for (index, rule) in rules.enumerated() {
                    for other in rules[..<index] where overlaps(rule, other) && rule.signature != other.signature {
                        context.report(
                            "the activity '\(activity.id)' gives two periods for the same data (\(other.finalPhaseSummary) and \(rule.finalPhaseSummary)); scope each rule to its data (categories) or people (subjects)",
                            at: rule.location, into: &findings)
                        break
                    }
                }
            }
        },
        LintRule(
            "retention-never-ends", .error, reference: "GDPR Art. 5(1)(e)",
            summary: "A retention chain ends in deletion or anonymisation: archiving or deactivating alone keeps the data forever."
        ) { policy, context, findings in
            for activity in policy.activities {
                for rule in activity.retention where !rule.phases.contains(where: { $0.action.endsProcessing }) {
                    context.report(
                        "the retention of '\(activity.id)' ends with \(rule.phases.last?.action.rawValue ?? "nothing"); add a phase that deletes or anonymises the data",
                        at: rule.location, into: &findings)
                }
            }
        },
        LintRule(
            "retention-scope-outside-activity", .warning, reference: "GDPR Art. 30(1)(c), (f)",
            summary: "A retention rule scoped to categories names categories the activity processes."
        ) { policy, context, findings in
            for activity in policy.activities {
                let declared = activity.dataCategories.map(\.value)
                for rule in activity.retention {
                    for category in rule.categories where !declared.contains(where: { related($0, category.value) }) {
                        context.report(
                            "the retention rule covers '\(category.value)', which the activity '\(activity.id)' does not list in data_categories",
                            at: category.location, into: &findings)
                    }
                    for subject in rule.subjects where !activity.dataSubjects.contains(where: { $0.value == subject.value }) {
                        context.report(
                            "the retention rule covers '\(subject.value)', which the activity '\(activity.id)' does not list in data_subjects",
                            at: subject.location, into: &findings)
                    }
                }
            }
        },
        LintRule(
            "retention-anchor-unstated", .warning, reference: "GDPR Art. 13(2)(a)",
            summary: "A period says when it starts (collection, end of contract, last contact...), or no one can tell when it ends."
        ) { policy, context, findings in
            for activity in policy.activities {
                for rule in activity.retention {
                    for phase in rule.phases where phase.anchor == .unstated {
                        context.report(
                            "the retention of '\(activity.id)' does not say when the period starts; Registre counts it from collection until an anchor is given",
                            at: phase.location, into: &findings)
                    }
                }
            }
        },
        LintRule(
            "retention-anchor-inconsistent", .warning, reference: "GDPR Art. 5(1)(e), 13(2)(a)",
            summary: "A period counted from consent belongs to an activity that rests on consent."
        ) { policy, context, findings in
            for activity in policy.activities where activity.legalBasis != nil && activity.legalBasis != .consent {
                for rule in activity.retention {
                    for phase in rule.phases where phase.anchor == .consent || phase.anchor == .consentWithdrawal {
                        context.report(
                            "the retention of '\(activity.id)' counts from \(phase.anchor!.rawValue), but the activity rests on \(activity.legalBasis!.rawValue): no consent starts that clock",
                            at: phase.location, into: &findings)
                    }
                }
            }
        },
    ]

    /// True when two rules can cover the same data: either is unscoped, or their scopes meet.
    private static func overlaps(_ a: RetentionRule, _ b: RetentionRule) -> Bool {
        func meet(_ x: [Located<String>], _ y: [Located<String>]) -> Bool {
            x.isEmpty || y.isEmpty || x.contains { first in y.contains { related(first.value, $0.value) } }
        }
        return meet(a.categories, b.categories) && meet(a.subjects, b.subjects)
    }

    /// True when one taxonomy key is the other or contains it (`user.contact` and `user.contact.email`).
    static func related(_ a: String, _ b: String) -> Bool {
        a == b || a.hasPrefix(b + ".") || b.hasPrefix(a + ".")
    }
}

extension RetentionRule {
    /// The first anchor and how long the data lasts in all, to tell two rules apart in messages.
    var finalPhaseSummary: String {
        let anchor = phases.first?.anchor?.rawValue ?? "?"
        return "\(periodUntilDataEnds?.description ?? "indefinitely") from \(anchor)"
    }
}

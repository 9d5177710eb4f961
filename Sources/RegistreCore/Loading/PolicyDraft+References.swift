extension Policy {
    /// Checks what one part of the file says about another: ids are unique, references name
    /// something declared, taxonomy keys exist, retention phases do not loop. Reports through
    /// `context`; returns the policy unchanged.
    func resolve(context: LoadContext) -> Policy {
        reportDuplicates(activities.map { ($0.id, $0.location) }, what: "activity", context: context)
        reportDuplicates(recipients.map { ($0.id, $0.location) }, what: "recipient", context: context)
        reportDuplicates(sources.map { ($0.id, $0.location) }, what: "source", context: context)
        reportDuplicates(transfers.map { ($0.id, $0.location) }, what: "transfer", context: context)
        reportDuplicates(organization.entities.map { ($0.id, $0.location) }, what: "entity", context: context)

        let activityIDs = activities.map(\.id)
        let recipientIDs = recipients.map(\.id)
        let sourceIDs = sources.map(\.id)
        let transferIDs = transfers.map(\.id)
        let entityIDs = organization.entities.map(\.id)
        for activity in activities {
            check(activity.recipients, among: recipientIDs, what: "recipient", section: "recipients", context: context)
            check(activity.sources, among: sourceIDs, what: "source", section: "sources", context: context)
            check(activity.transfers, among: transferIDs, what: "transfer", section: "transfers", context: context)
            check(activity.jointControllers, among: entityIDs, what: "entity", section: "organization.entities", context: context)
            checkTaxonomy(activity.dataCategories, kind: .dataCategory, context: context)
            checkTaxonomy(activity.dataSubjects, kind: .dataSubject, context: context)
            checkTaxonomy(activity.dataUses, kind: .dataUse, context: context)
            for rule in activity.retention {
                checkTaxonomy(rule.categories, kind: .dataCategory, context: context)
                checkTaxonomy(rule.subjects, kind: .dataSubject, context: context)
                checkPhases(rule, context: context)
            }
        }
        for tracker in trackers {
            check(tracker.activity.map { [$0] } ?? [], among: activityIDs, what: "activity", section: "activities", context: context)
        }
        for offered in rights.offered {
            check(offered.activities, among: activityIDs, what: "activity", section: "activities", context: context)
        }
        for transfer in transfers {
            check(transfer.recipient.map { [$0] } ?? [], among: recipientIDs, what: "recipient", section: "recipients", context: context)
        }
        return self
    }

    private func reportDuplicates(_ items: [(String, SourceLocation)], what: String, context: LoadContext) {
        var seen: [String: SourceLocation] = [:]
        for (id, location) in items where !id.isEmpty {
            if let first = seen[id] {
                context.error("schema-duplicate-id", "the \(what) id '\(id)' is already used at line \(first.line)", at: location)
            } else {
                seen[id] = location
            }
        }
    }

    private func check(_ references: [Located<String>], among ids: [String], what: String, section: String, context: LoadContext) {
        for reference in references where !ids.contains(reference.value) {
            let article = "aeiou".contains(what.first ?? "x") ? "an" : "a"
            var message = "'\(reference.value)' is not \(article) \(what) declared under \(section)"
            if let near = suggestion(for: reference.value, among: ids) { message += "; did you mean '\(near)'?" }
            context.error("schema-unknown-reference", message, at: reference.location)
        }
    }

    private func checkTaxonomy(_ keys: [Located<String>], kind: TaxonomyKind, context: LoadContext) {
        let entries = taxonomy.entries(kind)
        for key in keys where entries[key.value] == nil {
            var message = "'\(key.value)' is not a known \(kind.rawValue) (neither in the fideslang taxonomy nor declared under taxonomy)"
            if let near = suggestion(for: key.value, among: entries.keys) { message += "; did you mean '\(near)'?" }
            context.error("taxonomy-unknown-key", message, at: key.location)
        }
    }

    private func checkPhases(_ rule: RetentionRule, context: LoadContext) {
        let ids = rule.phases.map(\.id)
        reportDuplicates(rule.phases.map { ($0.id, $0.location) }, what: "phase", context: context)
        let byID = Dictionary(rule.phases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for phase in rule.phases {
            guard let after = phase.after else { continue }
            guard byID[after.value] != nil else {
                check([after], among: ids, what: "phase", section: "this rule's phases", context: context)
                continue
            }
            var chain = [phase.id]
            var current = after.value
            while let next = byID[current] {
                if chain.contains(current) {
                    chain.append(current)
                    // Report a loop once, at the phase whose id sorts first in it.
                    if current == phase.id, phase.id == chain.min() {
                        context.error(
                            "retention-phase-cycle",
                            "retention phases form a loop (\(chain.joined(separator: " -> "))); one phase must start from an anchor event",
                            at: after.location)
                    }
                    break
                }
                chain.append(current)
                guard let parent = next.after?.value else { break }
                current = parent
            }
        }
    }
}

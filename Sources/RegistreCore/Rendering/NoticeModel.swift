/// The privacy notice of a policy in one language, as values the templates print: everything
/// GDPR Art. 13 and 14 require, drawn from the policy.
struct NoticeModel {
    struct Labels {
        var title, updated, version, controller, dpo, jointControllers, representative, purposes, purpose,
            legalBasis, legitimateInterest, legalObligation, categories, subjects, sources, mandatory,
            retention, recipients, recipientsIntro, kind, role, location, transfers, transfersIntro,
            noTransfers, transferWho, destination, safeguard, occasional, rights, rightsIntro, exercise,
            complaint, automated, trackers, tracker, provider,
            category, lifetime, consentNeeded, changes, security, jointController,
            registration, withdrawal: String
    }

    struct Activity {
        var id, name: String
        var description: String?
        var basis: String
        var legitimateInterest, legalObligation: String?
        var categories, subjects, sources: String
        var mandatory: String
        var retention: String
        var recipients: String
        var controllership: String
        var withdrawal: String?
    }

    struct Recipient {
        var name, kind: String
        var role: String
        var location: String
    }

    struct Transfer {
        var who, destination, safeguard, frequency: String
    }

    struct Right {
        var name, detail: String
    }

    struct Tracker {
        var name, provider, purpose, category, lifetime, consent: String
    }

    var language: String
    var labels: Labels
    var prevailingNote: String?
    var updated, version: String?
    var organizationName: String
    var organizationDetails: String
    var registration: String?
    var dpo: String?
    var jointControllers: [String]
    var representative: String?
    var activities: [Activity]
    var recipients: [Recipient]
    var transfers: [Transfer]
    var rights: [Right]
    var exercise: String
    var responseTime: String?
    var identity: String?
    var complaint: String
    var automated: String?
    var trackers: [Tracker]
    var security: [String]
    var changes: String?

    /// ": " in English, " : " in French; the templates print it after a label.
    var colon: String
    /// The sentence above the tracker table, which depends on how consent is collected.
    var trackersIntro: String
    /// The recipients whose location the policy does not give, when there are any.
    var transfersUnknown: String?
    // Stored, not computed: the templates read values through reflection, which sees only
    // stored properties.
    var hasJointControllers = false
    var hasTransfers = false
    var hasTrackers = false
    var hasSecurity = false
    var dateLine: String?
    var automatedNumber = 6
    var trackersNumber = 7
    var securityNumber = 7
    var changesNumber = 7

    /// Sets the flags the templates test before a section, and numbers the optional sections.
    mutating func computeFlags() {
        hasJointControllers = !jointControllers.isEmpty
        hasTransfers = !transfers.isEmpty
        hasTrackers = !trackers.isEmpty
        hasSecurity = !security.isEmpty
        var next = 6
        if automated != nil { automatedNumber = next; next += 1 }
        if hasTrackers { trackersNumber = next; next += 1 }
        if hasSecurity { securityNumber = next; next += 1 }
        changesNumber = next
        let parts = [updated.map { labels.updated + colon + $0 }, version.map { labels.version + " " + $0 }].compactMap { $0 }
        dateLine = parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

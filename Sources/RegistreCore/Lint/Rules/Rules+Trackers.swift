extension Linter {
    /// Rules on cookies and similar trackers (ePrivacy Directive art. 5(3), French Data
    /// Protection Act art. 82, CNIL deliberations 2020-091 and 2020-092).
    static let trackerRules: [LintRule] = [
        LintRule(
            "tracker-lifetime-exceeds-13-months", .error, reference: "CNIL deliberation 2020-092 (recommendation on cookies), art. 2",
            summary: "A tracker that needs consent lives 13 months at most."
        ) { policy, context, findings in
            for tracker in policy.trackers where !tracker.isExempt {
                if tracker.lifetime != .unstated, tracker.lifetime.exceeds(.thirteenMonths) {
                    context.report(
                        "the tracker '\(tracker.name)' needs consent and \(tracker.lifetime.phrase); the limit is 13 months",
                        at: tracker.keyLocations["lifetime"] ?? tracker.location, into: &findings)
                }
            }
        },
        LintRule(
            "tracker-lifetime-unstated", .error, reference: "CNIL deliberation 2020-092 (recommendation on cookies), art. 2",
            summary: "The notice gives the lifetime of every tracker, so it can be checked against 13 months."
        ) { policy, context, findings in
            for tracker in policy.trackers where tracker.lifetime == .unstated {
                context.report(
                    "the tracker '\(tracker.name)' does not state its lifetime; give it (lifetime: P13M, session...)",
                    at: tracker.keyLocations["lifetime"] ?? tracker.location, into: &findings)
            }
        },
        LintRule(
            "tracker-exemption-invalid", .error, reference: "ePrivacy Directive art. 5(3); CNIL deliberation 2020-091 art. 5",
            summary: "Advertising and social network trackers always need consent."
        ) { policy, context, findings in
            for tracker in policy.trackers where tracker.isExempt && (tracker.category == .advertising || tracker.category == .socialMedia) {
                context.report(
                    "the \(tracker.category.rawValue) tracker '\(tracker.name)' is marked exempt; such trackers always need consent",
                    at: tracker.keyLocations["exempt"] ?? tracker.location, into: &findings)
            }
        },
        LintRule(
            "audience-tracker-lifetime", .error, reference: "CNIL deliberation 2020-091 art. 5",
            summary: "An audience-measurement tracker exempt from consent lives 13 months at most."
        ) { policy, context, findings in
            for tracker in policy.trackers where tracker.isExempt && tracker.category == .analytics {
                if tracker.lifetime != .unstated, tracker.lifetime.exceeds(.thirteenMonths) {
                    context.report(
                        "the exempt analytics tracker '\(tracker.name)' \(tracker.lifetime.phrase); exempt audience measurement allows 13 months",
                        at: tracker.keyLocations["lifetime"] ?? tracker.location, into: &findings)
                }
            }
        },
        LintRule(
            "tracker-consent-purpose-missing", .error, reference: "ePrivacy Directive art. 5(3); French Data Protection Act art. 82",
            summary: "A tracker that needs consent belongs to a purpose that rests on consent, so the banner can ask for it."
        ) { policy, context, findings in
            for tracker in policy.trackers where !tracker.isExempt {
                let activity = tracker.activity.flatMap { policy.activity($0.value) }
                if activity?.legalBasis != .consent {
                    let detail = activity.map { "its activity '\($0.id)' does not rest on consent" } ?? "it names no activity"
                    context.report(
                        "the tracker '\(tracker.name)' needs consent but \(detail)",
                        at: tracker.keyLocations["activity"] ?? tracker.location, into: &findings)
                }
            }
        },
        LintRule(
            "essential-tracker-long-lived", .warning, reference: "CNIL deliberation 2020-091 art. 2 (proportionate lifetime)",
            summary: "A strictly necessary tracker lives no longer than the service it makes work; more than 13 months needs a reason."
        ) { policy, context, findings in
            for tracker in policy.trackers where tracker.isExempt && tracker.category != .analytics {
                if tracker.lifetime != .unstated, tracker.lifetime.exceeds(.thirteenMonths) {
                    context.report(
                        "the exempt tracker '\(tracker.name)' \(tracker.lifetime.phrase); justify a lifetime beyond 13 months or shorten it",
                        at: tracker.keyLocations["lifetime"] ?? tracker.location, into: &findings)
                }
            }
        },
        LintRule(
            "consent-mechanism-invalid", .error, reference: "GDPR Art. 4(11), 7; CJEU C-673/17 Planet49; CNIL deliberation 2020-091 art. 2",
            summary: "Consent to trackers is a clear affirmative act: browser settings, continued browsing or an opt-out are not consent."
        ) { policy, context, findings in
            guard policy.consent.mechanism != .banner, policy.trackers.contains(where: { !$0.isExempt }) else { return }
            context.report(
                "consent to trackers is collected through \(Vocabulary("en").mechanism(policy.consent.mechanism)), which is not a clear affirmative act; ask before setting them (mechanism: banner)",
                at: policy.consent.location, into: &findings)
        },
        LintRule(
            "consent-renewal-too-late", .error, reference: "CNIL deliberation 2020-092 (recommendation), art. 2",
            summary: "The banner asks again at least every 13 months."
        ) { policy, context, findings in
            if policy.consent.lifetime.isLonger(than: .thirteenMonths) {
                context.report(
                    "consent.lifetime is \(policy.consent.lifetime); choices must be renewed at least every 13 months",
                    at: policy.consent.location, into: &findings)
            }
        },
        LintRule(
            "refusal-remembered-too-briefly", .warning, reference: "CNIL deliberation 2020-091 art. 2 (refusing as easy as accepting)",
            summary: "A refusal is remembered as long as a consent would be, so the person is not asked again and again; the CNIL accepts 6 months."
        ) { policy, context, findings in
            if ISODuration(months: 6).isLonger(than: policy.consent.refusalLifetime) {
                context.report(
                    "consent.refusal_lifetime is \(policy.consent.refusalLifetime); remember a refusal for at least 6 months",
                    at: policy.consent.location, into: &findings)
            }
        },
    ]
}

extension TrackerLifetime {
    /// True when the tracker may live longer than `limit` (an indefinite lifetime always does).
    func exceeds(_ limit: ISODuration) -> Bool {
        switch self {
        case .session: false
        case .indefinite, .unstated: true
        case .period(let duration): duration.isLonger(than: limit)
        }
    }

    /// "lives P2Y", "never expires", "does not state its lifetime", for messages.
    var phrase: String {
        switch self {
        case .session: "lives for the session"
        case .indefinite: "never expires"
        case .unstated: "does not state its lifetime"
        case .period(let duration): "lives \(duration)"
        }
    }
}

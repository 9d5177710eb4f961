extension Linter {
    /// Rules on cookies and similar trackers (ePrivacy Directive art. 5(3), French Data
    /// Protection Act art. 82, CNIL deliberations 2020-091 and 2020-092).
    static let trackerRules: [LintRule] = [
        LintRule(
            "tracker-lifetime-exceeds-13-months", .error, reference: "CNIL deliberations 2020-091 and 2020-092 (13-month tracker lifetime)",
            summary: "A tracker that needs consent lives 13 months at most."
        ) { policy, context, findings in
            for tracker in policy.trackers where !tracker.isExempt {
                if tracker.lifetime != .unstated, tracker.lifetime.exceeds(.thirteenMonths) {
                    context.report(
                        "the tracker '\(tracker.name)' needs consent and \(tracker.lifetime.phrase); the CNIL recommends 13 months at most",
                        at: tracker.keyLocations["lifetime"] ?? tracker.location, into: &findings)
                }
            }
        },
        LintRule(
            "tracker-lifetime-unstated", .error, reference: "GDPR Art. 13(2)(a); CNIL deliberation 2020-092 (information on trackers)",
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
            "audience-tracker-lifetime", .error, reference: "CNIL deliberation 2020-091 art. 5 and recommendation 2020-092 (audience measurement exemption)",
            summary: "An audience-measurement tracker exempt from consent lives 13 months at most."
        ) { policy, context, findings in
            for tracker in policy.trackers where tracker.isExempt && tracker.category == .analytics {
                if tracker.lifetime != .unstated, tracker.lifetime.exceeds(.thirteenMonths) {
                    context.report(
                        "the exempt analytics tracker '\(tracker.name)' \(tracker.lifetime.phrase); the CNIL's exemption for audience measurement expects 13 months at most",
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
            "essential-tracker-long-lived", .warning, reference: "GDPR Art. 5(1)(c), 5(1)(e); CNIL deliberations 2020-091 and 2020-092",
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
            guard let mechanism = policy.consent.mechanism, mechanism != .banner, policy.trackers.contains(where: { !$0.isExempt }) else { return }
            context.report(
                "consent to trackers is collected through \(Vocabulary("en").mechanism(mechanism)), which is not a clear affirmative act; ask before setting them (mechanism: banner)",
                at: policy.consent.location(of: "mechanism"), into: &findings)
        },
        LintRule(
            "consent-mechanism-unstated", .warning, reference: "GDPR Art. 7(1), 13(2)(c); CNIL deliberation 2020-091",
            summary: "A policy with trackers that need consent says how that consent is asked for and withdrawn."
        ) { policy, context, findings in
            guard policy.consent.mechanism == nil, let tracker = policy.trackers.first(where: { !$0.isExempt }) else { return }
            context.report(
                "trackers such as '\(tracker.name)' need consent, but the policy does not say how it is asked for (consent.mechanism)",
                at: policy.consent.location, into: &findings)
        },
        LintRule(
            "consent-renewal-too-late", .error, reference: "GDPR Art. 7; CNIL deliberation 2020-092 (renewing choices at appropriate intervals)",
            summary: "The banner asks again at appropriate intervals: at least every 13 months."
        ) { policy, context, findings in
            if policy.consent.lifetime.isLonger(than: .thirteenMonths) {
                context.report(
                    "consent.lifetime is \(policy.consent.lifetime); choices must be renewed at appropriate intervals, and Registre allows 13 months at most",
                    at: policy.consent.location(of: "lifetime"), into: &findings)
            }
        },
        LintRule(
            "refusal-remembered-too-briefly", .warning, reference: "CNIL deliberation 2020-092 (keeping choices, 6 months as good practice)",
            summary: "A refusal is remembered long enough that the person is not asked again and again; the CNIL gives 6 months as good practice."
        ) { policy, context, findings in
            if ISODuration(months: 6).isLonger(than: policy.consent.refusalLifetime) {
                context.report(
                    "consent.refusal_lifetime is \(policy.consent.refusalLifetime); remember a refusal for at least 6 months",
                    at: policy.consent.location(of: "refusal_lifetime"), into: &findings)
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

extension Linter {
    /// Rules on the rights of data subjects and how requests are answered (GDPR Art. 12-22,
    /// French Data Protection Act art. 85).
    static let rightsRules: [LintRule] = [
        LintRule(
            "right-not-offered", .error, reference: "GDPR Art. 13(2)(b)-(c), 15-21",
            summary: "The notice lists every right that applies: access, rectification, erasure, restriction, and objection, portability and withdrawal where the legal bases open them."
        ) { policy, context, findings in
            let bases = Set(policy.activities.compactMap(\.legalBasis))
            var required: [(DataSubjectRight, String)] = [
                (.access, "always"), (.rectification, "always"), (.erasure, "always"), (.restriction, "always"),
            ]
            if !bases.isDisjoint(with: [.legitimateInterests, .publicTask]) {
                required.append((.objection, "some processing rests on legitimate interests or a public task"))
            }
            if !policy.portableActivities.isEmpty {
                required.append((.portability, "some data the person provided is processed under consent or a contract"))
            }
            if bases.contains(.consent) {
                required.append((.withdrawConsent, "some processing rests on consent"))
            }
            for (right, why) in required where !policy.rights.offers(right) {
                context.report(
                    "the right '\(right.rawValue)' (\(right.article)) is not offered (\(why)); add it to rights.offered",
                    at: policy.rights.location(of: "offered"), into: &findings)
            }
        },
        LintRule(
            "portability-basis-mismatch", .error, reference: "GDPR Art. 20(1)",
            summary: "Portability covers data provided by the person and processed under consent or a contract, by automated means."
        ) { policy, context, findings in
            guard let portability = policy.rights.declaration(of: .portability) else { return }
            if portability.activities.isEmpty {
                if policy.portableActivities.isEmpty {
                    context.report(
                        "portability is promised, but no activity processes data the person provided under consent or a contract, so Art. 20 opens it for none",
                        at: portability.location, into: &findings)
                }
                return
            }
            for reference in portability.activities {
                guard let activity = policy.activity(reference.value), let basis = activity.legalBasis else { continue }
                if basis != .consent && basis != .contract {
                    context.report(
                        "portability is promised for '\(activity.id)', which rests on \(basis.rawValue); Art. 20 covers only consent and contract",
                        at: reference.location, into: &findings)
                }
            }
        },
        LintRule(
            "response-time-exceeds-one-month", .error, reference: "GDPR Art. 12(3)",
            summary: "Requests are answered without undue delay and within one month of receipt."
        ) { policy, context, findings in
            if let time = policy.rights.responseTime, time.isLonger(than: .oneMonth) {
                context.report("rights.response_time is \(time); the GDPR allows one month (P1M)", at: policy.rights.location(of: "response_time"), into: &findings)
            }
        },
        LintRule(
            "response-time-unstated", .warning, reference: "GDPR Art. 12(3)",
            summary: "The notice says how long the controller takes to answer a request."
        ) { policy, context, findings in
            if policy.rights.responseTime == nil {
                context.report("rights.response_time is not given; state the one-month deadline (P1M)", at: policy.rights.location, into: &findings)
            }
        },
        LintRule(
            "extension-exceeds-two-months", .error, reference: "GDPR Art. 12(3)",
            summary: "The deadline may be extended once, by two further months at most, with reasons given within the first month."
        ) { policy, context, findings in
            if let extensionPeriod = policy.rights.responseExtension, extensionPeriod.isLonger(than: .twoMonths) {
                context.report(
                    "rights.extension is \(extensionPeriod); the GDPR allows two further months (P2M)", at: policy.rights.location(of: "extension"), into: &findings)
            }
        },
        LintRule(
            "rights-contact-missing", .error, reference: "GDPR Art. 12(2), 13(2)(b)",
            summary: "The notice says where to send a request."
        ) { policy, context, findings in
            if policy.rights.contact?.isReachable != true && policy.organization.dpo?.isReachable != true {
                context.report(
                    "no address to exercise rights: give rights.contact (or a DPO contact)", at: policy.rights.location, into: &findings)
            }
        },
        LintRule(
            "identity-proof-systematic", .warning, reference: "GDPR Art. 12(6), 5(1)(c); CNIL guidance on the right of access",
            summary: "Proof of identity is asked only where there is reasonable doubt, not with every request."
        ) { policy, context, findings in
            if policy.rights.identityProof == .always {
                context.report(
                    "a proof of identity is asked with every request; the GDPR allows it only where there is reasonable doubt (when_in_doubt)",
                    at: policy.rights.location(of: "identity_proof"), into: &findings)
            }
        },
        LintRule(
            "identity-proof-retained", .warning, reference: "GDPR Art. 5(1)(c), 5(1)(e)",
            summary: "A proof of identity is destroyed once the request it served is processed."
        ) { policy, context, findings in
            let asked = policy.rights.identityProof == .always || policy.rights.identityProof == .whenInDoubt
            if asked && !policy.rights.destroysIdentityProof {
                context.report(
                    "proofs of identity are collected but the policy does not say they are destroyed after the request (identity_proof.destroyed_after_processing)",
                    at: policy.rights.location(of: "identity_proof"), into: &findings)
            }
        },
        LintRule(
            "post-mortem-directives-unmentioned", .warning, reference: "French Data Protection Act art. 48 and 85",
            summary: "A controller subject to French law tells people they may set directives for their data after their death."
        ) { policy, context, findings in
            let french = policy.organization.country == "FR" || policy.organization.supervisoryAuthority?.country == "FR"
            if french && !policy.rights.offers(.postMortem) {
                context.report(
                    "the right to set post-mortem directives is not mentioned (post_mortem in rights.offered)",
                    at: policy.rights.location(of: "offered"), into: &findings)
            }
        },
    ]
}

extension Policy {
    /// The activities whose data Art. 20(1) makes portable: provided by the person (given, or
    /// observed while using the service, as the EDPB's guidelines on portability read "provided")
    /// and processed under consent or a contract.
    var portableActivities: [ProcessingActivity] {
        activities.filter { activity in
            let provided = activity.sources.isEmpty || activity.sources.contains { reference in
                let kind = source(reference.value)?.kind
                return kind == .dataSubject || kind == .observed
            }
            return provided && (activity.legalBasis == .consent || activity.legalBasis == .contract)
        }
    }
}

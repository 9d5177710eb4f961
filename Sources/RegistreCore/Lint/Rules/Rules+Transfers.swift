extension Linter {
    /// Rules on recipients and transfers outside the EEA (GDPR Art. 13(1)(e)-(f), 28, 44-49).
    static let transferRules: [LintRule] = [
        LintRule(
            "transfer-safeguard-missing", .error, reference: "GDPR Art. 44, 46; Art. 13(1)(f)",
            summary: "Data sent to a country outside the EEA travels under an adequacy decision or an appropriate safeguard."
        ) { policy, context, findings in
            let missing: Set<Safeguard?> = [nil, Safeguard.none, .unspecified]
            for recipient in policy.recipients {
                if recipient.countries.isEmpty, recipient.region?.leavesEEA == true, missing.contains(recipient.safeguard) {
                    context.report(
                        "'\(recipient.id)' processes data outside the EEA (\(recipient.region!.rawValue)) with no named safeguard (safeguard: scc, bcr, dpf, adequacy...)",
                        at: recipient.keyLocations["region"] ?? recipient.location, into: &findings)
                }
                let outside = recipient.countries.filter { !Country.isInEEA($0.value) }
                if let first = outside.first, missing.contains(recipient.safeguard) {
                    let adequate = outside.allSatisfy { Country.adequate.contains($0.value) }
                    if !adequate {
                        context.report(
                            "'\(recipient.id)' receives data in \(outside.map(\.value).joined(separator: ", ")), outside the EEA, with no safeguard (safeguard: scc, bcr, dpf, adequacy...)",
                            at: first.location, into: &findings)
                    }
                }
            }
            for transfer in policy.transfers where missing.contains(transfer.safeguard) {
                context.report(
                    "the transfer '\(transfer.id)' has no named safeguard; say which one (scc, bcr, adequacy, dpf, derogation...)", at: transfer.keyLocations["safeguard"] ?? transfer.location, into: &findings)
            }
        },
        LintRule(
            "transfer-adequacy-invalid", .error, reference: "GDPR Art. 45",
            summary: "An adequacy decision covers only the countries the Commission has recognised; the US only for certified organisations (dpf)."
        ) { policy, context, findings in
            func check(_ countries: [Located<String>], _ safeguard: Safeguard?, owner: String) {
                guard safeguard == .adequacy || safeguard == .dataPrivacyFramework else { return }
                for country in countries where !Country.isInEEA(country.value) {
                    let covered = safeguard == .adequacy ? Country.adequate.contains(country.value) : country.value == "US"
                    if !covered {
                        let hint = country.value == "US" ? "; for the US use dpf, and only for certified organisations" : ""
                        context.report(
                            "'\(owner)' relies on \(safeguard!.rawValue) for \(country.value), which no adequacy decision of that kind covers\(hint)",
                            at: country.location, into: &findings)
                    }
                }
            }
            for recipient in policy.recipients { check(recipient.countries, recipient.safeguard, owner: recipient.id) }
            for transfer in policy.transfers { check(transfer.countries, transfer.safeguard, owner: transfer.id) }
        },
        LintRule(
            "transfer-derogation-regular", .error, reference: "GDPR Art. 49(1); EDPB guidelines 2/2018",
            summary: "The derogations of Art. 49 cover occasional transfers only, never a regular flow."
        ) { policy, context, findings in
            for transfer in policy.transfers where transfer.safeguard == .derogation && transfer.isOccasional != true {
                context.report(
                    "the transfer '\(transfer.id)' relies on an Art. 49 derogation but is not occasional",
                    at: transfer.keyLocations["safeguard"] ?? transfer.location, into: &findings)
            }
            for recipient in policy.recipients where recipient.safeguard == .derogation {
                context.report(
                    "'\(recipient.id)' receives data regularly under an Art. 49 derogation; use standard contractual clauses or another Art. 46 safeguard",
                    at: recipient.keyLocations["safeguard"] ?? recipient.location, into: &findings)
            }
        },
        LintRule(
            "transfer-destination-unspecified", .warning, reference: "GDPR Art. 13(1)(f), 30(1)(e)",
            summary: "A transfer names its destination country, so the notice can say whether an adequacy decision exists."
        ) { policy, context, findings in
            for transfer in policy.transfers where transfer.countries.isEmpty {
                context.report("the transfer '\(transfer.id)' names no destination country (countries)", at: transfer.location, into: &findings)
            }
        },
        LintRule(
            "transfer-unused", .warning, reference: "GDPR Art. 30(1)(e)",
            summary: "Every declared transfer carries the data of at least one activity, so the register lists it."
        ) { policy, context, findings in
            let used = Set(policy.activities.flatMap { policy.transfers(of: $0).map(\.id) })
            for transfer in policy.transfers where !used.contains(transfer.id) {
                context.report(
                    "no activity sends data through the transfer '\(transfer.id)'; list it under an activity's transfers or give it a recipient the activity uses",
                    at: transfer.location, into: &findings)
            }
        },
        LintRule(
            "recipient-location-unknown", .warning, reference: "GDPR Art. 13(1)(f), 30(1)(e)",
            summary: "A processor or third party says where it processes the data, so transfers can be assessed."
        ) { policy, context, findings in
            for recipient in policy.recipients where recipient.countries.isEmpty && recipient.region == nil {
                guard recipient.kind == .processor || recipient.kind == .thirdParty || recipient.kind == .groupEntity else { continue }
                if recipient.safeguard == nil {
                    context.report(
                        "'\(recipient.id)' does not say where it processes the data (countries); transfers outside the EEA cannot be checked",
                        at: recipient.location, into: &findings)
                }
            }
        },
        LintRule(
            "processor-agreement-missing", .error, reference: "GDPR Art. 28(3)",
            summary: "Processing by a processor is governed by a contract that binds it to the controller."
        ) { policy, context, findings in
            for recipient in policy.recipients where recipient.kind == .processor && recipient.hasProcessingAgreement != true {
                context.report(
                    "the processor '\(recipient.id)' has no data processing agreement (dpa: true)",
                    at: recipient.keyLocations["dpa"] ?? recipient.location, into: &findings)
            }
        },
    ]
}

import Testing
@testable import RegistreCore

/// One rule, one change to the clean policy that breaks it, and one nearby change that does not.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var fires: [(String, String)]
    var holds: [(String, String)]
    var testDescription: String { rule }
}

@Suite struct LintRuleTests {
    static let cases: [RuleCase] = [
        RuleCase(
            rule: "controller-identity-incomplete",
            fires: [("  address: 1 rue de la Paix, 75002 Paris\n", "")],
            holds: [("  address: 1 rue de la Paix, 75002 Paris", "  address: 2 avenue Foch, 75016 Paris")]),
        RuleCase(
            rule: "dpo-contact-missing",
            fires: [("  dpo: {email: dpo@exemple.fr}", "  dpo: {name: Jeanne Martin}")],
            holds: [("  dpo: {email: dpo@exemple.fr}", "  dpo: {name: Jeanne Martin, address: 1 rue de la Paix, url: https://exemple.fr/dpo}")]),
        RuleCase(
            rule: "supervisory-authority-missing",
            fires: [("  supervisory_authority: {name: CNIL, country: FR, complaint_url: https://www.cnil.fr/fr/plaintes}\n", "")],
            holds: [("complaint_url: https://www.cnil.fr/fr/plaintes}", "complaint_url: https://www.cnil.fr}")]),
        RuleCase(
            rule: "siren-invalid",
            fires: [("siren: \"948199120\"", "siren: \"948199121\"")],
            holds: [("siren: \"948199120\"", "siren: \"948 199 120\"")]),
        RuleCase(
            rule: "prevailing-language-unset",
            fires: [("  prevailing_language: fr\n", "")],
            holds: [("  languages: [fr, en]\n  prevailing_language: fr\n", "  languages: [fr]\n")]),
        RuleCase(
            rule: "joint-controller-arrangement-missing",
            fires: [("      arrangement: {fr: Exemple répond aux demandes., en: Exemple answers requests.}\n", "")],
            holds: [("      role: joint_controller\n      arrangement: {fr: Exemple répond aux demandes., en: Exemple answers requests.}\n", "      role: group_entity\n"),
                    ("    controller: joint\n    joint_controllers: [partner]\n", "")]),
        RuleCase(
            rule: "legal-basis-missing",
            fires: [("    legal_basis: contract\n", "")],
            holds: [("    legal_basis: contract\n", "    legal_basis: contract\n    pre_contractual: true\n")]),
        RuleCase(
            rule: "legitimate-interest-unstated",
            fires: [("    legitimate_interest: {fr: Protéger le service., en: Protecting the service.}\n", "")],
            holds: [("    legitimate_interest: {fr: Protéger le service., en: Protecting the service.}", "    legitimate_interest: {fr: Prévenir la fraude., en: Preventing fraud.}")]),
        RuleCase(
            rule: "legal-obligation-unreferenced",
            fires: [("    legal_obligation: Code de commerce, art. L123-22\n", ""), (", legal_reference: \"Code de commerce, art. L123-22\"", "")],
            holds: [("    legal_obligation: Code de commerce, art. L123-22\n", "")]),
        RuleCase(
            rule: "special-category-condition-missing",
            fires: [("data_categories: [user.name, user.contact.email]", "data_categories: [user.name, user.health_and_medical.record_id]")],
            holds: [("data_categories: [user.name, user.contact.email]\n", "data_categories: [user.name, user.health_and_medical.record_id]\n    special_category_condition: explicit_consent\n")]),
        RuleCase(
            rule: "criminal-data-without-authority",
            fires: [("data_categories: [user.name, user.contact.email]", "data_categories: [user.name, user.criminal_history]")],
            holds: [("data_categories: [user.name, user.financial]", "data_categories: [user.name, user.criminal_history]")]),
        RuleCase(
            rule: "data-categories-missing",
            fires: [("data_categories: [user.device.cookie_id]", "data_categories: []")],
            holds: [("data_categories: [user.device.cookie_id]", "data_categories: [user.device]")]),
        RuleCase(
            rule: "data-subjects-missing",
            fires: [("    data_subjects: [prospect]\n", "")],
            holds: [("data_subjects: [prospect]", "data_subjects: [prospect, customer]")]),
        RuleCase(
            rule: "source-unstated",
            fires: [("    sources: [logs]\n    recipients: [host]\n    retention: {anchor: collection, duration: P25M}", "    recipients: [host]\n    retention: {anchor: collection, duration: P25M}")],
            holds: [("    sources: [logs]\n    recipients: [host]\n    retention: {anchor: collection, duration: P25M}", "    sources: [form]\n    mandatory: false\n    recipients: [host]\n    retention: {anchor: collection, duration: P25M}")]),
        RuleCase(
            rule: "mandatory-data-unstated",
            fires: [("    mandatory: false\n", "")],
            holds: [("    mandatory: false\n", "    mandatory: {required: false, consequence: {fr: Rien., en: Nothing.}}\n")]),
        RuleCase(
            rule: "consent-withdrawal-missing",
            fires: [("    withdrawal: {fr: Lien de désinscription., en: Unsubscribe link.}\n", ""), (", withdraw_consent", "")],
            holds: [("    withdrawal: {fr: Lien de désinscription., en: Unsubscribe link.}\n", "")]),
        RuleCase(
            rule: "automated-decision-undisclosed",
            fires: [("    legal_basis: contract\n    automated_decisions: false\n", "    legal_basis: contract\n    automated_decisions: true\n")],
            holds: [("    legal_basis: contract\n    automated_decisions: false\n", "    legal_basis: contract\n    automated_decisions: true\n"), (", post_mortem]", ", post_mortem, no_automated_decision]")]),
        RuleCase(
            rule: "audience-measurement-data-retention",
            fires: [("    data_categories: [user.device.cookie_id]", "    exempt_audience_measurement: true\n    data_categories: [user.device.cookie_id]"),
                    ("duration: P25M}", "duration: P26M}")],
            holds: [("    data_categories: [user.device.cookie_id]", "    exempt_audience_measurement: true\n    data_categories: [user.device.cookie_id]"),
                    ("retention: {anchor: collection, duration: P25M}", "retention: {phases: [{anchor: collection, duration: P12M, action: archive}, {after: phase1, duration: P13M}]}")]),
        RuleCase(
            rule: "recipient-unused",
            fires: [("    recipients: [support_team, host]", "    recipients: [host]")],
            holds: [("    recipients: [host]\n    retention: {anchor: collection, duration: P10Y", "    recipients: [host, support_team]\n    retention: {anchor: collection, duration: P10Y")]),
        RuleCase(
            rule: "retention-missing",
            fires: [("    retention: {anchor: collection, duration: P1Y, rolling: true}\n", "")],
            holds: [("duration: P1Y, rolling: true}", "duration: P6M, rolling: true}")]),
        RuleCase(
            rule: "retention-indefinite",
            fires: [("duration: P1Y, rolling: true}", "duration: indefinite}")],
            holds: [("duration: P1Y, rolling: true}", "duration: P100Y}")]),
        RuleCase(
            rule: "retention-ambiguous",
            fires: [("    retention: {anchor: collection, duration: P1Y, rolling: true}\n", "    retention:\n      - {anchor: collection, duration: P1Y}\n      - {anchor: collection, duration: P2Y}\n")],
            holds: [("    data_subjects: [visitor]\n    sources: [logs]\n    recipients: [host]\n    retention: {anchor: collection, duration: P1Y, rolling: true}\n", "    data_subjects: [visitor, customer]\n    sources: [logs]\n    recipients: [host]\n    retention:\n      - {anchor: collection, duration: P1Y, subjects: [visitor]}\n      - {anchor: contract_end, duration: P2Y, subjects: [customer]}\n")]),
        RuleCase(
            rule: "retention-never-ends",
            fires: [("{id: gone, after: off, duration: P30D, action: delete}", "{id: gone, after: off, duration: P30D, action: archive}")],
            holds: [("{id: gone, after: off, duration: P30D, action: delete}", "{id: gone, after: off, duration: P30D, action: anonymise}")]),
        RuleCase(
            rule: "retention-scope-outside-activity",
            fires: [("{anchor: collection, duration: P1Y, rolling: true}", "{anchor: collection, duration: P1Y, categories: [user.contact.email]}")],
            holds: [("{anchor: collection, duration: P1Y, rolling: true}", "{anchor: collection, duration: P1Y, categories: [user.device], subjects: [visitor]}")]),
        RuleCase(
            rule: "retention-anchor-inconsistent",
            fires: [("{anchor: collection, duration: P1Y, rolling: true}", "{anchor: consent, duration: P1Y}")],
            holds: [("{anchor: collection, duration: P25M}", "{anchor: consent, duration: P25M}")]),
        RuleCase(
            rule: "transfer-safeguard-missing",
            fires: [("    countries: [US]\n    dpa: true\n    safeguard: scc\n", "    countries: [US]\n    dpa: true\n")],
            holds: [("    countries: [US]\n    dpa: true\n    safeguard: scc\n", "    countries: [CH]\n    dpa: true\n")]),
        RuleCase(
            rule: "transfer-adequacy-invalid",
            fires: [("    countries: [US]\n    dpa: true\n    safeguard: scc\n", "    countries: [US]\n    dpa: true\n    safeguard: adequacy\n")],
            holds: [("    countries: [US]\n    dpa: true\n    safeguard: scc\n", "    countries: [US]\n    dpa: true\n    safeguard: dpf\n")]),
        RuleCase(
            rule: "transfer-derogation-regular",
            fires: [("    safeguard: scc\n    occasional: true\n", "    safeguard: derogation\n")],
            holds: [("    safeguard: scc\n    occasional: true\n", "    safeguard: derogation\n    occasional: true\n")]),
        RuleCase(
            rule: "transfer-destination-unspecified",
            fires: [("    countries: [IN]\n", "")],
            holds: [("    countries: [IN]\n", "    countries: [IN, MA]\n")]),
        RuleCase(
            rule: "recipient-location-unknown",
            fires: [("    kind: processor\n    countries: [FR]\n", "    kind: processor\n")],
            holds: [("    kind: processor\n    countries: [FR]\n", "    kind: processor\n    countries: [DE]\n")]),
        RuleCase(
            rule: "processor-agreement-missing",
            fires: [("    countries: [FR]\n    dpa: true\n", "    countries: [FR]\n")],
            holds: [("    kind: processor\n    countries: [FR]\n    dpa: true\n", "    kind: internal\n    countries: [FR]\n")]),
        RuleCase(
            rule: "tracker-lifetime-exceeds-13-months",
            fires: [("    lifetime: P13M\n", "    lifetime: P396D\n")],
            holds: [("    lifetime: P13M\n", "    lifetime: P1Y1M\n")]),
        RuleCase(
            rule: "tracker-lifetime-unstated",
            fires: [("    lifetime: P13M\n", "    lifetime: unstated\n")],
            holds: [("    lifetime: P13M\n", "    lifetime: indefinite\n    exempt: true\n    category: functionality\n"), ("    category: analytics\n", "")]),
        RuleCase(
            rule: "tracker-exemption-invalid",
            fires: [("  - name: session\n    category: essential\n", "  - name: session\n    category: advertising\n    exempt: true\n")],
            holds: [("  - name: session\n    category: essential\n", "  - name: session\n    category: functionality\n    exempt: true\n")]),
        RuleCase(
            rule: "audience-tracker-lifetime",
            fires: [("    lifetime: P13M\n    activity: statistics\n", "    lifetime: P25M\n    exempt: true\n")],
            holds: [("    lifetime: P13M\n    activity: statistics\n", "    lifetime: P13M\n    exempt: true\n")]),
        RuleCase(
            rule: "tracker-consent-purpose-missing",
            fires: [("    activity: statistics\n", "    activity: security\n")],
            holds: [("    activity: statistics\n", "    activity: newsletter\n")]),
        RuleCase(
            rule: "essential-tracker-long-lived",
            fires: [("    lifetime: session\n", "    lifetime: P20Y\n")],
            holds: [("    lifetime: session\n", "    lifetime: P1Y\n")]),
        RuleCase(
            rule: "consent-renewal-too-late",
            fires: [("  lifetime: P13M\n  refusal", "  lifetime: P2Y\n  refusal")],
            holds: [("  lifetime: P13M\n  refusal", "  lifetime: P6M\n  refusal")]),
        RuleCase(
            rule: "refusal-remembered-too-briefly",
            fires: [("refusal_lifetime: P6M", "refusal_lifetime: P1D")],
            holds: [("refusal_lifetime: P6M", "refusal_lifetime: P13M")]),
        RuleCase(
            rule: "right-not-offered",
            fires: [("offered: [access, rectification, erasure, restriction, objection,", "offered: [access, rectification, erasure, restriction,")],
            holds: [("offered: [access, rectification, erasure, restriction, objection,", "offered: [restriction, objection, access, rectification, erasure,")]),
        RuleCase(
            rule: "portability-basis-mismatch",
            fires: [("offered: [access, rectification, erasure, restriction, objection, portability,", "offered: [access, rectification, erasure, restriction, objection, {right: portability, activities: [security]},")],
            holds: [("offered: [access, rectification, erasure, restriction, objection, portability,", "offered: [access, rectification, erasure, restriction, objection, {right: portability, activities: [accounts]},")]),
        RuleCase(
            rule: "response-time-exceeds-one-month",
            fires: [("response_time: P1M", "response_time: P3M")],
            holds: [("response_time: P1M", "response_time: P30D")]),
        RuleCase(
            rule: "extension-exceeds-two-months",
            fires: [("extension: P2M", "extension: P3M")],
            holds: [("extension: P2M", "extension: P1M")]),
        RuleCase(
            rule: "rights-contact-missing",
            fires: [("  contact: {email: dpo@exemple.fr}\n", ""), ("  dpo: {email: dpo@exemple.fr}\n", "")],
            holds: [("  contact: {email: dpo@exemple.fr}\n", "")]),
        RuleCase(
            rule: "identity-proof-systematic",
            fires: [("required: when_in_doubt", "required: always")],
            holds: [("required: when_in_doubt", "required: never")]),
        RuleCase(
            rule: "identity-proof-retained",
            fires: [("destroyed_after_processing: true", "destroyed_after_processing: false")],
            holds: [("required: when_in_doubt, destroyed_after_processing: true", "required: never")]),
        RuleCase(
            rule: "post-mortem-directives-unmentioned",
            fires: [(", post_mortem]", "]")],
            holds: [(", post_mortem]", "]"), ("  country: FR\n  registration", "  country: BE\n  registration"), ("{name: CNIL, country: FR,", "{name: APD, country: BE,")]),
        RuleCase(
            rule: "translation-missing",
            fires: [("name: {fr: Statistiques, en: Statistics}", "name: {fr: Statistiques}")],
            holds: [("name: {fr: Statistiques, en: Statistics}", "name: Statistics")]),
        RuleCase(
            rule: "statement-out-of-date",
            fires: [("updated: 2026-10-01", "updated: 2025-11-22")],
            holds: [("updated: 2026-10-01", "updated: 2025-11-23")]),
        RuleCase(
            rule: "statement-undated",
            fires: [("  updated: 2026-10-01\n", "")],
            holds: [("  updated: 2026-10-01\n", "  updated: 2026-10\n")]),
        RuleCase(
            rule: "change-notification-unstated",
            fires: [("  change_notification: email\n", "")],
            holds: [("  change_notification: email\n", "  change_notification: website_notice\n")]),
        RuleCase(
            rule: "response-time-unstated",
            fires: [("  response_time: P1M\n", "")],
            holds: [("response_time: P1M", "response_time: P4W")]),
        RuleCase(
            rule: "consent-mechanism-invalid",
            fires: [("  mechanism: banner\n", "  mechanism: browser_settings\n")],
            holds: [("  mechanism: banner\n", "  mechanism: browser_settings\n"), ("    lifetime: P13M\n    activity: statistics\n", "    lifetime: P13M\n    exempt: true\n")]),
        RuleCase(
            rule: "retention-anchor-unstated",
            fires: [("{anchor: collection, duration: P25M}", "{anchor: unstated, duration: P25M}")],
            holds: [("{anchor: collection, duration: P25M}", "{anchor: last_activity, duration: P25M}")]),
        RuleCase(
            rule: "dpo-unstated",
            fires: [("  dpo: {email: dpo@exemple.fr}\n", "")],
            holds: [("  dpo: {email: dpo@exemple.fr}\n", "  dpo: none\n")]),
        RuleCase(
            rule: "activities-missing",
            fires: [("activities:\n  - id: accounts", "x-unused:\n  - id: accounts"), ("trackers:\n", "activities: []\ntrackers:\n"),
                    ("    activity: statistics\n", ""), ("    transfers: [occasional]\n", "")],
            holds: [("  - id: statistics\n", "  - id: statistics_2\n"), ("    activity: statistics\n", "    activity: statistics_2\n")]),
        RuleCase(
            rule: "transfer-unused",
            fires: [("    transfers: [occasional]\n", "")],
            holds: [("    transfers: [occasional]\n", ""), ("    countries: [IN]\n", "    countries: [IN]\n    recipient: mailer\n")]),
        RuleCase(
            rule: "consent-mechanism-unstated",
            fires: [("  mechanism: banner\n", "")],
            holds: [("  mechanism: banner\n", ""), ("    lifetime: P13M\n    activity: statistics\n", "    lifetime: P13M\n    exempt: true\n")]),
        RuleCase(
            rule: "notice-language-unsupported",
            fires: [("  languages: [fr, en]\n", "  languages: [fr, en, de]\n")],
            holds: [("  languages: [fr, en]\n  prevailing_language: fr\n", "  languages: [en]\n  prevailing_language: en\n")]),
        RuleCase(
            rule: "statement-dated-in-future",
            fires: [("updated: 2026-10-01", "updated: 2026-11-23")],
            holds: [("updated: 2026-10-01", "updated: 2026-11-22")]),
        RuleCase(
            rule: "security-measures-missing",
            fires: [("security:\n  - {fr: Chiffrement des sauvegardes, en: Encrypted backups}", "")],
            holds: [("  - {fr: Chiffrement des sauvegardes, en: Encrypted backups}", "  - {fr: Contrôle d'accès, en: Access control}")]),
    ]

    @Test(arguments: cases)
    func ruleFiresOnItsBreach(_ ruleCase: RuleCase) throws {
        let text = try Fixtures.policy(replacing: ruleCase.fires)
        let report = try Linter.check(text: text, file: "case.yaml", today: Fixtures.today)
        let schema = report.findings.filter { $0.ruleID.hasPrefix("schema-") }
        #expect(schema.isEmpty, "the case must load: \(schema)")
        let hits = report.findings.filter { $0.ruleID == ruleCase.rule }
        #expect(!hits.isEmpty, "\(ruleCase.rule) did not fire; findings: \(report.findings.map(\.ruleID))")
        for hit in hits {
            #expect(hit.location.line > 0 && hit.location.file == "case.yaml")
            #expect(!hit.reference.isEmpty && !hit.message.isEmpty)
        }
    }

    @Test(arguments: cases)
    func ruleHoldsOnTheNearMiss(_ ruleCase: RuleCase) throws {
        let text = try Fixtures.policy(replacing: ruleCase.holds)
        let report = try Linter.check(text: text, file: "case.yaml", today: Fixtures.today)
        let schema = report.findings.filter { $0.ruleID.hasPrefix("schema-") }
        #expect(schema.isEmpty, "the case must load: \(schema)")
        let hits = report.findings.filter { $0.ruleID == ruleCase.rule }
        #expect(hits.isEmpty, "\(ruleCase.rule) fired on the near miss: \(hits.map(\.message))")
    }

    @Test func everyRuleHasACase() {
        let covered = Set(Self.cases.map(\.rule))
        let missing = Linter.rules.map(\.id).filter { !covered.contains($0) }
        #expect(missing == [])
    }
}

extension LintRuleTests {
    /// Findings about a key point at that key, not at the section around it.
    @Test(arguments: [
        ("response_time: P1M", "response_time: P3M", "response-time-exceeds-one-month"),
        ("extension: P2M", "extension: P3M", "extension-exceeds-two-months"),
        ("required: when_in_doubt", "required: always", "identity-proof-systematic"),
        ("refusal_lifetime: P6M", "refusal_lifetime: P1D", "refusal-remembered-too-briefly"),
        ("  lifetime: P13M\n  refusal", "  lifetime: P2Y\n  refusal", "consent-renewal-too-late"),
        ("  mechanism: banner", "  mechanism: implied", "consent-mechanism-invalid"),
        ("    lifetime: P13M\n", "    lifetime: P2Y\n", "tracker-lifetime-exceeds-13-months"),
    ])
    func findingsPointAtTheKeyThatBreaksTheRule(old: String, new: String, rule: String) throws {
        let text = try Fixtures.policy(replacing: [(old, new)])
        let report = try Linter.check(text: text, file: "case.yaml", today: Fixtures.today)
        let finding = try #require(report.findings.first { $0.ruleID == rule })
        let key = new.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n")[0]
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(key) }! + 1
        #expect(finding.location.line == line, "\(rule) points at line \(finding.location.line), the key is on line \(line)")
    }
}

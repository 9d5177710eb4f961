import Foundation
import Testing
@testable import RegistreCore

/// What the published documents say in the cases where wording matters.
@Suite struct RenderingTests {
    func policy(_ replacements: [(String, String)] = []) throws -> Policy {
        let result = try PolicyLoader.load(text: try Fixtures.policy(replacing: replacements), file: "p.yaml")
        return try #require(result.policy, "\(result.findings)")
    }

    @Test func retentionReadsAsPlainWordsInBothLanguages() throws {
        let policy = try policy()
        let accounts = try #require(policy.activity("accounts")).retention[0]
        #expect(Vocabulary("en").describe(accounts, taxonomy: policy.taxonomy) == "Until the end of the contract, then deactivated; deleted 30 days later")
        #expect(Vocabulary("fr").describe(accounts, taxonomy: policy.taxonomy) == "Jusqu'à la fin du contrat, puis désactivées\u{00A0}; supprimées 30 jours plus tard")
        let billing = try #require(policy.activity("billing")).retention[0]
        #expect(Vocabulary("en").describe(billing, taxonomy: policy.taxonomy) == "10 years after collection, then deleted (Code de commerce, art. L123-22)")
    }

    @Test func earlyEndsAddressTheReaderInTheNoticeAndThePersonInTheRegister() throws {
        let policy = try policy([("{anchor: collection, duration: P1Y, rolling: true}", "{anchor: last_contact, duration: P3Y, ends_early_on: [objection, consent_withdrawal], subjects: [visitor]}")])
        let rule = try #require(policy.activity("security")).retention[0]
        #expect(Vocabulary("en").describe(rule, taxonomy: policy.taxonomy)
            == "Visitors: 3 years after the last contact, then deleted, or earlier if you object or you withdraw your consent")
        #expect(Vocabulary("fr").describe(rule, taxonomy: policy.taxonomy, addressingReader: false)
            == "Visiteurs\u{00A0}: 3 ans après le dernier contact, puis supprimées, ou plus tôt si la personne s'y oppose ou la personne retire son consentement")
        let entry = try #require(RegisterRenderer(policy: policy).entries(language: "en").first { $0.reference == "security" })
        #expect(entry.retention == ["Visitors: 3 years after the last contact, then deleted, or earlier if the person objects or the person withdraws consent"])
    }

    @Test func theNoticeClaimsNoTransferOnlyWhenEveryRecipientHasALocation() throws {
        let declared = try policy([("    countries: [US]\n    dpa: true\n    safeguard: scc\n", "    countries: [DE]\n    dpa: true\n"),
                                   ("    transfers: [occasional]\n", ""), ("transfers:\n  - id: occasional\n    countries: [IN]\n    safeguard: scc\n    occasional: true\n    description: {fr: Assistance ponctuelle, en: Occasional support}\n", "")])
        let clean = NoticeRenderer(policy: declared).render(language: "en", format: .markdown)
        #expect(clean.contains("Your data is not transferred outside the European Economic Area."))

        let unknown = try policy([("    kind: processor\n    countries: [FR]\n", "    kind: processor\n")])
        let notice = NoticeRenderer(policy: unknown).render(language: "en", format: .markdown)
        #expect(notice.contains("The policy does not say where these recipients process the data: Hosting provider."))
        #expect(!notice.contains("is not transferred outside"))

        // The access page shares the notice's section: it claims no more than the notice does.
        let page = AccessReportRenderer(policy: unknown).html(AccessReport(collections: [], answeredOn: "2026-11-22"), language: "en")
        #expect(page.contains("The policy does not say where these recipients process the data: Hosting provider."))
        #expect(!page.contains("is not transferred outside"))
        #expect(AccessReportRenderer(policy: declared).html(AccessReport(collections: [], answeredOn: "2026-11-22"), language: "en")
            .contains("Your data is not transferred outside the European Economic Area."))
    }

    /// A renderer shared between requests keeps what the page says of the policy per language
    /// and per activities served: each report still gets the page a new renderer gives it.
    @Test func aSharedAccessRendererGivesEachReportItsOwnPage() throws {
        let policy = try policy()
        func report(_ activities: [[String]]) -> AccessReport {
            AccessReport(collections: activities.enumerated().map { index, served in
                AccessReport.Collection(
                    name: "table_\(index)", activities: served, categories: [], columns: ["id"], withheld: [], rows: [["\(index)"]], total: 1, files: [])
            }, answeredOn: "2026-11-23")
        }
        let reports = [report([["accounts"]]), report([["billing"]]), report([["accounts"], []]), report([]), report([["accounts", "billing"]])]
        let shared = AccessReportRenderer(policy: policy)
        for language in ["en", "fr"] {
            for report in reports + reports.reversed() {
                #expect(shared.html(report, language: language) == AccessReportRenderer(policy: policy).html(report, language: language))
            }
        }
        let accounts = shared.html(reports[0], language: "en"), billing = shared.html(reports[1], language: "en")
        #expect(accounts.contains(#"id="activity-accounts""#) && !accounts.contains(#"id="activity-billing""#))
        #expect(billing.contains(#"id="activity-billing""#) && !billing.contains(#"id="activity-accounts""#))
        #expect(shared.html(reports[2], language: "en").contains("which purposes these tables serve: table_1."))
        #expect(shared.html(reports[3], language: "fr").contains("Nous n&#39;avons trouvé aucune donnée vous concernant."))
        #expect(accounts.hasSuffix("</html>") && accounts.components(separatedBy: "<section id=\"purposes\">").count == 2)
    }

    @Test func theTrackerIntroductionFollowsHowConsentIsCollected() throws {
        let banner = NoticeRenderer(policy: try policy()).render(language: "en", format: .html)
        #expect(banner.contains("withdraw it at any time from the cookie banner"))
        let implied = NoticeRenderer(policy: try policy([("  mechanism: banner\n", "  mechanism: implied\n")]))
            .render(language: "fr", format: .html)
        #expect(implied.contains("la poursuite de la navigation (consentement implicite)"))
        #expect(!implied.contains("depuis le bandeau cookies"))
    }

    @Test func frenchTypographyPutsASpaceBeforeColons() throws {
        let notice = NoticeRenderer(policy: try policy()).render(language: "fr", format: .markdown)
        #expect(notice.contains("Dernière mise à jour\u{00A0}: 2026-10-01"))
        #expect(notice.contains("Responsables conjoints\u{00A0}: Partenaire SA"))
        #expect(!notice.contains("jour: ") && !notice.contains("Immatriculation: "))
    }

    @Test func markdownCellsCannotBreakTheTable() throws {
        let policy = try policy([("name: {fr: Statistiques, en: Statistics}", "name: {fr: \"Stats | mesure\", en: \"Stats | audience\"}"),
                                 ("  - {fr: Chiffrement des sauvegardes, en: Encrypted backups}", "  - {fr: \"Chiffrement\", en: \"Encrypted\\nbackups\"}")])
        let notice = NoticeRenderer(policy: policy).render(language: "en", format: .markdown)
        #expect(notice.contains("### Stats \\| audience"))
        let html = NoticeRenderer(policy: policy).render(language: "en", format: .html)
        #expect(html.contains("<h3>Stats | audience</h3>"))
    }

    @Test func htmlEscapesWhatThePolicySays() throws {
        let policy = try policy([("name: {fr: Statistiques, en: Statistics}", "name: {fr: Statistiques, en: \"<script>alert(1)</script>\"}")])
        let html = NoticeRenderer(policy: policy).render(language: "en", format: .html)
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let register = RegisterRenderer(policy: policy).render(language: "en", format: .html)
        #expect(!register.contains("<script>alert(1)</script>"))
        let svg = DataFlowMap(policy: policy, language: "en").render(format: .svg)
        #expect(!svg.contains("<script>"))
    }

    @Test func csvFieldsQuoteSeparatorsAndDisarmFormulas() {
        #expect(CSV.field("a, b") == "\"a, b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("\tcmd") == "'\tcmd")
    }
}

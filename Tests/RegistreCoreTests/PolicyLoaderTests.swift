import Foundation
import Testing
@testable import RegistreCore

@Suite struct PolicyLoaderTests {
    /// Loads `text`; returns the schema findings (the policy must not load when there are errors).
    private func schemaFindings(_ text: String) throws -> [Finding] {
        let result = try PolicyLoader.load(text: text, file: "bad.yaml")
        if result.findings.contains(where: { $0.severity == .error }) { #expect(result.policy == nil) }
        return result.findings
    }

    @Test func aTypoInAKeyIsReportedWithTheKeyItMeant() throws {
        let text = try Fixtures.policy(replacing: [("    retention: {anchor: collection, duration: P25M}", "    retension: {anchor: collection, duration: P25M}")])
        let findings = try schemaFindings(text)
        let typo = try #require(findings.first { $0.ruleID == "schema-unknown-key" })
        #expect(typo.message.contains("'retension'") && typo.message.contains("did you mean 'retention'"))
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("retension") }! + 1
        #expect(typo.location == SourceLocation(file: "bad.yaml", line: line, column: 5))
    }

    @Test(arguments: [
        ("3 ans", "P3Y"), ("13 months", "P13M"), ("P3Q", "not a unit"), ("-P1Y", "negative"), ("P", "no value"),
        ("P1.5Y", "fractions"), ("PT", "no value"), ("P1YT", "'T' must be followed"), ("P1Y1Y", "twice"), ("P99999999999Y", "too large"),
    ])
    func badDurationsAreRefusedWithAHint(duration: String, hint: String) throws {
        let text = try Fixtures.policy(replacing: [("duration: P25M}", "duration: \"\(duration)\"}")])
        let findings = try schemaFindings(text)
        let finding = try #require(findings.first { $0.ruleID == "schema-invalid-duration" })
        #expect(finding.message.contains(hint), "\(finding.message)")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("duration: \"\(duration)\"") }! + 1
        #expect(finding.location.line == line)
    }

    @Test func wrongTypesSayWhatWasExpected() throws {
        let text = try Fixtures.policy(replacing: [("    legal_basis: contract\n", "    legal_basis: [contract, consent]\n"), ("mandatory: true", "mandatory: maybe")])
        let findings = try schemaFindings(text)
        #expect(findings.contains { $0.ruleID == "schema-wrong-type" && $0.message.contains("activities[0].legal_basis must be a text, found a list") })
        #expect(findings.contains { $0.ruleID == "schema-wrong-type" && $0.message.contains("true or false, found 'maybe'") })
    }

    @Test func duplicateIDsPointAtTheSecondAndNameTheFirst() throws {
        let text = try Fixtures.policy(replacing: [("  - id: billing\n", "  - id: accounts\n")])
        let finding = try #require(try schemaFindings(text).first { $0.ruleID == "schema-duplicate-id" })
        #expect(finding.message.contains("'accounts' is already used at line"))
    }

    @Test func unknownTaxonomyKeysAndReferencesSuggestTheNearestKnownOne() throws {
        let text = try Fixtures.policy(replacing: [("[user.device.ip_address]", "[user.device.ip_adress]"), ("recipients: [support_team, host]", "recipients: [suport_team, host]")])
        let findings = try schemaFindings(text)
        #expect(findings.contains { $0.ruleID == "taxonomy-unknown-key" && $0.message.contains("did you mean 'user.device.ip_address'") })
        #expect(findings.contains { $0.ruleID == "schema-unknown-reference" && $0.message.contains("did you mean 'support_team'") })
    }

    @Test func aPolicyCanAddItsOwnTaxonomyKeys() throws {
        let text = try Fixtures.policy(replacing: [
            ("sources:\n", "taxonomy:\n  data_categories:\n    - {key: user.social.linkedin, name: LinkedIn profile}\nsources:\n"),
            ("[user.device.ip_address]", "[user.device.ip_address, user.social.linkedin]"),
        ])
        let result = try PolicyLoader.load(text: text, file: "ok.yaml")
        #expect(result.findings.isEmpty)
        #expect(result.policy?.taxonomy.dataCategories["user.social.linkedin"]?.parent == "user.social")
    }

    @Test func aPhaseChainThatLoopsIsRefused() throws {
        let text = try Fixtures.policy(replacing: [("{id: off, anchor: contract_end, duration: P0D, action: deactivate}", "{id: off, after: gone, duration: P0D, action: deactivate}")])
        let findings = try schemaFindings(text)
        let loops = findings.filter { $0.ruleID == "retention-phase-cycle" }
        #expect(loops.count == 1, "one loop, one finding")
        #expect(loops.first?.message.contains("gone -> off -> gone") == true)
    }

    @Test func missingRequiredKeysAreNamed() throws {
        let findings = try schemaFindings("organization:\n  legal_form: SAS\n")
        #expect(findings.contains { $0.message.contains("needs 'name'") })
        #expect(findings.contains { $0.message.contains("needs 'activities'") })
    }

    @Test func yamlSyntaxErrorsCarryALineAndColumn() throws {
        let error = try #require(throws: PolicyReadError.self) {
            _ = try PolicyLoader.load(text: "organization:\n  name: [Exemple\nactivities: []\n", file: "broken.yaml")
        }
        #expect(error.code == "yaml-syntax")
        #expect(error.location?.file == "broken.yaml" && error.location?.line == 3)
    }

    @Test func duplicateYAMLKeysAreRefused() throws {
        let error = try #require(throws: PolicyReadError.self) {
            _ = try PolicyLoader.load(text: "organization:\n  name: A\n  legal_form: SAS\n  name: B\nactivities: []\n", file: "dup.yaml")
        }
        #expect(error.code == "yaml-duplicate-key")
        #expect(error.location == SourceLocation(file: "dup.yaml", line: 4, column: 3))
        #expect(error.message.contains("'name' appears twice") && error.message.contains("first at line 2"))
    }

    @Test func emptyAndWhitespaceFilesAreRefused() throws {
        for text in ["", "   \n\n", "# only a comment\n"] {
            let error = try #require(throws: PolicyReadError.self) { _ = try PolicyLoader.load(text: text, file: "empty.yaml") }
            #expect(error.code == "empty-file")
        }
    }

    @Test func bytesThatAreNotUTF8AreLocated() throws {
        var data = Data("organization:\n  name: Soci".utf8)
        data.append(contentsOf: [0xE9, 0x74, 0xE9])
        let error = try #require(throws: PolicyReadError.self) { _ = try PolicyLoader.load(data: data, file: "latin1.yaml") }
        #expect(error.code == "not-utf8")
        #expect(error.location == SourceLocation(file: "latin1.yaml", line: 2, column: 13))
    }

    @Test func directoriesMissingFilesAndHugeFilesAreRefusedBeforeParsing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("registre-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: PolicyReadError.self) { _ = try PolicyLoader.load(contentsOf: directory.path) }
        let missing = try #require(throws: PolicyReadError.self) { _ = try PolicyLoader.load(contentsOf: directory.appendingPathComponent("none.yaml").path) }
        #expect(missing.code == "file-not-found")

        let huge = directory.appendingPathComponent("huge.yaml")
        let line = Data("# \(String(repeating: "x", count: 1021))\n".utf8)
        var blob = Data(capacity: 50 * 1_048_576)
        for _ in 0..<(50 * 1024) { blob.append(line) }
        try blob.write(to: huge)
        let tooLarge = try #require(throws: PolicyReadError.self) { _ = try PolicyLoader.load(contentsOf: huge.path) }
        #expect(tooLarge.code == "file-too-large" && tooLarge.message.contains("50.0 MiB"))
    }

    @Test func nullValuesCountAsAbsent() throws {
        let text = try Fixtures.policy(replacing: [("  legal_form: SAS\n", "  legal_form: ~\n  website: null\n  email:\n")])
        let result = try PolicyLoader.load(text: text, file: "nulls.yaml")
        #expect(result.findings.isEmpty, "\(result.findings)")
        let organization = try #require(result.policy?.organization)
        #expect(organization.legalForm == nil && organization.website == nil && organization.email == nil)
    }

    @Test func anActivityWithAnEmptyNameIsReportedNotDropped() throws {
        let text = try Fixtures.policy(replacing: [("    name: {fr: Statistiques, en: Statistics}\n", "    name: {}\n")])
        let findings = try schemaFindings(text)
        #expect(findings.contains { $0.ruleID == "schema-invalid-value" && $0.message.contains("activities[4].name must give a text") })
    }

    @Test func aMissingRequiredKeyDoesNotMakeTheOtherKeysUnknown() throws {
        let text = try Fixtures.policy(replacing: [("  - name: _pk_id\n", "  - nmae: _pk_id\n"), ("duration: P25M}", "duration: \"3 ans\", action: delete, legal_reference: x}")])
        let findings = try schemaFindings(text)
        let unknown = findings.filter { $0.ruleID == "schema-unknown-key" }
        #expect(unknown.count == 1 && unknown.first?.message.contains("'nmae'; did you mean 'name'?") == true, "\(unknown.map(\.message))")
        #expect(findings.filter { $0.ruleID == "schema-invalid-duration" }.count == 1)
    }

    @Test func aDurationOfTheWrongTypeIsReportedOnce() throws {
        let text = try Fixtures.policy(replacing: [("duration: P25M}", "duration: {years: 3}}")])
        let findings = try schemaFindings(text)
        #expect(findings.filter { $0.ruleID == "schema-wrong-type" }.count == 1, "\(findings)")
    }

    @Test func nulBytesAreRefused() throws {
        let error = try #require(throws: PolicyReadError.self) { _ = try PolicyLoader.load(text: "organization:\n  name: A\u{0}\n", file: "nul.yaml") }
        #expect(error.code == "not-text")
    }
}

extension PolicyLoaderTests {
    @Test(arguments: [("dpo@exemple.fr", "email"), ("+33 1 23 45 67 89", "phone"), ("https://exemple.fr/dpo", "url")])
    func aContactWrittenAsOneTextIsReadByItsShape(text: String, field: String) throws {
        let policy = try #require(try PolicyLoader.load(text: try Fixtures.policy(replacing: [("  dpo: {email: dpo@exemple.fr}", "  dpo: \"\(text)\"")]), file: "c.yaml").policy)
        let dpo = try #require(policy.organization.dpo)
        let values = ["email": dpo.email, "phone": dpo.phone, "url": dpo.url]
        #expect(values[field] == text)
        #expect(values.filter { $0.value != nil }.count == 1)
    }
}

extension PolicyLoaderTests {
    @Test func topLevelXKeysHoldAnchorsTheFileReuses() throws {
        let text = try Fixtures.policy(replacing: [
            ("registre: 1\n", "registre: 1\nx-hosting: &hosting [host]\n"),
            ("    recipients: [host]\n    retention: {anchor: collection, duration: P1Y", "    recipients: *hosting\n    retention: {anchor: collection, duration: P1Y"),
        ])
        let result = try PolicyLoader.load(text: text, file: "x.yaml")
        #expect(result.findings.isEmpty, "\(result.findings)")
        #expect(result.policy?.activity("security")?.recipients.map(\.value) == ["host"])
        let typo = try PolicyLoader.load(text: "organization: {name: A}\nactivities: []\nxhosting: 1\n", file: "y.yaml")
        #expect(typo.findings.contains { $0.message.contains("the document has an unknown key 'xhosting'") })
    }
}

extension PolicyLoaderTests {
    @Test func aByteOrderMarkIsIgnored() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(Fixtures.cleanPolicy.utf8))
        let result = try PolicyLoader.load(data: data, file: "bom.yaml")
        #expect(result.findings.isEmpty && result.policy != nil)
    }

    @Test func severalDocumentsInOneFileAreRefused() throws {
        let error = try #require(throws: PolicyReadError.self) {
            _ = try PolicyLoader.load(text: "organization: {name: A}\nactivities: []\n---\nother: 1\n", file: "two.yaml")
        }
        #expect(error.code == "yaml-several-documents" && error.location?.line == 3)
    }

    @Test func aSectionThatMustBeAListSaysSo() throws {
        let findings = try schemaFindings("organization: {name: A}\nactivities: 3\n")
        #expect(findings.contains { $0.message == "activities must be a list of mappings, found a single value" })
    }
}

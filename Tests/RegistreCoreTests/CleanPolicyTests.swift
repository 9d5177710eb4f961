import Testing
@testable import RegistreCore

@Suite struct CleanPolicyTests {
    @Test func theCleanFixtureLoadsWithNoFinding() throws {
        let report = try Linter.check(text: Fixtures.cleanPolicy, file: "clean.yaml", today: Fixtures.today)
        #expect(report.findings.map(\.description) == [])
    }

    @Test func thereAreAtLeastTwentyFiveRulesWithUniqueIDs() {
        let ids = Linter.rules.map(\.id)
        #expect(ids.count >= 25)
        #expect(Set(ids).count == ids.count)
    }
}

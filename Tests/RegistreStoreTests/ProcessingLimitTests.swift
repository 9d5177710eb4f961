import Foundation
import RegistreCore
import Testing
@testable import RegistreStore

/// Restrictions (Art. 18) and objections (Art. 21), on SQLite and on PostgreSQL, against the
/// OCTOOP policy (prospecting and webinars on legitimate interests and for marketing, support on
/// legitimate interests, the account on a contract, the newsletter on consent).
@Suite struct ProcessingLimitTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let day = Date(timeIntervalSince1970: 1_773_651_600)

    static func octoop() throws -> Policy {
        try #require(try PolicyLoader.load(contentsOf: repository.appendingPathComponent("Examples/octoop.yaml").path).policy)
    }

    @Test(arguments: Backend.allCases)
    func restrictionsAndObjectionsStandUntilLiftedAndDecideEachActivity(_ backend: Backend) async throws {
        let policy = try Self.octoop()
        try await StoreFixture.with(backend) { fixture in
            let register = ProcessingLimits(store: fixture.store, hasher: try KeyedHasher(secret: Data(repeating: 7, count: 32)))
            let jeanne = ["email=jeanne@exemple.fr", "customer_id=42"]
            let restriction = try await register.restrict(
                identities: jeanne, activities: ["support"], ground: .accuracyContested, note: "says the ticket history is wrong", request: nil,
                policy: policy, at: Self.day, actor: "cli")
            #expect(restriction.id == 1 && restriction.ground == "Art. 18(1)(a): accuracy contested, pending verification: says the ticket history is wrong")
            let objection = try await register.object(
                identities: ["email=jeanne@exemple.fr"], activities: ["demos_prospecting", "newsletter"], reason: nil, request: nil, policy: policy,
                at: Self.day, actor: "cli")
            #expect(objection.ground == "demos_prospecting: direct marketing, absolute (Art. 21(2)-(3)); newsletter: direct marketing, absolute (Art. 21(2)-(3))")

            // Every limit standing, with its identities: what retention plans read.
            #expect(try await fixture.store.activeLimits().map { "\($0.id) \($0.identityHashes.count)" } == ["1 2", "2 1"])
            // Found by any of the identities, and only by them.
            #expect(try await register.active(for: ["customer_id=42"]).map(\.id) == [1])
            #expect(try await register.active(for: ["email=jeanne@exemple.fr"]).map(\.id) == [1, 2])
            #expect(try await register.active(for: ["email=paul@exemple.fr"]).isEmpty)
            let stored = try #require(try await fixture.store.limit(id: 1))
            #expect(stored == restriction && Set(stored.identityHashes) == Set(jeanne.map(register.identityHash)))
            #expect(stored.identityHashes.allSatisfy { $0.count == 64 && !$0.contains("jeanne") })

            let verdicts = ProcessingLimits.verdicts(try await register.active(for: jeanne), policy: policy)
            let byActivity = Dictionary(uniqueKeysWithValues: verdicts.map { ($0.activity, "\($0.status) \($0.limits)") })
            #expect(byActivity["support"] == "restricted [1]" && byActivity["demos_prospecting"] == "objected [2]" && byActivity["newsletter"] == "objected [2]")
            #expect(byActivity["account"] == "allowed []" && verdicts.count == policy.activities.count)

            let lifted = try await register.lift(1, reason: "the history was checked and is accurate; told on 20 March", at: Self.day.addingTimeInterval(86_400), actor: "cli")
            #expect(lifted.liftedAt != nil && !lifted.isActive)
            #expect(try await register.active(for: jeanne).map(\.id) == [2])
            #expect(try await fixture.store.activeLimits().map(\.id) == [2])
            #expect(try await fixture.store.limits(identityHashes: jeanne.map(register.identityHash), includeLifted: true).map(\.id) == [1, 2])
            let twice = await #expect(throws: RequestDesk.Refusal.self) { try await register.lift(1, reason: "again", at: Self.day, actor: "cli") }
            #expect(twice?.code == "limit-lifted")

            let audit = try await fixture.store.auditEntries(after: 0, limit: 10)
            #expect(audit.map(\.draft.action) == ["limit.restriction", "limit.objection", "limit.lifted"])
            #expect(audit.allSatisfy { !$0.draft.payload.contains("jeanne") && !$0.draft.payload.contains("42\"") })
            #expect(try await AuditVerifier(store: fixture.store).verify().problem == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func whatTheGDPRDoesNotAllowIsRefusedAndNothingIsWritten(_ backend: Backend) async throws {
        let policy = try Self.octoop()
        try await StoreFixture.with(backend) { fixture in
            let register = ProcessingLimits(store: fixture.store, hasher: try KeyedHasher(secret: Data(repeating: 7, count: 32)))
            let jeanne = ["email=jeanne@exemple.fr"]
            func objection(_ activities: [String], reason: String? = nil) async -> String? {
                let refusal = await #expect(throws: RequestDesk.Refusal.self) {
                    try await register.object(identities: jeanne, activities: activities, reason: reason, request: nil, policy: policy, at: Self.day, actor: "cli")
                }
                return refusal.map { "\($0.code): \($0.message)" }
            }
            #expect(await objection(["support"])?.hasPrefix("reason-missing: 'support' rests on legitimate_interests") == true, "Art. 21(1) needs the person's grounds")
            #expect(await objection(["account"])?.hasPrefix("objection-not-applicable: 'account' rests on contract") == true)
            #expect(await objection(["site_traffic"])?.contains("withdraws it (Art. 7(3)) through the consent ledger") == true)
            #expect(await objection([])?.hasPrefix("activity-missing") == true)
            #expect(await objection(["nope"])?.hasPrefix("activity-unknown: 'nope' is not an activity of the policy") == true)
            #expect(await objection(["webinars", "webinars"])?.hasPrefix("activity-twice") == true)
            let noIdentity = await #expect(throws: RequestDesk.Refusal.self) {
                try await register.restrict(identities: [], activities: [], ground: .legalClaims, note: nil, request: nil, policy: policy, at: Self.day, actor: "cli")
            }
            #expect(noIdentity?.code == "identity-missing")
            let unknownLimit = await #expect(throws: RequestDesk.Refusal.self) { try await register.lift(9, reason: "x", at: Self.day, actor: "cli") }
            #expect(unknownLimit?.code == "limit-unknown")
            #expect(try await fixture.store.auditEntries(after: 0, limit: 10).isEmpty)
            #expect(try await register.active(for: jeanne).isEmpty)

            // With the person's grounds an Art. 21(1) objection is recorded.
            let support = try await register.object(
                identities: jeanne, activities: ["support"], reason: "former employee, harassed by the support line", request: nil, policy: policy,
                at: Self.day, actor: "cli")
            #expect(support.ground == "support: particular situation (Art. 21(1)): former employee, harassed by the support line")
        }
    }
}

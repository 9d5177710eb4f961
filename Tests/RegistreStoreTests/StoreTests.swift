import Foundation
import Testing
@testable import RegistreStore

/// One suite, run on SQLite and on PostgreSQL.
@Suite struct StoreTests {
    @Test(arguments: Backend.allCases)
    func consentsComeBackAsTheyWereStored(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let drafts = [StoreFixture.draft(subject: "a"), StoreFixture.draft(subject: "b", granted: [], refused: ["statistics", "newsletter"]),
                          StoreFixture.draft(subject: "a", granted: ["statistics", "newsletter"], refused: [])]
            let records = try await fixture.store.appendConsents(drafts)
            #expect(records.map(\.id) == records.map(\.id).sorted() && Set(records.map(\.id)).count == 3)
            let history = try await fixture.store.consentHistory(subjectHash: "a")
            #expect(history.map(\.draft) == [drafts[0], drafts[2]])
            #expect(history.map(\.auditSequence) == [records[0].auditSequence, records[2].auditSequence])
            #expect(try await fixture.store.consentHistory(subjectHash: "nobody").isEmpty)
            // A batch mixing absent and present optional fields (written as one insert on
            // PostgreSQL): each record keeps its own, with the id and audit entry returned for it.
            var bare = StoreFixture.draft(subject: "c")
            bare.pageURL = nil
            bare.addressPrefix = nil
            bare.userAgent = nil
            let mixed = [bare, StoreFixture.draft(subject: "d"), bare]
            let stored = try await fixture.store.appendConsents(mixed)
            #expect(stored.map(\.draft) == mixed && stored.map(\.auditSequence) == [4, 5, 6])
            let bareHistory = try await fixture.store.consentHistory(subjectHash: "c")
            #expect(bareHistory.map(\.id) == [stored[0].id, stored[2].id] && bareHistory.map(\.draft) == [bare, bare])
            #expect(try await fixture.store.latestConsents(subjectHash: "d", covering: ["statistics"]).map(\.id) == [stored[1].id])
            let entries = try await fixture.store.auditEntries(after: 3, limit: 10)
            #expect(entries.map(\.sequence) == [4, 5, 6] && entries.map(\.draft.subject) == ["c", "d", "c"])
        }
    }

    @Test(arguments: Backend.allCases)
    func migratingTwiceChangesNothing(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            _ = try await fixture.store.appendConsents([StoreFixture.draft()])
            try await fixture.store.migrate()
            #expect(try await fixture.store.consentHistory(subjectHash: "a").count == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func bannersAreRegisteredOnce(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let banner = BannerVersion(id: "2026-11.fr", hash: "h1", policyVersion: "2026-11", language: "fr", content: "{\"a\":1}", firstServedAt: Date(timeIntervalSince1970: 1_790_000_000))
            try await fixture.store.registerBanner(banner)
            try await fixture.store.registerBanner(BannerVersion(id: "other", hash: "h1", policyVersion: "x", language: "en", content: "{}", firstServedAt: Date()))
            #expect(try await fixture.store.banner(hash: "h1") == banner)
            #expect(try await fixture.store.banner(hash: "h2") == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func tokensAreFoundByHashOnlyAndNamesAreUnique(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            try await fixture.store.createToken(name: "crm", tokenHash: KeyedHasher.sha256("secret-token"), actor: "cli")
            #expect(try await fixture.store.activeToken(hash: KeyedHasher.sha256("secret-token"))?.name == "crm")
            #expect(try await fixture.store.activeToken(hash: KeyedHasher.sha256("other")) == nil)
            let error = await #expect(throws: StoreError.self) {
                try await fixture.store.createToken(name: "crm", tokenHash: KeyedHasher.sha256("another"), actor: "cli")
            }
            #expect(error?.code == "token-exists")
            let audit = try await fixture.store.auditEntries(after: 0, limit: 10)
            #expect(audit.map(\.draft.action) == ["token.created"])
            #expect(!audit[0].draft.payload.contains("secret-token"))

            #expect(try await fixture.store.revokeToken(name: "crm", actor: "cli"))
            #expect(try await fixture.store.activeToken(hash: KeyedHasher.sha256("secret-token")) == nil)
            #expect(try await !fixture.store.revokeToken(name: "crm", actor: "cli"), "a revoked token cannot be revoked twice")
            #expect(try await !fixture.store.revokeToken(name: "nobody", actor: "cli"))
            let listed = try await fixture.store.tokens()
            #expect(listed.map(\.name) == ["crm"] && listed[0].revokedAt != nil)
            let actions = try await fixture.store.auditEntries(after: 0, limit: 10).map(\.draft.action)
            #expect(actions == ["token.created", "token.revoked"])
        }
    }

    @Test(arguments: Backend.allCases)
    func theAuditChainLinksEveryWrite(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            _ = try await fixture.store.appendConsents([StoreFixture.draft(), StoreFixture.draft(subject: "b")])
            _ = try await fixture.store.appendAudit(AuditDraft(actor: "cli", action: "test.done", subject: nil, payload: "{}", recordedAt: Date()))
            let entries = try await fixture.store.auditEntries(after: 0, limit: 100)
            #expect(entries.map(\.sequence) == [1, 2, 3])
            #expect(entries[0].previousHash == AuditChain.genesis)
            #expect(entries[1].previousHash == entries[0].hash && entries[2].previousHash == entries[1].hash)
            #expect(entries[0].draft.payload.contains("\"granted\":[\"statistics\"]"))
            let result = try await AuditVerifier(store: fixture.store, pageSize: 2).verify()
            #expect(result.problem == nil && result.checked == 3 && result.head == entries[2].hash)
        }
    }

    /// The chain's hashing, pinned by values computed with Python's hashlib over the same
    /// length-prefixed fields, so a faster rewrite cannot change what stored chains verify against.
    @Test func theChainHashIsSHA256OverLengthPrefixedFields() {
        let payload = #"{"granted":["statistics"]}"#
        let recordedAt = Date(millisecondsSince1970: 1_700_000_000_123)
        let withSubject = AuditDraft(actor: "public", action: "consent.recorded", subject: "é-subject", payload: payload, recordedAt: recordedAt)
        #expect(AuditChain.hash(sequence: 42, draft: withSubject, previousHash: AuditChain.genesis)
            == "928b2c072ea165114824ea1ec1bfdf03eac75303836e0cdbe502442e66f69456")
        var withoutSubject = withSubject
        withoutSubject.subject = nil
        #expect(AuditChain.hash(sequence: 42, draft: withoutSubject, previousHash: AuditChain.genesis)
            == "65851aa3a887ebb0b779d38cf996930a33f50bb61f6d961e72bf2a2164fc86b7")
    }

    @Test(arguments: Backend.allCases)
    func theVerifierFindsTheFirstAlteredRemovedOrReorderedEntry(_ backend: Backend) async throws {
        for tampering in ["alter", "remove", "reorder"] {
            try await StoreFixture.with(backend) { fixture in
                for index in 0..<5 { _ = try await fixture.store.appendConsents([StoreFixture.draft(subject: "s\(index)")]) }
                switch tampering {
                case "alter":
                    try await fixture.execute("UPDATE audit_entry SET payload = replace(payload, 'statistics', 'nothing') WHERE sequence = 3")
                case "remove":
                    try await fixture.execute("UPDATE consent_record SET audit_sequence = 2 WHERE audit_sequence = 3")
                    try await fixture.execute("DELETE FROM audit_entry WHERE sequence = 3")
                default:
                    // Swap entries 2 and 3 with their own hashes: each still hashes right on its own.
                    try await fixture.execute("UPDATE consent_record SET audit_sequence = 1 WHERE audit_sequence IN (2, 3)")
                    try await fixture.execute("UPDATE audit_entry SET sequence = -2 WHERE sequence = 2")
                    try await fixture.execute("UPDATE audit_entry SET sequence = 2 WHERE sequence = 3")
                    try await fixture.execute("UPDATE audit_entry SET sequence = 3 WHERE sequence = -2")
                }
                let result = try await AuditVerifier(store: fixture.store).verify()
                let problem = try #require(result.problem, "\(backend) \(tampering): not detected")
                switch tampering {
                case "alter": #expect(problem.sequence == 3 && problem.reason.hasPrefix("altered"))
                case "remove": #expect(problem.sequence == 3 && problem.reason.hasPrefix("missing"))
                default: #expect(problem.sequence == 2 && problem.reason.contains("does not follow"))
                }
                #expect(result.checked == Int64(problem.sequence - 1))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func concurrentWritesThroughTheGroupCommitterAreAllStoredOnOneChain(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let committer = GroupCommitter(store: fixture.store, maximumBatch: 16)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await committer.run() }
                try await withThrowingTaskGroup(of: ConsentRecord.self) { writers in
                    for index in 0..<200 {
                        writers.addTask { try await committer.submit(StoreFixture.draft(subject: "c\(index % 7)")) }
                    }
                    var ids: Set<Int64> = []
                    for try await record in writers { ids.insert(record.id) }
                    #expect(ids.count == 200)
                }
                #expect(StoreFixture.threadNames().contains("registre-commit"), "the committer's thread is named where the kernel shows it")
                group.cancelAll()
            }
            let result = try await AuditVerifier(store: fixture.store).verify()
            #expect(result.problem == nil && result.checked == 200)
        }
    }
}

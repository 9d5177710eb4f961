import Foundation
import RegistreCore
import Testing
@testable import RegistreStore

/// Lifecycle events, on SQLite and on PostgreSQL: recorded once however often they are sent,
/// checked before anything is stored, found by the person's identity, never stored in clear.
@Suite struct SubjectEventTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z

    @Test(arguments: Backend.allCases)
    func eventsAreRecordedOnceAndFoundByIdentity(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let events = SubjectEvents(store: fixture.store, hasher: try KeyedHasher(secret: Data(repeating: 7, count: 32)))
            let batch = [
                SubjectEvents.Submission(identity: "customer_number=C-42", kind: "contract_end", occurredAt: "2026-01-31", place: "line 2"),
                .init(identity: "customer_number=C-42", kind: "last_contact", occurredAt: "2026-03-29T02:30:00+02:00", place: "line 3"),
                .init(identity: "email=paul@exemple.fr", kind: "account_deactivation", occurredAt: "2026-10-25T01:30:00Z", place: "line 4"),
            ]
            let first = try await events.record(batch, source: "import:events.csv", actor: "cli", at: Self.now)
            #expect(first == .init(recorded: 3, duplicates: 0))
            // The same file again: nothing new.
            let again = try await events.record(batch, source: "import:events.csv", actor: "cli", at: Self.now)
            #expect(again == .init(recorded: 0, duplicates: 3))

            let jeanne = try await events.events(of: ["customer_number=C-42"])
            #expect(jeanne.map(\.kind) == ["contract_end", "last_contact"])
            // A date alone is midnight in Paris (UTC+1 in winter); the offset is kept exact.
            #expect(jeanne.first?.occurredAt == Date(timeIntervalSince1970: 1_769_814_000))
            #expect(jeanne.last?.occurredAt == Date(timeIntervalSince1970: 1_774_744_200))
            #expect(jeanne.allSatisfy { $0.identityType == "customer_number" && $0.subjectHash.count == 64 && $0.source == "import:events.csv" })
            #expect(try await events.events(of: ["email=paul@exemple.fr", "email=nobody@exemple.fr"]).count == 1)
            // The latest instant of each kind per person, what retention plans count from.
            let latest = try await fixture.store.latestEvents()
            #expect(latest.count == 2)
            #expect(latest[events.subjectHash("customer_number=C-42")] == [
                "contract_end": Date(timeIntervalSince1970: 1_769_814_000), "last_contact": Date(timeIntervalSince1970: 1_774_744_200),
            ])

            let audit = try await fixture.store.auditEntries(after: 0, limit: 10)
            #expect(audit.map(\.draft.action) == ["events.recorded", "events.recorded"])
            #expect(audit.first?.draft.payload == #"{"kinds":{"account_deactivation":1,"contract_end":1,"last_contact":1},"recorded":3,"source":"import:events.csv"}"#)
            #expect(audit.last?.draft.payload.contains(#""recorded":0"#) == true)
            #expect(audit.allSatisfy { !$0.draft.payload.contains("C-42") && !$0.draft.payload.contains("paul") })
            #expect(try await AuditVerifier(store: fixture.store).verify().problem == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func aBadEventRefusesTheWholeBatchSayingWhere(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let events = SubjectEvents(store: fixture.store, hasher: try KeyedHasher(secret: Data(repeating: 7, count: 32)))
            let good = SubjectEvents.Submission(identity: "email=jeanne@exemple.fr", kind: "consent", occurredAt: "2026-11-01", place: "line 2")
            for (bad, code, words) in [
                (SubjectEvents.Submission(identity: "email=a@b.fr", kind: "birthday", occurredAt: "2026-11-01", place: "line 3"), "event-kind-unknown", "line 3: 'birthday'"),
                (.init(identity: "email=a@b.fr", kind: "consent", occurredAt: "2027-01-01", place: "line 3"), "event-in-future", "after now"),
                (.init(identity: "email=a@b.fr", kind: "consent", occurredAt: "2026-11-18T10:00:00", place: "line 3"), "time-zone-missing", "no offset"),
                (.init(identity: "email=a@b.fr", kind: "consent", occurredAt: "31/01/2026", place: "line 3"), "date-invalid", "line 3"),
                (.init(identity: "email=a@b.fr", kind: "consent", occurredAt: "2026-02-30", place: "line 3"), "date-invalid", "line 3"),
            ] {
                let error = await #expect(throws: StoreError.self) {
                    try await events.record([good, bad], source: "api", actor: "token:crm", at: Self.now)
                }
                #expect(error?.code == code && error?.message.contains(words) == true, "\(String(describing: error))")
            }
            #expect(try await events.events(of: ["email=jeanne@exemple.fr"]).isEmpty, "nothing of a refused batch is stored")
            #expect(try await fixture.store.auditEntries(after: 0, limit: 10).isEmpty)
            // A minute ahead of the clock is drift, not the future.
            let drift = SubjectEvents.Submission(identity: "email=a@b.fr", kind: "consent", occurredAt: "2026-11-18T11:07:40Z", place: "line 2")
            #expect(try await events.record([drift], source: "api", actor: "token:crm", at: Self.now).recorded == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func legalHoldsStandUntilReleasedOnce(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let store = fixture.store
            let person = try await store.insertHold(
                LegalHold(scope: .subject, identityType: "email", subjectHash: String(repeating: "a", count: 64), reason: "litigation",
                          until: Self.now.addingTimeInterval(86_400), createdAt: Self.now)
            ) { AuditDraft(actor: "cli", action: "hold.placed", subject: $0.subjectHash, payload: "{}", recordedAt: Self.now) }
            let table = try await store.insertHold(
                LegalHold(scope: .collection, dataset: "odoip", collection: "invoice", reason: "tax audit", until: nil, createdAt: Self.now)
            ) { _ in AuditDraft(actor: "cli", action: "hold.placed", subject: nil, payload: "{}", recordedAt: Self.now) }
            #expect([person.id, table.id] == [1, 2])
            let held = try await store.holds(includeReleased: false)
            #expect(held == [person, table])
            #expect(held[0].isInForce(at: Self.now) && !held[0].isInForce(at: Self.now.addingTimeInterval(86_401)))

            try await store.releaseHold(id: 2, at: Self.now, audit: AuditDraft(actor: "cli", action: "hold.released", subject: nil, payload: "{}", recordedAt: Self.now))
            #expect(try await store.holds(includeReleased: false).map(\.id) == [1])
            #expect(try await store.holds(includeReleased: true).last?.releasedAt == Self.now)
            let twice = await #expect(throws: StoreError.self) {
                try await store.releaseHold(id: 2, at: Self.now, audit: AuditDraft(actor: "cli", action: "hold.released", subject: nil, payload: "{}", recordedAt: Self.now))
            }
            #expect(twice?.code == "hold-released")
            #expect(try await store.auditEntries(after: 0, limit: 10).map(\.draft.action) == ["hold.placed", "hold.placed", "hold.released"])
            #expect(try await AuditVerifier(store: store).verify().problem == nil)
        }
    }
}

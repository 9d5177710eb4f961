import Foundation
import RegistreCore
import Testing
@testable import RegistreStore

/// The lifecycle of data subject requests, on SQLite and on PostgreSQL.
@Suite struct RequestDeskTests {
    static let secret = Data(repeating: 9, count: 32)
    /// Monday 16 March 2026, 10:00 in Paris.
    static let monday = Date(timeIntervalSince1970: 1_773_651_600)
    static func days(_ count: Double, after date: Date = monday) -> Date { date.addingTimeInterval(count * 86_400) }

    @Test(arguments: Backend.allCases)
    func aProofOfIdentityIsKeptSealedWhileTheRequestIsOpenThenDestroyed(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let desk = try RequestDesk(store: fixture.store, secret: Self.secret)
            _ = try await desk.open(.erasure, details: RequestDetails(identities: ["email=jeanne@exemple.fr"]), verified: false, at: Self.monday, actor: "portal")
            let scan = Data("%PDF-1.7\nCarte nationale d'identité: DUPONT Jeanne\n%%EOF\n".utf8)
            let kept = try await desk.attachProof(1, bytes: scan, at: Self.days(1), actor: "portal")
            #expect(kept.contentType == "application/pdf" && kept.size == scan.count)
            #expect(!kept.sealedContent.contains(Data("DUPONT".utf8)), "sealed in the store")
            let read = try await desk.proof(of: 1)
            #expect(read?.bytes == scan && read?.proof.sha256 == kept.sha256)
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
            #expect(try await desk.attachProof(1, bytes: png, at: Self.days(2), actor: "portal").contentType == "image/png", "a second file replaces the first")
            #expect(try await desk.proof(of: 1)?.bytes == png)

            for (bytes, code) in [(Data("MZ\u{90}".utf8), "proof-type"), (Data(), "proof-empty"), (Data(count: IdentityProofFile.maximumSize + 1), "proof-too-large")] {
                let refused = await #expect(throws: RequestDesk.Refusal.self) { try await desk.attachProof(1, bytes: bytes, at: Self.days(2), actor: "portal") }
                #expect(refused?.code == code)
            }
            #expect(try await desk.proof(of: 1)?.bytes == png, "a refused file changes nothing")

            _ = try await desk.confirmIdentity(1, at: Self.days(3), actor: "token:dpo")
            #expect(try await desk.proof(of: 1) != nil, "kept while the request is open")
            _ = try await desk.complete(1, partially: false, result: "erased", at: Self.days(4), actor: "token:dpo")
            #expect(try await desk.proof(of: 1) == nil, "destroyed as the request closes")
            let late = await #expect(throws: RequestDesk.Refusal.self) { try await desk.attachProof(1, bytes: scan, at: Self.days(5), actor: "portal") }
            #expect(late?.code == "state-invalid")

            let audit = try await fixture.store.auditEntries(after: 0, limit: 20).map(\.draft)
            #expect(audit.map(\.action) == [
                "request.received", "request.identity_proof_received", "request.identity_proof_received", "request.identity_confirmed",
                "request.completed", "request.identity_proof_destroyed",
            ])
            #expect(audit[1].payload.contains(kept.sha256) && !audit[1].payload.contains("DUPONT"))
        }
    }

    @Test(arguments: Backend.allCases)
    func aRequestWaitsForIdentityThenRunsItsMonthAndIsExtendedOnce(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let desk = try RequestDesk(store: fixture.store, secret: Self.secret)
            let opened = try await desk.open(.access, details: RequestDetails(identities: ["email=jeanne@exemple.fr"]), verified: false, at: Self.monday, actor: "cli")
            #expect(opened.id == 1 && opened.state == .received && opened.dueOn == nil, "the clock waits for the identity")
            #expect(try await fixture.store.request(id: 1) == opened)
            #expect(!opened.sealedDetails.contains("jeanne"), "identities are sealed")
            #expect(try desk.details(of: opened).identities == ["email=jeanne@exemple.fr"])

            let confirmed = try await desk.confirmIdentity(1, at: Self.days(3), actor: "cli")
            #expect(confirmed.state == .inProgress && confirmed.startedOn?.description == "2026-03-19" && confirmed.dueOn?.description == "2026-04-20",
                    "19 April 2026 is a Sunday: the next working day")

            let extended = try await desk.extend(1, reason: "many systems to search", at: Self.days(20), actor: "token:dpo")
            #expect(extended.extendedTo?.description == "2026-06-19" && extended.deadline?.description == "2026-06-19")
            let twice = await #expect(throws: RequestDesk.Refusal.self) { try await desk.extend(1, reason: "again", at: Self.days(21), actor: "cli") }
            #expect(twice?.code == "already-extended")

            let done = try await desk.complete(1, partially: false, result: #"{"rows":3}"#, at: Self.days(40), actor: "cli")
            #expect(done.state == .completed && done.outcome == #"{"rows":3}"# && done.closedAt != nil)
            let again = await #expect(throws: RequestDesk.Refusal.self) { try await desk.refuse(1, reason: "late", at: Self.days(41), actor: "cli") }
            #expect(again?.code == "state-invalid")

            let audit = try await fixture.store.auditEntries(after: 0, limit: 10)
            #expect(audit.map(\.draft.action) == ["request.received", "request.identity_confirmed", "request.extended", "request.completed"])
            #expect(audit[0].draft.payload.contains(#""id":"1""#) && audit.allSatisfy { !$0.draft.payload.contains("jeanne") })
            #expect(audit[2].draft.payload.contains("many systems to search"))
            #expect(try await fixture.store.requests(includeClosed: false).isEmpty)
            #expect(try await fixture.store.requests(includeClosed: true).map(\.id) == [1])
        }
    }

    @Test(arguments: Backend.allCases)
    func whatTheStateDoesNotAllowIsRefusedAndNothingIsWritten(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let desk = try RequestDesk(store: fixture.store, secret: Self.secret)
            let late = try await desk.open(.erasure, details: RequestDetails(identities: ["email=a@b.fr"]), verified: true, at: Self.monday, actor: "cli")
            #expect(late.dueOn?.description == "2026-04-16")
            let tooLate = await #expect(throws: RequestDesk.Refusal.self) { try await desk.extend(late.id, reason: "busy", at: Self.days(32), actor: "cli") }
            #expect(tooLate?.code == "extension-late")
            let noReason = await #expect(throws: RequestDesk.Refusal.self) { try await desk.refuse(late.id, reason: "  ", at: Self.days(2), actor: "cli") }
            #expect(noReason?.code == "reason-missing")
            let confirmedTwice = await #expect(throws: RequestDesk.Refusal.self) { try await desk.confirmIdentity(late.id, at: Self.days(1), actor: "cli") }
            #expect(confirmedTwice?.code == "state-invalid")
            let unknown = await #expect(throws: RequestDesk.Refusal.self) { try await desk.cancel(99, reason: "dup", at: Self.days(1), actor: "cli") }
            #expect(unknown?.code == "request-unknown")
            let empty = await #expect(throws: RequestDesk.Refusal.self) {
                try await desk.open(.rectification, details: RequestDetails(identities: ["email=a@b.fr"]), verified: true, at: Self.monday, actor: "cli")
            }
            #expect(empty?.code == "correction-missing")
            let described = try await desk.open(
                .rectification, details: RequestDetails(identities: ["email=a@b.fr"], reason: "my street is Rue Haute, not Rue Basse"), verified: false,
                at: Self.monday, actor: "portal")
            #expect(described.right == .rectification, "the person's description stands in for corrections until the DPO runs it")
            #expect(try await fixture.store.request(id: late.id) == late, "unchanged")

            // A status link's secret names its request; a changed or another store's secret names none.
            let token = desk.statusToken(of: late.id)
            #expect(token.hasPrefix("\(late.id)-") && token.count == "\(late.id)-".count + 32)
            #expect(try await desk.request(statusToken: token) == late)
            #expect(try await desk.request(statusToken: "\(described.id)" + token.dropFirst("\(late.id)".count)) == nil, "another number with the same secret")
            #expect(try await desk.request(statusToken: String(token.dropLast()) + (token.last == "0" ? "1" : "0")) == nil)
            for malformed in ["1", "-1-", "", "\(late.id)-", "0-\(token.dropFirst("\(late.id)-".count))"] {
                #expect(try await desk.request(statusToken: malformed) == nil, "\(malformed)")
            }
            let other = try RequestDesk(store: fixture.store, secret: Data(repeating: 8, count: 32))
            #expect(try await other.request(statusToken: token) == nil)
            #expect(late.isOverdue(on: CivilDate(iso: "2026-04-17")!) && !late.isOverdue(on: CivilDate(iso: "2026-04-16")!))

            // Two writers with the same version: the second is refused, not lost.
            var stale = late
            stale.version += 1
            stale.outcome = "first"
            try await fixture.store.updateRequest(stale, audit: AuditDraft(actor: "a", action: "test", subject: nil, payload: "{}", recordedAt: Self.monday))
            stale.outcome = "second"
            let conflict = await #expect(throws: StoreError.self) {
                try await fixture.store.updateRequest(stale, audit: AuditDraft(actor: "b", action: "test", subject: nil, payload: "{}", recordedAt: Self.monday))
            }
            #expect(conflict?.code == "request-changed")
            #expect(try await fixture.store.request(id: late.id)?.outcome == "first")
        }
    }

    @Test(arguments: Backend.allCases)
    func postMortemDirectivesAreKeptSealedAndCarriedOutWhenADeathIsNotified(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let desk = try RequestDesk(store: fixture.store, secret: Self.secret)
            let jeanne = ["email=jeanne@exemple.fr", "customer_number=C-42"]
            let erase = try await desk.recordDirective(.erase, identities: jeanne, executor: "Marie Dupont <marie@exemple.fr>", recipient: nil, note: "tout effacer", at: Self.monday, actor: "cli")
            let send = try await desk.recordDirective(
                .communicate, identities: ["email=jeanne@exemple.fr"], executor: "Marie Dupont", recipient: "Paul Dupont <paul@exemple.fr>", note: nil, at: Self.monday, actor: "cli")
            let keep = try await desk.recordDirective(.keep, identities: ["customer_number=C-42"], executor: "Marie Dupont", recipient: nil, note: nil, at: Self.monday, actor: "cli")
            let withdrawn = try await desk.recordDirective(.erase, identities: jeanne, executor: "Luc", recipient: nil, note: nil, at: Self.monday, actor: "cli")
            #expect([erase.id, send.id, keep.id, withdrawn.id] == [1, 2, 3, 4] && !erase.sealedDetails.contains("Marie") && !erase.identityHashes.contains { $0.contains("jeanne") })
            #expect(try desk.details(of: send).recipient == "Paul Dupont <paul@exemple.fr>")

            for (instruction, recipient, code) in [(PostMortemDirective.Instruction.communicate, nil as String?, "recipient-missing"), (.erase, "Paul", "recipient-unexpected")] {
                let refused = await #expect(throws: RequestDesk.Refusal.self) {
                    try await desk.recordDirective(instruction, identities: jeanne, executor: "Marie", recipient: recipient, note: nil, at: Self.monday, actor: "cli")
                }
                #expect(refused?.code == code)
            }
            let noExecutor = await #expect(throws: RequestDesk.Refusal.self) {
                try await desk.recordDirective(.erase, identities: jeanne, executor: "  ", recipient: nil, note: nil, at: Self.monday, actor: "cli")
            }
            #expect(noExecutor?.code == "executor-missing")

            #expect(try await desk.revokeDirective(withdrawn.id, reason: "changed my mind", at: Self.days(1), actor: "cli").revokedAt == Self.days(1))
            let twice = await #expect(throws: RequestDesk.Refusal.self) { try await desk.revokeDirective(withdrawn.id, reason: nil, at: Self.days(2), actor: "cli") }
            #expect(twice?.code == "directive-closed")
            #expect(try await desk.directives(for: ["customer_number=C-42"], includeClosed: false).map(\.id) == [erase.id, keep.id], "any identity finds them")
            #expect(try await desk.directives(for: ["email=paul@exemple.fr"], includeClosed: true).isEmpty)

            let applied = try await desk.applyDirectives(for: ["email=jeanne@exemple.fr"], notifiedBy: "Marie Dupont, acte de décès du 2 mars", at: Self.days(30), actor: "cli")
            #expect(applied.map(\.id) == [erase.id, send.id] && applied.allSatisfy { $0.appliedAt == Self.days(30) })
            let erasureID = try #require(applied[0].appliedRequest), accessID = try #require(applied[1].appliedRequest)
            let erasure = try #require(try await fixture.store.request(id: erasureID))
            let access = try #require(try await fixture.store.request(id: accessID))
            #expect(erasure.right == .erasure && erasure.state == .inProgress && erasure.dueOn != nil)
            #expect(try desk.details(of: erasure).identities == jeanne, "every identity the person gave")
            let accessReason = try desk.details(of: access).reason ?? ""
            #expect(access.right == .access && accessReason.hasSuffix("communicate the answer to Paul Dupont <paul@exemple.fr>"))
            #expect(try await desk.applyDirectives(for: ["email=jeanne@exemple.fr"], notifiedBy: "again", at: Self.days(31), actor: "cli").isEmpty, "carried out once")
            #expect(try await desk.applyDirectives(for: ["customer_number=C-42"], notifiedBy: "Marie", at: Self.days(31), actor: "cli").map(\.id) == [keep.id])
            let notifier = await #expect(throws: RequestDesk.Refusal.self) { try await desk.applyDirectives(for: jeanne, notifiedBy: " ", at: Self.days(31), actor: "cli") }
            #expect(notifier?.code == "notifier-missing")

            let audit = try await fixture.store.auditEntries(after: 0, limit: 100)
            #expect(audit.map(\.draft.action).filter { $0.hasPrefix("directive.") } == [
                "directive.recorded", "directive.recorded", "directive.recorded", "directive.recorded", "directive.revoked",
                "directive.applied", "directive.applied", "directive.applied",
            ])
            #expect(audit.allSatisfy { !$0.draft.payload.contains("jeanne") && !$0.draft.payload.contains("Marie Dupont <") && !$0.draft.payload.contains("tout effacer") })
        }
    }

    @Test(arguments: Backend.allCases)
    func openRequestsAreListedByDeadline(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let desk = try RequestDesk(store: fixture.store, secret: Self.secret)
            let details = RequestDetails(identities: ["email=a@b.fr"])
            let waiting = try await desk.open(.access, details: details, verified: false, at: Self.monday, actor: "cli")
            let later = try await desk.open(.access, details: details, verified: true, at: Self.days(10), actor: "cli")
            let sooner = try await desk.open(.erasure, details: details, verified: true, at: Self.monday, actor: "cli")
            let cancelled = try await desk.open(.portability, details: details, verified: true, at: Self.monday, actor: "cli")
            _ = try await desk.cancel(cancelled.id, reason: "withdrawn by the person", at: Self.days(1), actor: "cli")
            #expect(try await fixture.store.requests(includeClosed: false).map(\.id) == [sooner.id, later.id, waiting.id])
            #expect(try await fixture.store.requests(includeClosed: true).count == 4)
            let other = try RequestDesk(store: fixture.store, secret: Data(repeating: 1, count: 32))
            let unreadable = #expect(throws: RequestDesk.Refusal.self) { try other.details(of: later) }
            #expect(unreadable?.code == "details-unreadable")
        }
    }

    /// Servers sharing a store never run one request at once: a claim holds until released or
    /// run out, only its owner releases it, and a claim that ran out is taken over.
    @Test(arguments: Backend.allCases)
    func aRequestRunIsClaimedByOneOwnerAtATime(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let desk = try RequestDesk(store: fixture.store, secret: Self.secret)
            _ = try await desk.open(.access, details: RequestDetails(identities: ["email=jeanne@exemple.fr"]), verified: true, at: Self.monday, actor: "cli")
            let store = fixture.store, later = Self.monday.addingTimeInterval(900)
            #expect(try await store.claimRequestRun(1, owner: "a", now: Self.monday, until: later))
            #expect(try await !store.claimRequestRun(1, owner: "b", now: Self.monday.addingTimeInterval(60), until: later))
            try await store.releaseRequestRun(1, owner: "b")
            #expect(try await !store.claimRequestRun(1, owner: "b", now: Self.monday.addingTimeInterval(60), until: later), "only the owner releases")
            try await store.releaseRequestRun(1, owner: "a")
            #expect(try await store.claimRequestRun(1, owner: "b", now: Self.monday.addingTimeInterval(60), until: later))
            // b stopped without releasing: once its claim ran out, c takes it over.
            #expect(try await !store.claimRequestRun(1, owner: "c", now: later.addingTimeInterval(-1), until: later.addingTimeInterval(900)))
            #expect(try await store.claimRequestRun(1, owner: "c", now: later.addingTimeInterval(1), until: later.addingTimeInterval(900)))
            // c renews its claim before it runs out: d still waits past the first end.
            #expect(try await store.claimRequestRun(1, owner: "c", now: later.addingTimeInterval(600), until: later.addingTimeInterval(1500)))
            #expect(try await !store.claimRequestRun(1, owner: "d", now: later.addingTimeInterval(1000), until: later.addingTimeInterval(1900)))
            #expect(try await store.claimRequestRun(1, owner: "d", now: later.addingTimeInterval(1501), until: later.addingTimeInterval(2400)))
        }
    }

    /// Carries the code out of the sending closure, as a mail would.
    final class Outbox: @unchecked Sendable {
        var sent: [(code: String, email: String, until: Date)] = []
    }

    @Test(arguments: Backend.allCases)
    func aCodeSentByMailConfirmsTheIdentityWithinSevenDaysAndFiveTries(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let desk = try RequestDesk(store: fixture.store, secret: Self.secret)
            let outbox = Outbox()
            _ = try await desk.open(.erasure, details: RequestDetails(identities: ["customer_id=7", "email=jeanne@exemple.fr"]), verified: false, at: Self.monday, actor: "cli")
            #expect(try await desk.request(1).state == .received)
            let sent = try await desk.issueIdentityCode(1, at: Self.monday, actor: "cli") { outbox.sent.append(($0, $1, $2)) }
            #expect(sent.state == .awaitingIdentity && sent.dueOn == nil, "received -> awaiting identity; the clock still waits")
            let code = try #require(outbox.sent.last?.code)
            #expect(code.count == 8 && code.allSatisfy(\.isNumber) && outbox.sent.last?.email == "jeanne@exemple.fr")
            #expect(outbox.sent.last?.until == Self.days(7) && sent.codeExpiresAt == Self.days(7))
            #expect(sent.codeHash != nil && sent.codeHash != code && !(sent.codeHash ?? "").contains(code), "only a keyed hash is kept")

            let wrong = code == "00000000" ? "11111111" : "00000000"
            let refused = await #expect(throws: RequestDesk.Refusal.self) { try await desk.verifyIdentityCode(1, code: wrong, at: Self.days(1), actor: "portal") }
            #expect(refused?.code == "code-wrong" && refused?.message.hasSuffix("4 tries left") == true)
            #expect(try await fixture.store.request(id: 1)?.codeAttempts == 1, "a wrong code is counted")

            let late = await #expect(throws: RequestDesk.Refusal.self) { try await desk.verifyIdentityCode(1, code: code, at: Self.days(7.01), actor: "portal") }
            #expect(late?.code == "code-expired")
            let confirmed = try await desk.verifyIdentityCode(1, code: " \(code.prefix(4)) \(code.dropFirst(4)) ", at: Self.days(3), actor: "portal")
            #expect(confirmed.state == .inProgress && confirmed.startedOn?.description == "2026-03-19" && confirmed.codeHash == nil)
            let again = await #expect(throws: RequestDesk.Refusal.self) { try await desk.verifyIdentityCode(1, code: code, at: Self.days(3), actor: "portal") }
            #expect(again?.code == "state-invalid")

            // Five wrong codes lock the code; a new one unlocks.
            _ = try await desk.open(.access, details: RequestDetails(identities: ["email=paul@exemple.fr"]), verified: false, at: Self.monday, actor: "cli")
            _ = try await desk.issueIdentityCode(2, at: Self.monday, actor: "cli") { outbox.sent.append(($0, $1, $2)) }
            let first = try #require(outbox.sent.last?.code)
            for _ in 0..<5 { _ = try? await desk.verifyIdentityCode(2, code: first == "00000000" ? "11111111" : "00000000", at: Self.days(1), actor: "portal") }
            let locked = await #expect(throws: RequestDesk.Refusal.self) { try await desk.verifyIdentityCode(2, code: first, at: Self.days(1), actor: "portal") }
            #expect(locked?.code == "code-locked")
            let soon = await #expect(throws: RequestDesk.Refusal.self) {
                try await desk.issueIdentityCode(2, at: Self.monday.addingTimeInterval(30), actor: "portal") { outbox.sent.append(($0, $1, $2)) }
            }
            #expect(soon?.code == "code-recent" && outbox.sent.count == 2, "a new code, which resets the tries, waits a minute")
            _ = try await desk.issueIdentityCode(2, at: Self.days(2), actor: "cli") { outbox.sent.append(($0, $1, $2)) }
            let second = try #require(outbox.sent.last?.code)
            if second != first {
                let old = await #expect(throws: RequestDesk.Refusal.self) { try await desk.verifyIdentityCode(2, code: first, at: Self.days(2), actor: "portal") }
                #expect(old?.code == "code-wrong", "a new code replaces the old one")
            }
            #expect(try await desk.verifyIdentityCode(2, code: second, at: Self.days(2), actor: "portal").state == .inProgress)

            // A failed mail records nothing; a request without an e-mail gets no code.
            _ = try await desk.open(.access, details: RequestDetails(identities: ["phone_number=+33612345678"]), verified: false, at: Self.monday, actor: "cli")
            let noEmail = await #expect(throws: RequestDesk.Refusal.self) { try await desk.issueIdentityCode(3, at: Self.monday, actor: "cli") { _, _, _ in } }
            #expect(noEmail?.code == "email-missing")
            _ = try await desk.open(.access, details: RequestDetails(identities: ["email=karim@exemple.fr"]), verified: false, at: Self.monday, actor: "cli")
            struct Bounce: Error {}
            await #expect(throws: Bounce.self) { try await desk.issueIdentityCode(4, at: Self.monday, actor: "cli") { _, _, _ in throw Bounce() } }
            #expect(try await fixture.store.request(id: 4)?.codeHash == nil)

            let actions = try await fixture.store.auditEntries(after: 0, limit: 100).map(\.draft.action)
            #expect(actions.filter { $0 == "request.code_sent" }.count == 3 && actions.filter { $0 == "request.code_failed" }.count == 1 + 5 - 0 + (second != first ? 1 : 0))
            #expect(try await fixture.store.auditEntries(after: 0, limit: 100).allSatisfy { !$0.draft.payload.contains(code) && !$0.draft.payload.contains(first) })
        }
    }

    @Test(arguments: Backend.allCases)
    func theDPOIsRemindedOncePerDeadlineAWeekBefore(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let desk = try RequestDesk(store: fixture.store, secret: Self.secret)
            let jeanne = RequestDetails(identities: ["email=jeanne@exemple.fr"])
            _ = try await desk.open(.access, details: jeanne, verified: true, at: Self.monday, actor: "cli")  // due Thursday 16 April
            _ = try await desk.open(.erasure, details: jeanne, verified: true, at: Self.days(20), actor: "cli")  // due Tuesday 5 May
            _ = try await desk.open(.access, details: jeanne, verified: false, at: Self.monday, actor: "cli")  // no deadline yet
            func due(_ iso: String, within days: Int64 = 7) async throws -> [Int64] {
                try await desk.dueReminders(on: try #require(CivilDate(iso: iso)), within: days).map(\.id)
            }
            #expect(try await due("2026-04-08") == [])
            #expect(try await due("2026-04-09") == [1], "seven days before 16 April")
            _ = try await desk.markReminded(1, at: Self.days(24), actor: "cli")
            #expect(try await due("2026-04-10") == [])
            #expect(try await due("2026-04-30") == [2], "request 1 is overdue but was reminded of that deadline")
            // An extension's new deadline gets its own reminder.
            _ = try await desk.extend(1, reason: "many systems", at: Self.days(25), actor: "cli")
            #expect(try await due("2026-06-10") == [2, 1], "by deadline: 5 May (never reminded, overdue), then 16 June")
            let closed = try await desk.complete(2, partially: false, result: "{}", at: Self.days(40), actor: "cli")
            await #expect(throws: RequestDesk.Refusal.self) { try await desk.markReminded(closed.id, at: Self.days(41), actor: "cli") }
            #expect(try await due("2026-06-10") == [1])
            #expect(try await fixture.store.auditEntries(after: 0, limit: 20).filter { $0.draft.action == "request.reminder_sent" }.count == 1)
        }
    }
}

import Foundation
import RegistreCore
import Testing
@testable import RegistreStore

@Suite struct ConsentLedgerTests {
    static let policyPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/exemple-sas.yaml").path
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let banner = BannerVersion(id: "2026-11.fr", hash: String(repeating: "b", count: 64), policyVersion: "2026-11", language: "fr", content: "{}", firstServedAt: now)

    static func ledger(_ store: any RegistreStore) async throws -> ConsentLedger {
        let policy = try #require(try PolicyLoader.load(contentsOf: policyPath).policy)
        try await store.registerBanner(banner)
        return ConsentLedger(policy: policy, store: store, hasher: try KeyedHasher(secret: Data(repeating: 7, count: 32)))
    }

    static func submission(_ method: ConsentMethod = .save, granted: [String] = ["statistics"], refused: [String] = ["newsletter"], visitor: String? = "visitor-1") -> ConsentSubmission {
        ConsentSubmission(
            visitorID: visitor, subjectID: nil, granted: granted, refused: refused, method: method,
            banner: .init(id: banner.id, hash: banner.hash), policyVersion: banner.policyVersion, language: "fr",
            pageURL: "https://exemple.fr/offre?email=jeanne@exemple.fr#top")
    }

    static func context(gpc: Bool = false, at date: Date = now, address: String? = "203.0.113.77") -> ConsentRequestContext {
        ConsentRequestContext(receivedAt: date, address: address, userAgent: "Mozilla/5.0 (X11)", globalPrivacyControl: gpc)
    }

    @Test(arguments: Backend.allCases)
    func aConsentIsRecordedAsProofWithoutWhoOrWhereInClear(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let ledger = try await Self.ledger(fixture.store)
            let record = try await ledger.record(Self.submission(), context: Self.context())
            #expect(record.draft.subjectHash != "visitor-1" && record.draft.subjectHash.count == 64)
            #expect(record.draft.addressPrefix == "203.0.113.0/24")
            #expect(record.draft.pageURL == "https://exemple.fr/offre")
            #expect(record.draft.expiresAt == ISODuration(months: 13).added(to: Self.now))
            #expect(record.draft.refusalExpiresAt == ISODuration(months: 6).added(to: Self.now))
            let history = try await ledger.history(visitorID: "visitor-1", subjectID: nil)
            #expect(history == [record])
            let audit = try await fixture.store.auditEntries(after: 0, limit: 10)
            #expect(audit.count == 1 && audit[0].draft.subject == record.draft.subjectHash)
            #expect(!audit[0].draft.payload.contains("visitor-1") && !audit[0].draft.payload.contains("203.0.113"))
        }
    }

    @Test(arguments: Backend.allCases)
    func aWithdrawalAskedByRequestIsRecordedUnderEachOfThePersonsIds(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let ledger = try await Self.ledger(fixture.store)
            var given = Self.submission(.acceptAll, granted: ["statistics", "newsletter"], refused: [], visitor: nil)
            given.subjectID = "jeanne@exemple.fr"
            _ = try await ledger.record(given, context: Self.context())
            #expect(try await ledger.state(visitorID: nil, subjectID: "jeanne@exemple.fr", at: Self.now).purposes.map(\.status) == ["granted", "granted"])

            let later = Self.now.addingTimeInterval(3600)
            let records = try await ledger.withdraw(subjectIDs: ["jeanne@exemple.fr", "C-42", "jeanne@exemple.fr"], purposes: ["newsletter"], request: 7, at: later)
            #expect(records.count == 2 && records.allSatisfy { $0.draft.method == .withdraw && $0.draft.refused == ["newsletter"] && $0.draft.granted.isEmpty })
            #expect(records.allSatisfy { $0.draft.bannerID == "request-7" && $0.draft.userAgent == "registre request 7" && $0.draft.addressPrefix == nil })
            let state = try await ledger.state(visitorID: nil, subjectID: "jeanne@exemple.fr", at: later)
            #expect(state.purposes.map { "\($0.purpose):\($0.status)" }.sorted() == ["newsletter:refused", "statistics:granted"])
            #expect(try await ledger.history(visitorID: nil, subjectID: "C-42").map(\.draft.method) == [.withdraw])

            let all = try await ledger.withdraw(subjectIDs: ["C-42"], purposes: [], request: 8, at: later)
            #expect(all.first?.draft.refused.sorted() == ["newsletter", "statistics"], "none named: every consent-based purpose")
            let billing = await #expect(throws: RequestDesk.Refusal.self) { try await ledger.withdraw(subjectIDs: ["C-42"], purposes: ["billing"], request: 9, at: later) }
            #expect(billing?.code == "purpose-not-consent-based")
            await #expect(throws: ConsentRejection.self) { try await ledger.withdraw(subjectIDs: ["with space"], purposes: [], request: 9, at: later) }
            #expect(try await fixture.store.auditEntries(after: 0, limit: 10).count == 4, "each record in the audit chain; nothing for the refused ones")
        }
    }

    @Test(arguments: [
        (submission(granted: ["billing"], refused: ["statistics", "newsletter"]), false, "purpose-not-consent-based", "/granted/0"),
        (submission(granted: ["statistcs"], refused: ["newsletter"]), false, "unknown-purpose", "/granted/0"),
        (submission(granted: ["statistics"], refused: ["statistics", "newsletter"]), false, "contradictory-choice", "/refused"),
        (submission(granted: ["statistics"], refused: []), false, "choice-incomplete", "/granted"),
        (submission(.acceptAll, granted: ["statistics"], refused: ["newsletter"]), false, "method-mismatch", "/method"),
        (submission(.rejectAll, granted: ["statistics"], refused: ["newsletter"]), false, "method-mismatch", "/method"),
        (submission(.gpc, granted: [], refused: ["statistics", "newsletter"]), false, "gpc-header-missing", "/method"),
        (submission(.withdraw, granted: [], refused: []), false, "method-mismatch", "/method"),
        (submission(visitor: nil), false, "subject-missing", "/visitor_id"),
        (submission(visitor: String(repeating: "x", count: 201)), false, "subject-invalid", "/visitor_id"),
    ])
    func invalidSubmissionsAreRefusedAndNothingIsStored(submission: ConsentSubmission, gpc: Bool, code: String, pointer: String) async throws {
        try await StoreFixture.with(.sqlite) { fixture in
            let ledger = try await Self.ledger(fixture.store)
            let rejection = await #expect(throws: ConsentRejection.self) { try await ledger.record(submission, context: Self.context(gpc: gpc)) }
            #expect(rejection?.code == code && rejection?.pointer == pointer, "\(String(describing: rejection))")
            #expect(try await fixture.store.auditEntries(after: 0, limit: 10).isEmpty)
        }
    }

    @Test func aBannerTheServerNeverServedIsRefused() async throws {
        try await StoreFixture.with(.sqlite) { fixture in
            let ledger = try await Self.ledger(fixture.store)
            var forged = Self.submission()
            forged.banner.hash = String(repeating: "c", count: 64)
            #expect(await #expect(throws: ConsentRejection.self) { try await ledger.record(forged, context: Self.context()) }?.code == "unknown-banner")
            var otherVersion = Self.submission()
            otherVersion.policyVersion = "2025-01"
            #expect(await #expect(throws: ConsentRejection.self) { try await ledger.record(otherVersion, context: Self.context()) }?.code == "banner-mismatch")
        }
    }

    @Test func theStateFollowsTheLatestChoiceAndExpires() async throws {
        try await StoreFixture.with(.sqlite) { fixture in
            let ledger = try await Self.ledger(fixture.store)
            var state = try await ledger.state(visitorID: "visitor-1", subjectID: nil, at: Self.now)
            #expect(state.purposes.map(\.status) == ["not_asked", "not_asked"] && state.shouldAsk)

            // GPC refuses everything...
            _ = try await ledger.record(Self.submission(.gpc, granted: [], refused: ["newsletter", "statistics"]), context: Self.context(gpc: true))
            state = try await ledger.state(visitorID: "visitor-1", subjectID: nil, at: Self.now)
            #expect(state.purposes.allSatisfy { $0.status == "refused" && $0.method == .gpc } && !state.shouldAsk)

            // ...until the person explicitly chooses otherwise, even with the header still sent.
            let later = Self.now.addingTimeInterval(3600)
            _ = try await ledger.record(Self.submission(.acceptAll, granted: ["newsletter", "statistics"], refused: []), context: Self.context(gpc: true, at: later))
            state = try await ledger.state(visitorID: "visitor-1", subjectID: nil, at: later)
            #expect(state.purposes.allSatisfy { $0.status == "granted" && $0.method == .acceptAll })

            // A consent lasts 13 months, then the banner asks again.
            let thirteenMonths = ISODuration(months: 13).added(to: later)
            state = try await ledger.state(visitorID: "visitor-1", subjectID: nil, at: thirteenMonths.addingTimeInterval(-1))
            #expect(state.purposes.allSatisfy { $0.status == "granted" })
            state = try await ledger.state(visitorID: "visitor-1", subjectID: nil, at: thirteenMonths)
            #expect(state.purposes.allSatisfy { $0.status == "expired" } && state.shouldAsk)

            // Withdrawal of one purpose leaves the other granted.
            _ = try await ledger.record(Self.submission(.withdraw, granted: [], refused: ["newsletter"]), context: Self.context(at: later.addingTimeInterval(60)))
            state = try await ledger.state(visitorID: "visitor-1", subjectID: nil, at: later.addingTimeInterval(120))
            #expect(state.purposes.first { $0.purpose == "newsletter" }?.status == "refused")
            #expect(state.purposes.first { $0.purpose == "statistics" }?.status == "granted")
            // Another visitor is unaffected.
            #expect(try await ledger.state(visitorID: "visitor-2", subjectID: nil, at: later).purposes.allSatisfy { $0.status == "not_asked" })
        }
    }

    @Test func aRefusalIsRememberedSixMonths() async throws {
        try await StoreFixture.with(.sqlite) { fixture in
            let ledger = try await Self.ledger(fixture.store)
            _ = try await ledger.record(Self.submission(.rejectAll, granted: [], refused: ["statistics", "newsletter"]), context: Self.context())
            let sixMonths = ISODuration(months: 6).added(to: Self.now)
            #expect(try await ledger.state(visitorID: "visitor-1", subjectID: nil, at: sixMonths.addingTimeInterval(-1)).purposes.allSatisfy { $0.status == "refused" })
            #expect(try await ledger.state(visitorID: "visitor-1", subjectID: nil, at: sixMonths).shouldAsk)
        }
    }

    @Test(arguments: [
        ("203.0.113.77", "203.0.113.0/24"), ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::/48"),
        ("::ffff:198.51.100.9", "198.51.100.0/24"), ("::1", "0:0:0::/48"), ("not an address", nil),
    ])
    func addressesAreTruncatedBeforeTheyAreStored(address: String, prefix: String?) {
        #expect(AddressPrefix.truncate(address) == prefix)
    }

    @Test(arguments: [
        ("https://exemple.fr/offre?email=jeanne@exemple.fr#top", "https://exemple.fr/offre"),
        ("https://exemple.fr/é#mail=jeanne@exemple.fr?x", "https://exemple.fr/é"),
        ("https://exemple.fr/café", "https://exemple.fr/café"),
        ("?seul=1", ""),
        ("https://exemple.fr/" + String(repeating: "é", count: 3000) + "?q=1", "https://exemple.fr/" + String(repeating: "é", count: 2048 - 19)),
        ("https://exemple.fr/" + String(repeating: "a", count: 2029), "https://exemple.fr/" + String(repeating: "a", count: 2029)),
    ])
    func pagesLoseTheirQueryAndFragmentAndStopAt2048Characters(page: String, kept: String) {
        #expect(ConsentLedger.pageWithoutQuery(page) == kept)
    }

    @Test func hashesAreStandardHex() throws {
        #expect(KeyedHasher.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // The two ways of writing bytes in hexadecimal agree, on every byte value.
        let bytes = (0..<512).map { UInt8(($0 * 37 + 11) % 256) }
        #expect(Hex.string(bytesOf: Data(bytes)) == Hex.string(bytes) && Hex.string(bytesOf: Data([0x00, 0x0f, 0xa5, 0xff])) == "000fa5ff")
        #expect(Hex.string(bytesOf: Data()) == "")
        // The keyed hash against an independent HMAC-SHA256.
        let hasher = try KeyedHasher(secret: Data(repeating: 0x0b, count: 32))
        #expect(hasher.hash("Hi There", kind: "visitor") == Self.hmacHex(key: Data(repeating: 0x0b, count: 32), message: "visitor:Hi There"))
        // Each hash starts from the keyed state, untouched by the ones before (and a long one).
        let long = String(repeating: "é-0123456789", count: 100)
        #expect(hasher.hash(long, kind: "subject") == Self.hmacHex(key: Data(repeating: 0x0b, count: 32), message: "subject:" + long))
        #expect(hasher.hash("Hi There", kind: "visitor") == Self.hmacHex(key: Data(repeating: 0x0b, count: 32), message: "visitor:Hi There"))
        // Secrets of a block's length and longer (a longer key is hashed first, RFC 2104).
        for length in [33, 64, 65, 100] {
            let secret = Data((0..<length).map { UInt8(($0 * 7 + 3) % 256) })
            #expect(try KeyedHasher(secret: secret).hash("Hi There", kind: "visitor") == Self.hmacHex(key: secret, message: "visitor:Hi There"), "\(length) bytes")
        }
    }

    /// HMAC-SHA256 computed by Python's standard library, an implementation Registre does not share.
    static func hmacHex(key: Data, message: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import hmac,hashlib,sys; print(hmac.new(bytes.fromhex(sys.argv[1]), sys.argv[2].encode(), hashlib.sha256).hexdigest())",
                             key.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(), message]
        let out = Pipe()
        process.standardOutput = out
        try? process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func identifiersAreKeyedSoTheSameIdUnderAnotherKeyIsUnlinkable() throws {
        let one = try KeyedHasher(secret: Data(repeating: 1, count: 32))
        let two = try KeyedHasher(secret: Data(repeating: 2, count: 32))
        #expect(one.hash("v", kind: "visitor") == one.hash("v", kind: "visitor"))
        #expect(one.hash("v", kind: "visitor") != two.hash("v", kind: "visitor"))
        #expect(one.hash("v", kind: "visitor") != one.hash("v", kind: "subject"))
        #expect(throws: StoreError.self) { _ = try KeyedHasher(secret: Data(repeating: 1, count: 16)) }
    }

    @Test func deadlinesCountMonthsAsRegulation1182_71Does() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let januaryEnd = calendar.date(from: DateComponents(year: 2027, month: 1, day: 31, hour: 10))!
        let result = ISODuration.oneMonth.added(to: januaryEnd)
        #expect(calendar.dateComponents([.year, .month, .day], from: result) == DateComponents(year: 2027, month: 2, day: 28))
        let leap = calendar.date(from: DateComponents(year: 2028, month: 1, day: 31))!
        #expect(calendar.component(.day, from: ISODuration.oneMonth.added(to: leap)) == 29)
    }
}

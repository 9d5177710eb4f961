import Foundation
import PostgresNIO
import Testing
@testable import RegistreStore

/// The claims of scheduled retention passes: each batch claimed by one server at a time, stages
/// in order, lapsed claims taken over, on both back ends; on PostgreSQL, servers claiming at once
/// never get the same batch and never wait for a row another holds.
@Suite struct RetentionBatchTests {
    static let pass = Date(timeIntervalSince1970: 1_795_305_600)  // 2026-11-22T00:00:00Z
    static let now = pass.addingTimeInterval(60)

    static func batches(_ names: [[String]], at pass: Date = Self.pass) -> [RetentionBatch] {
        names.enumerated().flatMap { stage, names in names.map { RetentionBatch(passAt: pass, dataset: "odoip", collection: $0, stage: stage) } }
    }

    static func claimed(_ claim: RetentionBatch.Claim) throws -> RetentionBatch {
        guard case .claimed(let batch) = claim else {
            Issue.record("expected a batch, got \(claim)")
            throw CancellationError()
        }
        return batch
    }

    @Test("A pass's batches are claimed one server at a time, a stage after the one before, a lapsed claim by another server", arguments: Backend.allCases)
    func claims(_ backend: Backend) async throws {
        try await StoreFixture.with(backend) { fixture in
            let store = fixture.store
            let lease = Self.now.addingTimeInterval(300)
            try await store.openRetentionPass(Self.batches([["access_log", "support_ticket"], ["customer"]]))
            // Another server opens the same pass: nothing is added twice.
            try await store.openRetentionPass(Self.batches([["access_log", "support_ticket"], ["customer"]]))
            #expect(try await store.retentionBatches(passAt: Self.pass).map(\.collection) == ["access_log", "support_ticket", "customer"])

            let first = try Self.claimed(try await store.claimRetentionBatch(passAt: Self.pass, worker: "a", now: Self.now, until: lease))
            let second = try Self.claimed(try await store.claimRetentionBatch(passAt: Self.pass, worker: "b", now: Self.now, until: lease))
            #expect([first.collection, second.collection] == ["access_log", "support_ticket"])
            #expect(first.worker == "a" && first.state == .claimed && first.attempts == 1 && first.claimedUntil == lease)
            // The customers wait for the first stage.
            #expect(try await store.claimRetentionBatch(passAt: Self.pass, worker: "c", now: Self.now, until: lease) == .waiting)
            try await store.finishRetentionBatch(first, worker: "a", state: .done, outcome: "{}", at: Self.now)
            #expect(try await store.claimRetentionBatch(passAt: Self.pass, worker: "c", now: Self.now, until: lease) == .waiting)

            // Server b goes quiet: once its claim has run out, c takes the batch over.
            let late = lease.addingTimeInterval(1)
            let takenOver = try Self.claimed(try await store.claimRetentionBatch(passAt: Self.pass, worker: "c", now: late, until: late.addingTimeInterval(300)))
            #expect(takenOver.collection == "support_ticket" && takenOver.worker == "c" && takenOver.attempts == 2)
            let renew = await #expect(throws: StoreError.self) { try await store.renewRetentionClaim(second, worker: "b", until: late.addingTimeInterval(600)) }
            #expect(renew?.code == "claim-lost")
            let finish = await #expect(throws: StoreError.self) { try await store.finishRetentionBatch(second, worker: "b", state: .done, outcome: "{}", at: late) }
            #expect(finish?.code == "claim-lost" && finish?.message.contains("support_ticket") == true)
            try await store.renewRetentionClaim(takenOver, worker: "c", until: late.addingTimeInterval(600))
            try await store.finishRetentionBatch(takenOver, worker: "c", state: .failed, outcome: #"{"error":"lost"}"#, at: late)

            // A failed batch finishes its stage all the same; the next pass tries it again.
            let last = try Self.claimed(try await store.claimRetentionBatch(passAt: Self.pass, worker: "a", now: late, until: late.addingTimeInterval(300)))
            #expect(last.collection == "customer" && last.stage == 1)
            try await store.finishRetentionBatch(last, worker: "a", state: .done, outcome: #"{"applied":{"customer delete":2}}"#, at: late)
            #expect(try await store.claimRetentionBatch(passAt: Self.pass, worker: "a", now: late, until: late) == .finished)
            let stored = try await store.retentionBatches(passAt: Self.pass)
            #expect(stored.map { "\($0.collection) \($0.state.rawValue) \($0.worker ?? "-") \($0.attempts)" } == [
                "access_log done a 1", "support_ticket failed c 2", "customer done a 1",
            ])
            #expect(stored.last?.outcome == #"{"applied":{"customer delete":2}}"# && stored.last?.finishedAt == late)

            // The next pass is a pass of its own.
            let next = Self.pass.addingTimeInterval(86_400)
            #expect(try await store.claimRetentionBatch(passAt: next, worker: "a", now: late, until: late) == .finished)
            try await store.openRetentionPass(Self.batches([["access_log"]], at: next))
            #expect(try Self.claimed(try await store.claimRetentionBatch(passAt: next, worker: "a", now: late, until: late)).collection == "access_log")
        }
    }

    @Test("PostgreSQL: servers claiming at once each get their own batches, and a row another transaction holds is passed over, not waited for")
    func concurrentClaims() async throws {
        try await StoreFixture.with(.postgres) { fixture in
            let store = fixture.store
            let names = (0..<24).map { String(format: "t%02d", $0) }
            try await store.openRetentionPass(Self.batches([names]))
            let lease = Self.now.addingTimeInterval(300)
            // Four servers claim until nothing is left, all at once.
            let claims = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in ["w1", "w2", "w3", "w4"] {
                    group.addTask {
                        var mine: [String] = []
                        while case .claimed(let batch) = try await store.claimRetentionBatch(passAt: Self.pass, worker: worker, now: Self.now, until: lease) {
                            mine.append(batch.collection)
                            try await store.finishRetentionBatch(batch, worker: worker, state: .done, outcome: "{}", at: Self.now)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claims.sorted() == names, "every batch claimed exactly once")
            #expect(try await store.retentionBatches(passAt: Self.pass).allSatisfy { $0.state == .done && $0.attempts == 1 })

            // Another transaction holds the first pending batch's row: the claim takes the next one
            // without waiting (a claim that waited would never return: the holder waits for it).
            let next = Self.pass.addingTimeInterval(86_400)
            try await store.openRetentionPass(Self.batches([["a", "b"]], at: next))
            try await StoreFixture.withClient(try #require(fixture.postgresURL)) { client in
                let (locked, lockedSignal) = AsyncStream<Void>.makeStream()
                let (release, releaseSignal) = AsyncStream<Void>.makeStream()
                let holder = Task {
                    try await client.withTransaction(logger: StoreFixture.logger) { connection in
                        try await connection.query("SELECT id FROM retention_batch WHERE collection = 'a' FOR UPDATE", logger: StoreFixture.logger)
                        lockedSignal.yield()
                        for await _ in release { break }
                    }
                }
                for await _ in locked { break }
                // Were the claim to wait, the holder lets go after a while and the claim gets 'a'.
                let watchdog = Task {
                    try await Task.sleep(for: .seconds(20))
                    Issue.record("the claim waited for the row another transaction holds")
                    releaseSignal.yield()
                }
                let claim = try await store.claimRetentionBatch(passAt: next, worker: "w1", now: Self.now, until: lease)
                watchdog.cancel()
                #expect(try Self.claimed(claim).collection == "b")
                #expect(try await store.claimRetentionBatch(passAt: next, worker: "w2", now: Self.now, until: lease) == .waiting)
                releaseSignal.yield()
                try await holder.value
                #expect(try Self.claimed(try await store.claimRetentionBatch(passAt: next, worker: "w2", now: Self.now, until: lease)).collection == "a")
            }
        }
    }
}

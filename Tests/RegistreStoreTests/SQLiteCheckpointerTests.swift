import Foundation
import GRDB
import Testing
@testable import RegistreStore

/// The write-ahead log is copied back by the background checkpointer and kept bounded by the
/// writer's backstop, with every consent still there and the chain intact.
@Suite struct SQLiteCheckpointerTests {
    /// 4 KB pages plus each frame's 24-byte header.
    static let frameSize = 4_096 + 24

    @Test func theLogIsCheckpointedInTheBackgroundAndStaysBounded() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("registre-checkpoint-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let checkpointer = SQLiteCheckpointer(path: path, interval: 40, backstop: 200)
        let store = try SQLiteStore(path: path, checkpointer: checkpointer)
        try await store.migrate()
        var largestLog = 0
        for batch in 0..<150 {
            let drafts = (0..<8).map { StoreFixture.draft(subject: "visitor-\(batch)-\($0)") }
            _ = try store.appendConsentsBlocking(drafts)
            let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            largestLog = max(largestLog, log)
        }
        // Each batch adds about ten frames: 150 batches passed the backstop several times over,
        // yet the log never held much more than it, so it was started over. (While a background
        // pass holds the checkpoint lock the writer's own pass is refused and the next commits
        // retry, so the log may overshoot by what they add: a busy machine saw 342 frames.)
        #expect(largestLog > 40 * Self.frameSize)
        #expect(largestLog < 2 * 200 * Self.frameSize + 100 * Self.frameSize)
        // The background thread did copy the log at least once.
        for _ in 0..<100 where checkpointer.completedPasses == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(checkpointer.completedPasses > 0)
        #expect(StoreFixture.threadNames().contains("registre-ckpt"))
        // What was copied is what was written: every consent is there, read from another
        // connection, and the chain verifies.
        let count = try await store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM consent_record") }
        #expect(count == 1_200)
        let history = try await store.consentHistory(subjectHash: StoreFixture.draft(subject: "visitor-149-7").subjectHash)
        #expect(history.count == 1)
        let result = try await AuditVerifier(store: store).verify()
        #expect(result.problem == nil && result.checked == 1_200)
    }

    @Test func aStoreThatNeverFillsItsLogStartsNoThread() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("registre-checkpoint-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let checkpointer = SQLiteCheckpointer(path: path)
        let store = try SQLiteStore(path: path, checkpointer: checkpointer)
        try await store.migrate()
        _ = try store.appendConsentsBlocking([StoreFixture.draft(subject: "one")])
        #expect(checkpointer.completedPasses == 0 && !checkpointer.isRunning)
    }
}

import Foundation
import ServiceLifecycle

/// Gathers the consents that arrive while a write is in progress and commits them together, in
/// one transaction and one fsync: durable writes at the rate of the disk's flushes times the
/// batch, not one flush per request. Runs as a `Service` beside the server.
///
/// The batches are written by a thread of the committer's own, which may block on the disk
/// without holding one of the few threads that run the server's tasks; a request waits on a
/// continuation that this thread resumes once its batch is committed. Submitting takes a lock,
/// never an actor hop or a stream, so the cost per consent stays small beside the fsync.
public final class GroupCommitter: Service, Sendable {
    private typealias Item = (draft: ConsentDraft, continuation: CheckedContinuation<ConsentRecord, any Error>)

    /// The queue and the writer's state, guarded by `condition`.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var pending: [Item] = []
        var isStopping = false
    }

    private let store: any RegistreStore
    private let maximumBatch: Int
    private let queue = Queue()

    /// Creates a committer over `store`.
    public init(store: any RegistreStore, maximumBatch: Int = 512) {
        self.store = store
        self.maximumBatch = maximumBatch
    }

    /// Queues a draft and returns once it is committed.
    public func submit(_ draft: ConsentDraft) async throws -> ConsentRecord {
        try await withCheckedThrowingContinuation { continuation in
            queue.condition.lock()
            guard !queue.isStopping else {
                queue.condition.unlock()
                continuation.resume(throwing: Self.shuttingDown)
                return
            }
            queue.pending.append((draft, continuation))
            queue.condition.signal()
            queue.condition.unlock()
        }
    }

    /// Commits batches until the service group shuts down (or the task is cancelled), then
    /// commits what is still queued and refuses anything submitted later.
    public func run() async throws {
        let finished = AsyncStream<Void>.makeStream()
        let thread = Thread { [self] in
            // Named from inside: a name given before `start()` does not reach the kernel on Linux
            // (`top -H`, `perf` and `/proc` would show a dispatch queue's name).
            Thread.current.name = "registre-commit"
            writeBatches()
            finished.continuation.finish()
        }
        thread.start()
        try? await gracefulShutdown()
        stop()
        for await _ in finished.stream {}
    }

    /// Refuses new consents and lets the writer finish the queue and exit.
    private func stop() {
        queue.condition.lock()
        queue.isStopping = true
        queue.condition.broadcast()
        queue.condition.unlock()
    }

    /// The writer thread's loop: wait for consents, write them as one batch, answer each.
    private func writeBatches() {
        while true {
            queue.condition.lock()
            while queue.pending.isEmpty && !queue.isStopping { queue.condition.wait() }
            if queue.pending.isEmpty {
                queue.condition.unlock()
                return
            }
            let batch = Array(queue.pending.prefix(maximumBatch))
            queue.pending.removeFirst(batch.count)
            queue.condition.unlock()
            do {
                let records = try store.appendConsentsBlocking(batch.map(\.draft))
                guard records.count == batch.count else {
                    throw StoreError(code: "not-stored", message: "the store returned \(records.count) records for \(batch.count) consents")
                }
                for (item, record) in zip(batch, records) { item.continuation.resume(returning: record) }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
    }

    private static let shuttingDown = StoreError(code: "shutting-down", message: "the server is shutting down")
}

import ServiceLifecycle

/// Gathers the consents that arrive while a write is in progress and commits them together, in
/// one transaction and one fsync: durable writes at the rate of the disk's flushes times the
/// batch, not one flush per request. Runs as a `Service` beside the server.
public actor GroupCommitter: Service {
    private let store: any RegistreStore
    private let maximumBatch: Int
    private var pending: [(draft: ConsentDraft, continuation: CheckedContinuation<ConsentRecord, any Error>)] = []
    private var isRunning = false
    private var isStopped = false
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    /// Creates a committer over `store`.
    public init(store: any RegistreStore, maximumBatch: Int = 512) {
        self.store = store
        self.maximumBatch = maximumBatch
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues a draft and returns once it is committed.
    public func submit(_ draft: ConsentDraft) async throws -> ConsentRecord {
        guard !isStopped else { throw StoreError(code: "shutting-down", message: "the server is shutting down") }
        return try await withCheckedThrowingContinuation { continuation in
            pending.append((draft, continuation))
            signal.yield()
        }
    }

    /// Commits batches until the service group shuts down, then fails what is still queued.
    public func run() async throws {
        isRunning = true
        for await _ in signals.cancelOnGracefulShutdown() {
            await flush()
        }
        await flush()
        isStopped = true
        let left = pending
        pending = []
        for item in left {
            item.continuation.resume(throwing: StoreError(code: "shutting-down", message: "the server is shutting down"))
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            do {
                let records = try await store.appendConsents(batch.map(\.draft))
                for (item, record) in zip(batch, records) { item.continuation.resume(returning: record) }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
    }
}

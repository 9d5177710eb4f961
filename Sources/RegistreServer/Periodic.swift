import ServiceLifecycle
import Synchronization

/// Runs `work` at once, then every `interval`, until the server shuts down gracefully: the loop
/// of the services that look for work on a clock (the DPO's reminders, expired exports).
func repeatUntilShutdown(every interval: Duration, _ work: @escaping @Sendable () async -> Void) async {
    await cancelWhenGracefulShutdown {
        while !Task.isCancelled {
            await work()
            try? await Task.sleep(for: interval)
        }
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    public var timeInterval: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Set once the store is migrated: services that use the store wait for it, since they start
/// beside the migrations.
public final class StoreReadiness: Sendable {
    private let ready = Atomic<Bool>(false)

    public init(ready: Bool = false) {
        self.ready.store(ready, ordering: .releasing)
    }

    public func markReady() {
        ready.store(true, ordering: .releasing)
    }

    /// Returns once the store is ready, or the task cancelled.
    public func wait() async {
        while !ready.load(ordering: .acquiring), !Task.isCancelled { try? await Task.sleep(for: .milliseconds(50)) }
    }
}

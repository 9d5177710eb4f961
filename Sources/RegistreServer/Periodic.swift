import ServiceLifecycle

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

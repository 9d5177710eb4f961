import Foundation
import Hummingbird
import RegistreStore

/// A token bucket per client address: public endpoints (recording consent, the banner) answer 429
/// with `Retry-After` to an address that sends more than its share, so one client cannot flood
/// the ledger.
actor RateLimiter {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let ratePerSecond: Double
    let burst: Double
    private var buckets: [String: Bucket] = [:]
    private let clock = ContinuousClock()

    init(ratePerSecond: Double, burst: Double) {
        self.ratePerSecond = ratePerSecond
        self.burst = burst
    }

    /// Takes one token for `key`; returns the seconds to wait when there is none.
    func take(_ key: String) -> Double? {
        let now = clock.now
        var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
        let elapsed = bucket.updated.duration(to: now)
        bucket.tokens = min(burst, bucket.tokens + elapsed.timeInterval * ratePerSecond)
        bucket.updated = now
        defer {
            buckets[key] = bucket
            if buckets.count > 100_000 { prune(now: now) }
        }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        return (1 - bucket.tokens) / ratePerSecond
    }

    /// Forgets full buckets, so memory stays bounded under many addresses.
    private func prune(now: ContinuousClock.Instant) {
        buckets = buckets.filter { _, bucket in
            let elapsed = bucket.updated.duration(to: now)
            return Double(elapsed.components.seconds) * ratePerSecond + bucket.tokens < burst
        }
    }
}

/// Applies a ``RateLimiter`` to the routes it wraps.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = RegistreRequestContext
    let limiter: RateLimiter?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let limiter else { return try await next(request, context) }
        // The /24 or /48 of the client: one client cannot escape by cycling the end of its address.
        let key = context.clientAddress.flatMap(AddressPrefix.truncate) ?? "unknown"
        if let wait = await limiter.take(key) {
            let seconds = max(1, Int(wait.rounded(.up)))
            throw RateLimited(seconds: seconds)
        }
        return try await next(request, context)
    }
}

/// Too many requests from one address.
struct RateLimited: Error {
    var seconds: Int
}

import Synchronization

/// The banners already read from the store. A banner version never changes once served (its
/// hash is its content), so a found banner is kept for good; a missing one is asked again.
final class BannerCache: Sendable {
    private let banners = Mutex<[String: BannerVersion]>([:])

    func banner(hash: String, in store: any RegistreStore) async throws -> BannerVersion? {
        if let known = banners.withLock({ $0[hash] }) { return known }
        guard let banner = try await store.banner(hash: hash) else { return nil }
        banners.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[hash] = banner
        }
        return banner
    }
}

import Foundation
import Hummingbird
import RegistreStore
import Synchronization
/// Admin endpoints need `Authorization: Bearer TOKEN`. Tokens are stored as SHA-256 hashes; a
/// missing or unknown token gets 401 with problem details, and nothing about which part failed.
struct TokenAuthenticationMiddleware: RouterMiddleware {
    typealias Context = RegistreRequestContext
    let store: any RegistreStore
    let cache = TokenCache()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw Problem(status: .unauthorized, code: "token-missing", detail: "this endpoint needs an API token: Authorization: Bearer TOKEN (create one with registre token create)")
        }
        let token = Self.trimmed(header.utf8.dropFirst("Bearer ".utf8.count))
        guard (16...256).contains(token.utf8.count), let found = try await cache.token(hash: KeyedHasher.sha256(token), in: store) else {
            throw Problem(status: .unauthorized, code: "token-invalid", detail: "the API token is not valid")
        }
        var context = context
        context.token = found
        return try await next(request, context)
    }

    /// The token without the spaces and tabs around it.
    static func trimmed(_ bytes: Substring.UTF8View) -> String {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let start = bytes.firstIndex { !isBlank($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isBlank($0) }.map { bytes.index(after: $0) } ?? start
        return String(Substring(bytes[start..<max(start, end)]))
    }
}

/// Tokens found in the store in the last 10 seconds, so an admin client does not cost a database
/// read per request; an unknown token is always asked again.
final class TokenCache: Sendable {
    private let entries = Mutex<[String: (token: APIToken, until: ContinuousClock.Instant)]>([:])

    func token(hash: String, in store: any RegistreStore) async throws -> APIToken? {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[hash] }), entry.until > now { return entry.token }
        guard let token = try await store.activeToken(hash: hash) else { return nil }
        entries.withLock { cache in
            if cache.count > 1000 { cache.removeAll() }
            cache[hash] = (token, now.advanced(by: .seconds(10)))
        }
        return token
    }
}

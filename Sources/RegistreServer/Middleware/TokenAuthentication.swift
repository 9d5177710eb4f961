import Hummingbird
import RegistreStore

/// Admin endpoints need `Authorization: Bearer TOKEN`. Tokens are stored as SHA-256 hashes; a
/// missing or unknown token gets 401 with problem details, and nothing about which part failed.
struct TokenAuthenticationMiddleware: RouterMiddleware {
    typealias Context = RegistreRequestContext
    let store: any RegistreStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw Problem(status: .unauthorized, code: "token-missing", detail: "this endpoint needs an API token: Authorization: Bearer TOKEN (create one with registre token create)")
        }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard (16...256).contains(token.count), let found = try await store.activeToken(hash: KeyedHasher.sha256(token)) else {
            throw Problem(status: .unauthorized, code: "token-invalid", detail: "the API token is not valid")
        }
        var context = context
        context.token = found
        return try await next(request, context)
    }
}

import Foundation

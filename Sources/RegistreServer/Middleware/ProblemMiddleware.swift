import Foundation
import Hummingbird
import Logging
import RegistreConnectors
import RegistreStore

/// Turns every error thrown by a route into problem details: a rejected consent, a refused
/// request change or input the connectors refuse into 4xx, a body that is not JSON or lacks a
/// field into 400, a body too large into 413, anything unexpected into 500 with no internal
/// detail (the log has it, without personal data).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response()
        } catch let limited as RateLimited {
            return Problem(status: .tooManyRequests, code: "rate-limited", detail: "too many requests from this address; try again in \(limited.seconds) s")
                .response(extraHeaders: [.retryAfter: String(limited.seconds)])
        } catch let rejection as ConsentRejection {
            return Problem(status: .init(code: rejection.status), code: rejection.code, detail: rejection.detail, pointer: rejection.pointer).response()
        } catch let error as DecodingError {
            return Self.problem(for: error).response()
        } catch let error as HTTPError {
            switch error.status {
            case .contentTooLarge:
                return Problem(status: .contentTooLarge, code: "body-too-large", detail: "the request body is larger than \(context.maxUploadSize / 1024) KiB").response()
            case .notFound:
                return Problem(status: .notFound, code: "not-found", detail: "no such resource: \(request.uri.path.prefix(100))").response()
            case .methodNotAllowed:
                return Problem(status: .methodNotAllowed, code: "method-not-allowed", detail: "\(request.method) is not allowed here").response()
            default:
                return Problem(status: error.status, code: "http-\(error.status.code)", detail: error.body ?? error.status.reasonPhrase).response()
            }
        } catch let refusal as RequestDesk.Refusal {
            let status: HTTPResponse.Status = switch refusal.code {
            case "request-unknown", "limit-unknown", "directive-unknown": .notFound
            case "state-invalid", "already-extended", "extension-late", "limit-lifted", "code-missing", "code-expired", "code-locked",
                "run-in-progress", "directive-closed": .conflict
            case "proof-too-large": .contentTooLarge
            case "proof-type": .unsupportedMediaType
            default: .unprocessableContent
            }
            return Problem(status: status, code: refusal.code, detail: refusal.message).response()
        } catch let error as ConnectorError {
            switch error.code {
            case "connection-failed":
                // The company's database is out of reach: nothing was done, try again later.
                return Problem(status: .serviceUnavailable, code: error.code, detail: error.message).response(extraHeaders: [.retryAfter: "30"])
            case "query-failed", "write-failed", "commit-unknown":
                return Problem(status: .badGateway, code: error.code, detail: error.message).response()
            case "out-unwritable":
                // The server's own disk: its paths are not the client's business.
                context.logger.error("export not written", metadata: ["code": .string(error.code)])
                return Problem(status: .internalServerError, code: error.code, detail: "the server could not write the export; nothing was answered, try again").response()
            case "dataset-invalid":
                return Problem(status: .conflict, code: error.code, detail: error.message).response()
            default:
                // Input the connectors' rules refuse: an identity, a correction, a dataset.
                return Problem(status: .unprocessableContent, code: error.code, detail: error.message).response()
            }
        } catch let error as StoreError where error.code == "request-changed" {
            return Problem(status: .conflict, code: error.code, detail: error.message).response()
        } catch let error as StoreError {
            context.logger.error("store failure", metadata: ["code": .string(error.code)])
            return Problem(status: .serviceUnavailable, code: "store-unavailable", detail: "the ledger could not store or read this; nothing was recorded, try again").response(
                extraHeaders: [.retryAfter: "1"])
        } catch {
            context.logger.error("unexpected failure", metadata: ["error": .string(String(describing: type(of: error)))])
            return Problem(status: .internalServerError, code: "internal", detail: "the server failed to answer; nothing was recorded").response()
        }
    }

    /// A 400 that says which field is wrong, without echoing its value.
    static func problem(for error: DecodingError) -> Problem {
        func pointer(_ path: [any CodingKey]) -> String {
            "/" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return Problem(status: .badRequest, code: "field-missing", detail: "the field '\(key.stringValue)' is missing", pointer: pointer(context.codingPath + [key]))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return Problem(status: .badRequest, code: "field-invalid", detail: "the field \(pointer(context.codingPath)) has the wrong type", pointer: pointer(context.codingPath))
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return Problem(status: .badRequest, code: "field-invalid", detail: "the field \(pointer(context.codingPath)) has a value that is not allowed", pointer: pointer(context.codingPath))
        default:
            return Problem(status: .badRequest, code: "json-invalid", detail: "the body is not valid JSON (UTF-8)")
        }
    }
}

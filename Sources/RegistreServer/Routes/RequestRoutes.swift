import Foundation
import Hummingbird
import RegistreConnectors
import RegistreCore
import RegistreStore

/// The DPO's API over data subject requests (admin, with an API token): list by deadline, open,
/// confirm the identity (or check the code mailed to the person), extend, refuse, cancel, complete. The same ``RequestDesk`` as the
/// command line: the same rules, the same audit entries, with the token's name as the actor.
struct RequestRoutes {
    let desk: RequestDesk
    let store: any RegistreStore

    /// `POST /v1/requests`: what a request asks, as the command line's `request open` takes it.
    struct Opening: Decodable {
        var right: String
        var identities: [String]
        var corrections: [String]?
        var `where`: [String]?
        var activities: [String]?
        var ground: ProcessingLimits.RestrictionGround?
        var reason: String?
        var verified: Bool?
    }

    /// The reasons of an extension, a refusal or a cancellation.
    struct Reasons: Decodable {
        var reason: String
    }

    /// The one-time code the person gave back (`request send-code` mailed it).
    struct Code: Decodable {
        var code: String
    }

    /// The result of a request carried out by other means.
    struct Completion: Decodable {
        var result: String
        var partially: Bool?
    }

    func add(to group: RouterGroup<RegistreRequestContext>) {
        group.get("v1/requests") { request, _ -> Response in
            let all = request.uri.queryParameters.get("all") == "true"
            let today = LegalDeadline.day(of: Date())
            return try Self.json(try await store.requests(includeClosed: all).map { $0.summary(today: today) })
        }
        group.get("v1/requests/{id}") { _, context -> Response in
            let found = try await desk.request(try Self.id(context))
            var summary = found.summary(details: try desk.details(of: found))
            summary["status_path"] = RightsPortal.statusPath(desk.statusToken(of: found.id))
            return try Self.json(summary)
        }
        group.post("v1/requests") { request, context -> Response in
            let opening = try await Self.decode(Opening.self, request, context)
            guard let right = SubjectRight(rawValue: opening.right) else {
                throw RequestDesk.Refusal(code: "right-unknown", message: "right '\(opening.right.prefix(40))': one of \(SubjectRight.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let identities = try opening.identities.map { try Identity(argument: $0).description }
            let corrections = opening.corrections ?? [], filters = opening.where ?? []
            for correction in corrections + filters { _ = try Rectifier.Correction(argument: correction) }
            let details = RequestDetails(
                identities: identities, corrections: corrections, filters: filters, activities: opening.activities ?? [], ground: opening.ground,
                reason: opening.reason)
            let opened = try await desk.open(right, details: details, verified: opening.verified ?? false, at: Date(), actor: Self.actor(context))
            return try Self.json(opened.summary(), status: .created)
        }
        group.post("v1/requests/{id}/confirm") { _, context -> Response in
            try Self.json(try await desk.confirmIdentity(try Self.id(context), at: Date(), actor: Self.actor(context)).summary())
        }
        group.post("v1/requests/{id}/verify") { request, context -> Response in
            let given = try await Self.decode(Code.self, request, context)
            return try Self.json(try await desk.verifyIdentityCode(try Self.id(context), code: given.code, at: Date(), actor: Self.actor(context)).summary())
        }
        group.post("v1/requests/{id}/extend") { request, context -> Response in
            let reasons = try await Self.decode(Reasons.self, request, context)
            return try Self.json(try await desk.extend(try Self.id(context), reason: reasons.reason, at: Date(), actor: Self.actor(context)).summary())
        }
        group.post("v1/requests/{id}/refuse") { request, context -> Response in
            let reasons = try await Self.decode(Reasons.self, request, context)
            return try Self.json(try await desk.refuse(try Self.id(context), reason: reasons.reason, at: Date(), actor: Self.actor(context)).summary())
        }
        group.post("v1/requests/{id}/cancel") { request, context -> Response in
            let reasons = try await Self.decode(Reasons.self, request, context)
            return try Self.json(try await desk.cancel(try Self.id(context), reason: reasons.reason, at: Date(), actor: Self.actor(context)).summary())
        }
        group.post("v1/requests/{id}/complete") { request, context -> Response in
            let completion = try await Self.decode(Completion.self, request, context)
            let result = completion.result.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !result.isEmpty else { throw RequestDesk.Refusal(code: "result-missing", message: "say what was done (result), as the person is told") }
            return try Self.json(
                try await desk.complete(try Self.id(context), partially: completion.partially ?? false, result: result, at: Date(), actor: Self.actor(context)).summary())
        }
    }

    static func id(_ context: RegistreRequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")), id > 0 else {
            throw Problem(status: .badRequest, code: "id-invalid", detail: "a request's number is a positive integer")
        }
        return id
    }

    /// Who made a change: the API token's name.
    static func actor(_ context: RegistreRequestContext) -> String { "token:\(context.token?.name ?? "unknown")" }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: RegistreRequestContext) async throws -> T {
        try ConsentRoutes.decode(type, from: try await ConsentRoutes.body(of: request, context: context))
    }

    static func json(_ object: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: try summaryJSON(object))))
    }
}

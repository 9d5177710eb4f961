import Foundation
import HTTPTypes
import Hummingbird
import RegistreConnectors
import RegistreStore

/// Post-mortem directives over the DPO's API (French Data Protection Act, art. 85), as
/// `registre directive record|list|revoke|apply` does: record, look up, withdraw, and carry them
/// out when a death is notified. A person's identities travel in request bodies, never in URLs,
/// so that they stay out of access logs.
struct DirectiveRoutes {
    let desk: RequestDesk

    /// `POST /v1/directives`.
    struct Recording: Decodable {
        var instruction: String
        var identities: [String]
        var executor: String
        var recipient: String?
        var note: String?
    }

    /// `POST /v1/directives/search`: whose directives, and whether closed ones too.
    struct Search: Decodable {
        var identities: [String]
        var all: Bool?
    }

    /// `POST /v1/directives/{id}/revoke`.
    struct Revocation: Decodable {
        var reason: String?
    }

    /// `POST /v1/deaths`: the person who died, and who notified it with what proof.
    struct Death: Decodable {
        var identities: [String]
        var notifiedBy: String

        enum CodingKeys: String, CodingKey {
            case identities
            case notifiedBy = "notified_by"
        }
    }

    func add(to group: RouterGroup<RegistreRequestContext>) {
        group.post("v1/directives") { request, context -> Response in
            let recording = try await RequestRoutes.decode(Recording.self, request, context)
            guard let instruction = PostMortemDirective.Instruction(rawValue: recording.instruction) else {
                throw RequestDesk.Refusal(
                    code: "instruction-unknown",
                    message: "instruction '\(recording.instruction.prefix(40))': one of \(PostMortemDirective.Instruction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let directive = try await desk.recordDirective(
                instruction, identities: try Self.identities(recording.identities), executor: recording.executor, recipient: recording.recipient,
                note: recording.note, at: Date(), actor: RequestRoutes.actor(context))
            return try RequestRoutes.json(directive.summary(details: try desk.details(of: directive)), status: .created)
        }
        group.post("v1/directives/search") { request, context -> Response in
            let search = try await RequestRoutes.decode(Search.self, request, context)
            let found = try await desk.directives(for: try Self.identities(search.identities), includeClosed: search.all ?? false)
            return try RequestRoutes.json(try found.map { $0.summary(details: try desk.details(of: $0)) })
        }
        group.post("v1/directives/{id}/revoke") { request, context -> Response in
            let buffer = try await ConsentRoutes.body(of: request, context: context)
            let revocation = buffer.readableBytes == 0 ? Revocation() : try ConsentRoutes.decode(Revocation.self, from: buffer)
            let revoked = try await desk.revokeDirective(try RequestRoutes.id(context), reason: revocation.reason, at: Date(), actor: RequestRoutes.actor(context))
            return try RequestRoutes.json(revoked.summary())
        }
        group.post("v1/deaths") { request, context -> Response in
            let death = try await RequestRoutes.decode(Death.self, request, context)
            let applied = try await desk.applyDirectives(
                for: try Self.identities(death.identities), notifiedBy: death.notifiedBy, at: Date(), actor: RequestRoutes.actor(context))
            var object: [String: Any] = ["applied": try applied.map { $0.summary(details: try desk.details(of: $0)) }]
            if applied.isEmpty { object["note"] = RequestDesk.heirsWithoutDirective }
            return try RequestRoutes.json(object)
        }
    }

    /// The identities given, normalised; at least one.
    static func identities(_ given: [String]) throws -> [String] {
        guard !given.isEmpty else { throw RequestDesk.Refusal(code: "identity-missing", message: "give at least one identity, type=value") }
        return try given.map { try Identity(argument: $0).description }
    }
}

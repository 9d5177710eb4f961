import Foundation
import Hummingbird
import RegistreConnectors
import RegistreStore

/// Lifecycle events from the company's systems (admin, with an API token): a CRM posts the end
/// of a contract or a last contact, and the retention clocks that count from it start.
///
/// `POST /v1/subjects/{identity}/events` with `{"kind": "contract_end", "occurred_at":
/// "2026-01-31"}`, or `{"events": [...]}` for up to 1,000 at once; `{identity}` is `type=value`
/// (`customer_number=C-42`, `email=jeanne@exemple.fr`), URL-encoded. 201 with how many were new
/// and how many the store held already. `GET` on the same path lists the person's events.
struct EventRoutes {
    let events: SubjectEvents

    struct Posted: Decodable {
        var kind: String?
        var occurredAt: String?
        var events: [Event]?

        struct Event: Decodable {
            var kind: String
            var occurredAt: String
            enum CodingKeys: String, CodingKey {
                case kind
                case occurredAt = "occurred_at"
            }
        }

        enum CodingKeys: String, CodingKey {
            case kind, events
            case occurredAt = "occurred_at"
        }
    }

    func add(to group: RouterGroup<RegistreRequestContext>) {
        group.post("v1/subjects/:identity/events") { request, context -> Response in
            let identity = try Self.identity(context)
            let posted = try await RequestRoutes.decode(Posted.self, request, context)
            let submissions: [SubjectEvents.Submission]
            if let list = posted.events {
                guard posted.kind == nil, posted.occurredAt == nil, (1...1_000).contains(list.count) else {
                    throw Problem(status: .badRequest, code: "events-invalid", detail: "give either kind and occurred_at, or events: a list of 1 to 1,000 of them")
                }
                submissions = list.enumerated().map { index, event in
                    SubjectEvents.Submission(identity: identity.description, kind: event.kind, occurredAt: event.occurredAt, place: "events[\(index)]")
                }
            } else {
                guard let kind = posted.kind, let occurredAt = posted.occurredAt else {
                    throw Problem(status: .badRequest, code: "field-missing", detail: "give kind and occurred_at, or events")
                }
                submissions = [SubjectEvents.Submission(identity: identity.description, kind: kind, occurredAt: occurredAt, place: "the event")]
            }
            do {
                let actor = RequestRoutes.actor(context)
                let outcome = try await events.record(submissions, source: actor, actor: actor)
                return try RequestRoutes.json(["recorded": outcome.recorded, "duplicates": outcome.duplicates], status: .created)
            } catch let error as StoreError where Self.refusals.contains(error.code) {
                throw Problem(status: .unprocessableContent, code: error.code, detail: error.message)
            }
        }
        group.get("v1/subjects/:identity/events") { _, context -> Response in
            let identity = try Self.identity(context)
            let found = try await events.events(of: [identity.description])
            return try RequestRoutes.json(["events": found.map(\.summary)])
        }
    }

    /// Codes of events the store refuses as they are written, not because it failed.
    static let refusals: Set<String> = ["event-kind-unknown", "event-in-future", "time-zone-missing", "date-invalid", "identity-invalid"]

    /// The person of the path, `type=value`, normalised.
    static func identity(_ context: RegistreRequestContext) throws -> Identity {
        let text = try context.parameters.require("identity")
        do {
            return try Identity(argument: text.removingPercentEncoding ?? text)
        } catch let error as ConnectorError {
            throw Problem(status: .badRequest, code: error.code, detail: error.message)
        }
    }
}

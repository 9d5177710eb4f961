import Foundation
import Hummingbird
import RegistreConnectors
import RegistreCore
import RegistreStore

/// What the company's other systems may do with a person's data: `GET /v1/processing?email=...`
/// answers, for every activity of the policy, whether a restriction (Art. 18) or an objection
/// (Art. 21) of that person stands against it (admin, with an API token). A CRM asks before a
/// campaign, a data warehouse before a load. Consent is not repeated here: `/v1/consents` has it.
struct ProcessingRoutes {
    let policy: Policy
    let limits: ProcessingLimits

    func add(to group: RouterGroup<RegistreRequestContext>) {
        group.get("v1/processing") { request, _ -> Response in
            let identities = try Self.identities(of: request)
            let active = try await limits.active(for: identities.map(\.description))
            return try RequestRoutes.json([
                "activities": ProcessingLimits.verdicts(active, policy: policy).map(\.summary), "limits": active.map(\.summary),
            ])
        }
    }

    /// The identities of the query, one per parameter (`email=...&customer_number=...`), normalised.
    static func identities(of request: Request) throws -> [Identity] {
        var identities: [Identity] = []
        for (name, value) in request.uri.queryParameters {
            do {
                identities.append(try Identity(type: String(name), value: String(value)))
            } catch let error as ConnectorError {
                throw Problem(status: .badRequest, code: "identity-invalid", detail: error.message, pointer: nil)
            }
        }
        guard !identities.isEmpty, identities.count <= 20 else {
            throw Problem(status: .badRequest, code: "identity-missing", detail: "give the person's identities as query parameters, such as ?email=jeanne@exemple.fr (1 to 20)")
        }
        return identities
    }
}

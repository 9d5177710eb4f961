import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RegistreConnectors
import RegistreCore
import RegistreStore
import Synchronization

/// The DPO's API over data subject requests (admin, with an API token): list by deadline, open,
/// confirm the identity (or check the code mailed to the person), extend, refuse, cancel, run on
/// the company's database, fetch the export, complete. The same ``RequestDesk`` and
/// ``RequestRunner`` as the command line: the same rules, the same audit entries, with the token's
/// name as the actor.
struct RequestRoutes {
    let desk: RequestDesk
    let store: any RegistreStore
    let policy: Policy
    let execution: RequestExecution?
    let mail: MailSettings?
    let publicURL: String?
    /// Access pages, with what they say of the policy rendered once for every request.
    let pages: AccessReportRenderer
    /// The requests being run right now: a second run of one of them waits for nothing and is refused.
    let running = Running()
    let logger = Logger(label: "registre.requests")

    final class Running: Sendable {
        private let ids = Mutex<Set<Int64>>([])

        func claim(_ id: Int64) -> Bool { ids.withLock { $0.insert(id).inserted } }
        func release(_ id: Int64) { _ = ids.withLock { $0.remove(id) } }
    }

    /// `POST /v1/requests/{id}/run`: what a run may be given (all optional).
    struct RunInstructions: Decodable {
        var corrections: [String]?
        var `where`: [String]?
        var language: String?
    }

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
            if let proof = try await desk.proofKept(of: found.id) { summary["identity_proof"] = proof.summary }
            return try Self.json(summary)
        }
        group.put("v1/requests/{id}/proof") { request, context -> Response in
            let id = try Self.id(context)
            let bytes = try await Self.proofBody(request)
            return try Self.json(try await desk.attachProof(id, bytes: Data(bytes.readableBytesView), at: Date(), actor: Self.actor(context)).summary)
        }
        group.get("v1/requests/{id}/proof") { _, context -> Response in
            let id = try Self.id(context)
            guard let (proof, bytes) = try await desk.proof(of: id) else {
                throw Problem(status: .notFound, code: "proof-none", detail: "request \(id) holds no proof of identity (none was sent, or it was destroyed when the request closed)")
            }
            let suffix = proof.contentType == "application/pdf" ? "pdf" : proof.contentType == "image/png" ? "png" : "jpg"
            return Response(
                status: .ok,
                headers: [
                    .contentType: proof.contentType, .contentDisposition: "attachment; filename=\"request-\(id)-identity-proof.\(suffix)\"",
                    .cacheControl: "no-store", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(data: bytes)))
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
        group.post("v1/requests/{id}/run") { request, context -> Response in
            try await run(request, context)
        }
        group.get("v1/requests/{id}/export") { _, context -> Response in
            let found = try await desk.request(try Self.id(context))
            guard let shelf = execution?.exports, let archive = shelf.archive(of: found, token: desk.exportToken(of: found.id)) else {
                throw Problem(status: .notFound, code: "export-none", detail: "request \(found.id) has no export kept on this server (only a completed access or portability request run by it has one, for \(execution?.exports.keepDays ?? 30) days)")
            }
            return try await Self.download(archive, context: context)
        }
        group.post("v1/requests/{id}/complete") { request, context -> Response in
            let completion = try await Self.decode(Completion.self, request, context)
            let result = completion.result.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !result.isEmpty else { throw RequestDesk.Refusal(code: "result-missing", message: "say what was done (result), as the person is told") }
            return try Self.json(
                try await desk.complete(try Self.id(context), partially: completion.partially ?? false, result: result, at: Date(), actor: Self.actor(context)).summary())
        }
    }

    /// Runs the request on the company's database, keeps an export for the person, and tells
    /// them by mail when the server sends mail. 200 when done (completed, partially, or no data);
    /// 502 with the same body when the database did not take a change (the request stays in
    /// progress, to run again).
    private func run(_ request: Request, _ context: RegistreRequestContext) async throws -> Response {
        let id = try Self.id(context)
        guard let execution else {
            throw Problem(status: .conflict, code: "run-unavailable", detail: "this server does not carry out requests; run registre request run \(id), or start it with --datasets and --connection")
        }
        let buffer = try await ConsentRoutes.body(of: request, context: context)
        let instructions = buffer.readableBytes == 0 ? RunInstructions() : try ConsentRoutes.decode(RunInstructions.self, from: buffer)
        guard running.claim(id) else { throw Problem(status: .conflict, code: "run-in-progress", detail: "request \(id) is being run; wait for that run's answer") }
        defer { running.release(id) }
        let found = try await desk.request(id)
        let token = desk.exportToken(of: id)
        let folder = found.state == .inProgress && (found.right == .access || found.right == .portability) ? execution.exports.folder(for: token) : nil
        // Made once the run is claimed, so a run refused for another server's claim never
        // touches the folder that server is writing.
        var prepared = false
        let prepare = {
            guard let folder else { return }
            do {
                try execution.exports.prepare(folder)
                prepared = true
            } catch {
                logger.error("the export folder could not be created", metadata: ["request": .stringConvertible(id)])
                throw Problem(status: .internalServerError, code: "exports-unwritable", detail: "the server cannot write the export; nothing was run")
            }
        }
        let runner = RequestRunner(
            desk: desk, store: store, secret: execution.secret, policy: policy, pages: pages, target: { execution.target }, actor: Self.actor(context),
            naming: Self.apiName, lease: execution.runLease)
        let answered: SubjectRequest, outcome: Rights.Outcome
        do {
            (answered, outcome) = try await runner.run(
                id, RequestRunner.Instructions(
                    corrections: instructions.corrections ?? [], filters: instructions.where ?? [], out: folder?.path, language: instructions.language,
                    writesLooseFiles: false),
                claimed: prepare)
        } catch {
            // Written but not the answer (the request changed meanwhile, the zip failed): no copy stays.
            if let folder, prepared { execution.exports.discard(folder) }
            throw error
        }
        if let folder {
            if outcome.hasFailed {
                execution.exports.discard(folder)
            } else {
                execution.exports.protect(folder.appendingPathComponent(found.right == .access ? "access.zip" : "portability.zip"))
            }
        }
        if !outcome.hasFailed {
            // The mail server's pace is not the DPO's: the answer does not wait for it.
            Task { await tellThePerson(answered) }
        }
        var summary = answered.summary(details: try desk.details(of: answered))
        summary["status_path"] = RightsPortal.statusPath(desk.statusToken(of: id))
        if execution.exports.archive(of: answered, token: token) != nil {
            summary["export_path"] = "/v1/requests/\(id)/export"
            summary["download_path"] = RightsPortal.downloadPath(token)
        }
        let body = #"{"request":"# + (try summaryJSON(summary)) + #","result":"# + outcome.json + "}"
        return Response(
            status: outcome.hasFailed ? .badGateway : .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// Mails the person that their request was answered, with the link to its status page and,
    /// for an export, the link to download it (sent only to their verified address); a failed
    /// mail is logged (its code, never the server's words, which may name the address), the answer stands.
    private func tellThePerson(_ request: SubjectRequest) async {
        guard let mail, let email = (try? desk.details(of: request))?.identities.compactMap({ try? Identity(argument: $0) }).first(where: { $0.type == "email" }) else { return }
        let link = publicURL.map { "\($0)\(RightsPortal.statusPath(desk.statusToken(of: request.id)))" }
        let token = desk.exportToken(of: request.id)
        let until = execution?.exports.archive(of: request, token: token)?.until
        let download = until == nil ? nil : publicURL.map { "\($0)\(RightsPortal.downloadPath(token))" }
        do {
            try await mail.client.send(
                RequestMail.answered(request, to: email.value, from: mail.from, signature: mail.signature, statusLink: link, download: download, until: until))
        } catch {
            logger.warning("the answer could not be mailed", metadata: ["request": .stringConvertible(request.id), "error": .string(Self.code(of: error))])
        }
    }

    /// What a log may say of an error: its code, never its message (a mail server's refusal
    /// names the address).
    static func code(of error: any Error) -> String {
        (error as? ConnectorError)?.code ?? (error as? RequestDesk.Refusal)?.code ?? String(describing: type(of: error))
    }

    /// The body of a proof of identity: up to its limit, beyond the other bodies' (413 past it).
    static func proofBody(_ request: Request, overhead: Int = 0) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: IdentityProofFile.maximumSize + overhead)
        } catch is NIOTooManyBytesError {
            throw RequestDesk.Refusal(code: "proof-too-large", message: "the file is larger than \(IdentityProofFile.maximumSize / 1024 / 1024) MiB")
        }
    }

    /// The command line's option names, as this API calls them.
    static func apiName(_ option: String) -> String {
        switch option {
        case "--set": "corrections"
        case "--where": "where"
        case "--lang": "language"
        case "--datasets and --connection": "a server started with --datasets and --connection"
        default: option
        }
    }

    /// A zip of personal data, sent as a download that is never cached.
    static func download(_ archive: (path: String, name: String, until: Date), context: RegistreRequestContext) async throws -> Response {
        let body = try await FileIO().loadFile(path: archive.path, context: context)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(archive.name)\"", .cacheControl: "no-store",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: body)
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

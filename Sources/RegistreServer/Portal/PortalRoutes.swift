import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RegistreConnectors
import RegistreCore
import RegistreStore

/// Where the rights portal's pages are.
public enum RightsPortal {
    /// The path of a request's status page, from its secret (``RequestDesk/statusToken(of:)``).
    public static func statusPath(_ token: String) -> String { "/rights/requests/\(token)" }

    /// The path an answered access or portability request's data is downloaded from, from its
    /// secret (``RequestDesk/exportToken(of:)``).
    public static func downloadPath(_ token: String) -> String { "/rights/exports/\(token)" }
}

/// The public rights portal: `GET /rights` (the form), `POST /rights` (opens the request, mails
/// the code that confirms the person's identity, and sends them to their status page),
/// `GET /rights/requests/{token}` (the status page behind its secret link) and, from it,
/// `POST .../verify` (the code), `.../code` (a new code) and `.../cancel` (withdraw the request),
/// `.../proof` (a proof of identity, as a file); and `GET /rights/exports/{token}`, the person's
/// data once an access or portability request is answered, behind the link mailed to them.
/// The same ``RequestDesk`` as the DPO's API and the command line, with `portal` as the actor.
struct PortalRoutes {
    let desk: RequestDesk
    let pages: PortalPages
    let mail: MailSettings?
    /// The server's public address, for the link in the mail; none leaves the link out.
    let publicURL: String?
    /// Where the answers to access and portability requests wait for the person.
    let exports: ExportShelf?
    let logger: Logger

    /// Adds the routes to `group`; those that send mail go to `mailing`, under a slower rate.
    func add(to group: RouterGroup<RegistreRequestContext>, mailing: RouterGroup<RegistreRequestContext>) {
        group.get("rights") { request, _ in
            Self.html(pages.form(language: pages.language(request.uri.queryParameters.get("lang"))))
        }
        mailing.post("rights") { request, context in
            try await open(request, context)
        }
        group.get("rights/requests/{token}") { request, context in
            let language = pages.language(request.uri.queryParameters.get("lang"))
            let (found, token) = try await find(context)
            guard let found else { return Self.html(pages.unknownLink(language: language), status: .notFound) }
            return Self.html(try await status(found, token: token, language: language))
        }
        group.get("rights/exports/{token}") { request, context in
            let language = pages.language(request.uri.queryParameters.get("lang"))
            let token = try context.parameters.require("token")
            guard let found = try await desk.request(exportToken: token) else { return Self.html(pages.unknownLink(language: language), status: .notFound) }
            guard let archive = exports?.archive(of: found, token: token) else { return Self.html(pages.noExport(language: language), status: .notFound) }
            return try await RequestRoutes.download(archive, context: context)
        }
        mailing.post("rights/requests/{token}/proof") { request, context in
            try await receiveProof(request, context)
        }
        group.post("rights/requests/{token}/verify") { request, context in
            try await change(request, context) { found, form in
                try await desk.verifyIdentityCode(found.id, code: form["code"] ?? "", at: Date(), actor: "portal")
            }
        }
        mailing.post("rights/requests/{token}/code") { request, context in
            try await change(request, context) { found, _ in try await sendCode(found.id) }
        }
        group.post("rights/requests/{token}/cancel") { request, context in
            try await change(request, context) { found, _ in
                try await desk.cancel(found.id, reason: "withdrawn by the person through the rights portal", at: Date(), actor: "portal")
            }
        }
    }

    /// Opens the request the form describes, or gives the form back with what is wrong.
    private func open(_ request: Request, _ context: RegistreRequestContext) async throws -> Response {
        let buffer = try await ConsentRoutes.body(of: request, context: context)
        guard let form = FormFields(buffer) else {
            let language = pages.language(request.uri.queryParameters.get("lang"))
            return Self.html(pages.form(language: language, error: PortalWords(language).unreadableForm), status: .badRequest)
        }
        let language = pages.language(form["lang"])
        let words = PortalWords(language)
        let entry = PortalPages.Entry(
            right: form["right"], email: form["email"] ?? "", objected: form.all("objected"), restricted: form.all("restricted"),
            withdrawn: form.all("withdrawn"), ground: form["ground"], details: form["details"] ?? "")
        func refuse(_ en: String, _ fr: String) -> Response {
            Self.html(pages.form(language: language, entry: entry, error: words.pick(en, fr)), status: .unprocessableContent)
        }
        guard let right = entry.right.flatMap(SubjectRight.init(rawValue:)), pages.rights.contains(right) else {
            return refuse("Choose the right you exercise.", "Choisissez le droit que vous exercez.")
        }
        guard SMTPClient.isAddress(entry.email), let email = try? Identity(argument: "email=\(entry.email)") else {
            return refuse("Give an e-mail address such as jeanne@exemple.fr.", "Indiquez une adresse électronique, par exemple jeanne@exemple.fr.")
        }
        guard entry.details.count <= 4000 else { return refuse("The details are limited to 4,000 characters.", "Les précisions sont limitées à 4 000 caractères.") }
        let known = Set(pages.policy.activities.map(\.id))
        for ticked in [entry.objected, entry.restricted, entry.withdrawn] where !ticked.allSatisfy(known.contains) || Set(ticked).count != ticked.count {
            return refuse("Tick only processing listed on this page.", "Ne cochez que des traitements de cette page.")
        }
        var activities: [String] = []
        var ground: ProcessingLimits.RestrictionGround?
        switch right {
        case .rectification where entry.details.isEmpty:
            return refuse("Say what is inaccurate and what it should say.", "Indiquez ce qui est inexact et ce qui est exact.")
        case .objection:
            let chosen = pages.objectable.filter { entry.objected.contains($0.id) }
            guard !chosen.isEmpty, chosen.count == entry.objected.count else {
                return refuse("Tick the processing you object to.", "Cochez les traitements auxquels vous vous opposez.")
            }
            if entry.details.isEmpty, chosen.contains(where: { !ProcessingLimits.isDirectMarketing($0) }) {
                return refuse(
                    "For processing based on our legitimate interests, give the reasons relating to your situation (GDPR art. 21(1)).",
                    "Pour un traitement fondé sur notre intérêt légitime, indiquez les raisons tenant à votre situation (art. 21(1) du RGPD).")
            }
            activities = chosen.map(\.id)
        case .restriction:
            guard let chosen = entry.ground.flatMap(ProcessingLimits.RestrictionGround.init(rawValue:)) else {
                return refuse("Choose the ground of the restriction.", "Choisissez le motif de la limitation.")
            }
            ground = chosen
            activities = entry.restricted
        case .withdrawConsent:
            guard entry.withdrawn.allSatisfy({ id in pages.consentBased.contains { $0.id == id } }) else {
                return refuse("Tick only purposes you consented to.", "Ne cochez que des finalités soumises à votre consentement.")
            }
            activities = entry.withdrawn
        default:
            break
        }
        let details = RequestDetails(
            identities: [email.description], activities: activities, ground: ground, reason: entry.details.isEmpty ? nil : entry.details)
        let opened = try await desk.open(right, details: details, verified: false, at: Date(), actor: "portal")
        if mail != nil {
            do {
                _ = try await sendCode(opened.id)
            } catch {
                // The request stands; its status page offers to send the code again.
                logger.warning("the identity code could not be sent", metadata: ["request": .stringConvertible(opened.id), "error": .string(RequestRoutes.code(of: error))])
            }
        }
        return Self.redirect(to: "\(RightsPortal.statusPath(desk.statusToken(of: opened.id)))?lang=\(language)")
    }

    /// Keeps the file a person sent from their status page as the request's proof of identity,
    /// or shows the page again with why not.
    private func receiveProof(_ request: Request, _ context: RegistreRequestContext) async throws -> Response {
        let language = pages.language(request.uri.queryParameters.get("lang"))
        let (found, token) = try await find(context)
        guard let found else { return Self.html(pages.unknownLink(language: language), status: .notFound) }
        guard pages.takesProof else { return Self.html(pages.unknownLink(language: language), status: .notFound) }
        let words = PortalWords(language)
        func again(_ en: String, _ fr: String, _ code: HTTPResponse.Status) async throws -> Response {
            Self.html(try await status(found, token: token, language: language, error: words.pick(en, fr)), status: code)
        }
        do {
            // The form's other fields and the part headers take a few hundred bytes more than the file.
            let body = try await RequestRoutes.proofBody(request, overhead: 16 * 1024)
            guard let form = MultipartForm(body, contentType: request.headers[.contentType] ?? ""), let file = form["proof"] else {
                return try await again("The file could not be read; choose it again.", "Le fichier n'a pas pu être lu ; choisissez-le à nouveau.", .badRequest)
            }
            _ = try await desk.attachProof(found.id, bytes: file.bytes, at: Date(), actor: "portal")
        } catch let refusal as RequestDesk.Refusal {
            switch refusal.code {
            case "proof-too-large": return try await again("The file is larger than 5 MB.", "Le fichier dépasse 5 Mo.", .contentTooLarge)
            case "proof-type": return try await again("Send a PDF, JPEG or PNG file.", "Envoyez un fichier PDF, JPEG ou PNG.", .unsupportedMediaType)
            case "proof-empty": return try await again("Choose a file.", "Choisissez un fichier.", .unprocessableContent)
            default: return try await again("This request can no longer be changed.", "Cette demande ne peut plus être modifiée.", .conflict)
            }
        }
        return Self.redirect(to: "\(RightsPortal.statusPath(token))?lang=\(language)")
    }

    /// Mails request `id`'s person a new code, with the link to their status page.
    private func sendCode(_ id: Int64) async throws -> SubjectRequest {
        guard let mail else { throw RequestDesk.Refusal(code: "mail-off", message: "this server sends no mail") }
        let found = try await desk.request(id)
        let link = publicURL.map { "\($0)\(RightsPortal.statusPath(desk.statusToken(of: id)))" }
        return try await desk.issueIdentityCode(id, at: Date(), actor: "portal") { code, email, until in
            try await mail.client.send(
                RequestMail.identityCode(code, to: email, from: mail.from, request: found, validUntil: until, signature: mail.signature, statusLink: link))
        }
    }

    /// Runs a change asked from a status page, then shows the page again: redirected when it
    /// was made, with the reason when it was refused.
    private func change(
        _ request: Request, _ context: RegistreRequestContext, _ body: (SubjectRequest, FormFields) async throws -> SubjectRequest
    ) async throws -> Response {
        let language = pages.language(request.uri.queryParameters.get("lang"))
        let (found, token) = try await find(context)
        guard let found else { return Self.html(pages.unknownLink(language: language), status: .notFound) }
        let form = FormFields(try await ConsentRoutes.body(of: request, context: context))
        guard let form else {
            return Self.html(try await status(found, token: token, language: language, error: PortalWords(language).unreadableForm), status: .badRequest)
        }
        do {
            _ = try await body(found, form)
        } catch let refusal as RequestDesk.Refusal {
            let current = try await desk.request(found.id)
            let status: HTTPResponse.Status = refusal.code == "code-wrong" ? .unprocessableContent : refusal.code == "code-recent" ? .tooManyRequests : .conflict
            return Self.html(try await self.status(current, token: token, language: language, error: PortalWords(language).refusal(refusal)), status: status)
        } catch let error as ConnectorError {
            logger.warning("the identity code could not be sent", metadata: ["request": .stringConvertible(found.id), "error": .string(RequestRoutes.code(of: error))])
            let message = PortalWords(language).pick("The code could not be sent; try again later.", "Le code n'a pas pu être envoyé ; réessayez plus tard.")
            return Self.html(try await status(found, token: token, language: language, error: message), status: .serviceUnavailable)
        }
        return Self.redirect(to: "\(RightsPortal.statusPath(token))?lang=\(language)")
    }

    private func find(_ context: RegistreRequestContext) async throws -> (SubjectRequest?, String) {
        let token = try context.parameters.require("token")
        return (try await desk.request(statusToken: token), token)
    }

    private func status(_ request: SubjectRequest, token: String, language: String, error: String? = nil) async throws -> String {
        pages.status(
            of: request, token: token, language: language, today: LegalDeadline.day(of: Date()), mailConfigured: mail != nil,
            downloadUntil: exports?.archive(of: request, token: desk.exportToken(of: request.id))?.until, proof: request.state.isOpen ? try await desk.proofKept(of: request.id) : nil, error: error)
    }

    /// Portal pages are never cached, framed or sent as a referrer: the status link is a secret.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: securityHeaders(contentType: "text/html; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(to location: String) -> Response {
        var headers = securityHeaders(contentType: "text/plain; charset=utf-8")
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    private static func securityHeaders(contentType: String) -> HTTPFields {
        [
            .contentType: contentType,
            .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
    }
}

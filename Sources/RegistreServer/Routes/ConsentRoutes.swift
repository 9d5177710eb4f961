import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RegistreCore
import RegistreStore

/// The consent ledger over HTTP: `POST /v1/consents` records a choice (public, rate limited);
/// `GET /v1/consents/{subject}` gives the current state and `GET /v1/consents/{subject}/history`
/// the full proof (admin, with an API token).
struct ConsentRoutes {
    let ledger: ConsentLedger
    let store: any RegistreStore

    /// The answer to a recorded consent.
    struct Recorded: ResponseEncodable {
        var id: Int64
        var receivedAt: Date
        var expiresAt: Date
        var refusalExpiresAt: Date
        var method: ConsentMethod

        enum CodingKeys: String, CodingKey {
            case id, method
            case receivedAt = "received_at"
            case expiresAt = "expires_at"
            case refusalExpiresAt = "refusal_expires_at"
        }
    }

    /// One record of the history, with what the banner showed.
    struct HistoryEntry: Encodable {
        var id: Int64
        var method: ConsentMethod
        var granted: [String]
        var refused: [String]
        var receivedAt: Date
        var expiresAt: Date
        var refusalExpiresAt: Date
        var policyVersion: String
        var language: String
        var pageURL: String?
        var addressPrefix: String?
        var userAgent: String?
        var auditSequence: Int64
        var banner: BannerShown

        enum CodingKeys: String, CodingKey {
            case id, method, granted, refused, language, banner
            case receivedAt = "received_at"
            case expiresAt = "expires_at"
            case refusalExpiresAt = "refusal_expires_at"
            case policyVersion = "policy_version"
            case pageURL = "page_url"
            case addressPrefix = "address_prefix"
            case userAgent = "user_agent"
            case auditSequence = "audit_sequence"
        }
    }

    struct BannerShown: Encodable {
        var id: String
        var hash: String
        var content: String?
    }

    struct History: ResponseEncodable {
        var subjectKind: String
        var records: [HistoryEntry]

        enum CodingKeys: String, CodingKey {
            case records
            case subjectKind = "subject_kind"
        }
    }

    func addPublic(to group: RouterGroup<RegistreRequestContext>) {
        group.post("v1/consents") { request, context -> EditedResponse<Recorded> in
            let submission = try await Self.decode(ConsentSubmission.self, from: request, context: context)
            let record = try await ledger.record(submission, context: ConsentRequestContext(
                receivedAt: Date(), address: context.clientAddress,
                userAgent: request.headers[.userAgent], globalPrivacyControl: request.headers[.secGPC] == "1"))
            context.logger.info("consent recorded", metadata: ["method": .string(record.draft.method.rawValue), "record": .stringConvertible(record.id)])
            return EditedResponse(status: .created, response: Recorded(
                id: record.id, receivedAt: record.draft.receivedAt, expiresAt: record.draft.expiresAt,
                refusalExpiresAt: record.draft.refusalExpiresAt, method: record.draft.method))
        }
    }

    func addAdmin(to group: RouterGroup<RegistreRequestContext>) {
        group.get("v1/consents/{subject}") { request, context -> ConsentStateResponse in
            let (visitor, subject) = try Self.identity(request: request, context: context)
            return ConsentStateResponse(state: try await ledger.state(visitorID: visitor, subjectID: subject, at: Date()))
        }
        group.get("v1/consents/{subject}/history") { request, context -> History in
            let (visitor, subject) = try Self.identity(request: request, context: context)
            let records = try await ledger.history(visitorID: visitor, subjectID: subject)
            var banners: [String: BannerVersion] = [:]
            var entries: [HistoryEntry] = []
            for record in records {
                let draft = record.draft
                if banners[draft.bannerHash] == nil, let banner = try await store.banner(hash: draft.bannerHash) { banners[draft.bannerHash] = banner }
                entries.append(HistoryEntry(
                    id: record.id, method: draft.method, granted: draft.granted, refused: draft.refused,
                    receivedAt: draft.receivedAt, expiresAt: draft.expiresAt, refusalExpiresAt: draft.refusalExpiresAt,
                    policyVersion: draft.policyVersion, language: draft.language, pageURL: draft.pageURL,
                    addressPrefix: draft.addressPrefix, userAgent: draft.userAgent, auditSequence: record.auditSequence,
                    banner: BannerShown(id: draft.bannerID, hash: draft.bannerHash, content: banners[draft.bannerHash]?.content)))
            }
            return History(subjectKind: visitor != nil ? "visitor" : "subject", records: entries)
        }
    }

    /// Decodes a JSON body of at most the context's upload size; a larger body is refused with
    /// 413 before it is read whole, invalid UTF-8 or JSON with 400.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: RegistreRequestContext) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
        guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes), String(validating: Array(buffer.readableBytesView), as: UTF8.self) != nil else {
            throw Problem(status: .badRequest, code: "json-invalid", detail: "the body is not UTF-8 text")
        }
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// The person a request is about: `{subject}` is a visitor id, or a known person's id with
    /// `?kind=subject`.
    static func identity(request: Request, context: RegistreRequestContext) throws -> (visitor: String?, subject: String?) {
        let id = try context.parameters.require("subject")
        switch request.uri.queryParameters.get("kind") ?? "visitor" {
        case "visitor": return (id, nil)
        case "subject": return (nil, id)
        default: throw Problem(status: .badRequest, code: "kind-invalid", detail: "kind is visitor or subject")
        }
    }
}

/// The current state of a person's consents.
struct ConsentStateResponse: ResponseEncodable {
    var state: ConsentState

    func encode(to encoder: Encoder) throws { try state.encode(to: encoder) }
}

extension HTTPField.Name {
    /// Global Privacy Control: `Sec-GPC: 1` asks not to sell or share (a refusal of consent-based purposes).
    static let secGPC = HTTPField.Name("Sec-GPC")!
}

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
        group.post("v1/consents") { request, context -> Response in
            let submission = try await Self.decodeSubmission(from: request, context: context)
            let record = try await ledger.record(submission, context: ConsentRequestContext(
                receivedAt: Date(), address: context.clientAddress,
                userAgent: request.headers[.userAgent], globalPrivacyControl: request.headers[.secGPC] == "1"))
            context.logger.debug("consent recorded", metadata: ["method": .string(record.draft.method.rawValue), "record": .stringConvertible(record.id)])
            var json = JSONWriter()
            json.object { object in
                object.key("id")
                object.integer(record.id)
                object.field("method", record.draft.method.rawValue)
                object.key("received_at")
                object.date(record.draft.receivedAt)
                object.key("expires_at")
                object.date(record.draft.expiresAt)
                object.key("refusal_expires_at")
                object.date(record.draft.refusalExpiresAt)
            }
            return Response(json: json, status: .created)
        }
    }

    func addAdmin(to group: RouterGroup<RegistreRequestContext>) {
        group.get("v1/consents/{subject}") { request, context -> Response in
            let (visitor, subject) = try Self.identity(request: request, context: context)
            return Response(json: try await ledger.state(visitorID: visitor, subjectID: subject, at: Date()).json)
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

    /// Reads a consent: well-formed bodies through ``JSONReader``, anything else through
    /// `JSONDecoder`, whose errors say which field is wrong.
    static func decodeSubmission(from request: Request, context: RegistreRequestContext) async throws -> ConsentSubmission {
        let buffer = try await body(of: request, context: context)
        let parsed = buffer.withUnsafeReadableBytes { JSONReader.parse($0) }
        if let parsed, let submission = ConsentSubmission(json: parsed) { return submission }
        return try decode(ConsentSubmission.self, from: buffer)
    }

    /// The body, at most the context's upload size; a larger body is refused with 413 before it
    /// is read whole.
    static func body(of request: Request, context: RegistreRequestContext) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
    }

    /// Decodes a JSON body; invalid UTF-8 or JSON is refused with 400.
    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
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

extension Response {
    /// A JSON answer written by a ``JSONWriter``.
    init(json: JSONWriter, status: HTTPResponse.Status = .ok) {
        self.init(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }
}

extension HTTPField.Name {
    /// Global Privacy Control: `Sec-GPC: 1` asks not to sell or share (a refusal of consent-based purposes).
    static let secGPC = HTTPField.Name("Sec-GPC")!
}

import Foundation

/// A consent as the banner (or another client) sends it to `POST /v1/consents`.
public struct ConsentSubmission: Sendable, Decodable, Hashable {
    /// The banner's pseudonymous visitor id; exactly one of this and ``subjectID``.
    public var visitorID: String?
    /// A known person's id in the company's systems.
    public var subjectID: String?
    /// The purposes granted: ids of the policy's consent-based activities.
    public var granted: [String]
    /// The purposes refused.
    public var refused: [String]
    /// How the choice was made.
    public var method: ConsentMethod
    /// The banner shown.
    public var banner: BannerReference
    /// The policy version the banner was built from.
    public var policyVersion: String
    /// The banner's language.
    public var language: String
    /// The page the choice was made on.
    public var pageURL: String?

    /// A banner by id and content hash.
    public struct BannerReference: Sendable, Decodable, Hashable {
        /// The banner's id.
        public var id: String
        /// The SHA-256 of its content, as served.
        public var hash: String

        /// Creates a reference.
        public init(id: String, hash: String) {
            self.id = id
            self.hash = hash
        }
    }

    enum CodingKeys: String, CodingKey {
        case visitorID = "visitor_id"
        case subjectID = "subject_id"
        case granted, refused, method, banner
        case policyVersion = "policy_version"
        case language
        case pageURL = "page_url"
    }

    /// Creates a submission.
    public init(
        visitorID: String?, subjectID: String?, granted: [String], refused: [String], method: ConsentMethod,
        banner: BannerReference, policyVersion: String, language: String, pageURL: String?
    ) {
        self.visitorID = visitorID
        self.subjectID = subjectID
        self.granted = granted
        self.refused = refused
        self.method = method
        self.banner = banner
        self.policyVersion = policyVersion
        self.language = language
        self.pageURL = pageURL
    }
}

/// What the server knows about a submission beyond its body.
public struct ConsentRequestContext: Sendable {
    /// When it arrived.
    public var receivedAt: Date
    /// The client's address, which the ledger truncates before storing.
    public var address: String?
    /// The `User-Agent` header.
    public var userAgent: String?
    /// True when the request carried `Sec-GPC: 1`.
    public var globalPrivacyControl: Bool

    /// Creates a context.
    public init(receivedAt: Date, address: String?, userAgent: String?, globalPrivacyControl: Bool) {
        self.receivedAt = receivedAt
        self.address = address
        self.userAgent = userAgent
        self.globalPrivacyControl = globalPrivacyControl
    }
}

/// Why a submission was refused; nothing of it was stored.
public struct ConsentRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status that fits: 422 for a submission that contradicts the policy or itself.
    public var status: Int
    /// A stable identifier, such as `unknown-purpose`.
    public var code: String
    /// What is wrong, naming the field.
    public var detail: String
    /// The field at fault, as a JSON pointer (`/granted/0`).
    public var pointer: String?

    /// Creates a rejection.
    public init(status: Int = 422, code: String, detail: String, pointer: String? = nil) {
        self.status = status
        self.code = code
        self.detail = detail
        self.pointer = pointer
    }

    public var description: String { "\(detail) [\(code)]" }
}

extension ConsentSubmission {
    /// The submission that `value` holds when every field is present with the right type, as
    /// the synthesized `Decodable` would read it; nil otherwise (the caller then decodes with
    /// `JSONDecoder` to say what is wrong).
    public init?(json value: JSONReader.Value) {
        func optionalString(_ key: String) -> String?? {
            switch value[key] {
            case nil, .null?: return .some(nil)
            case .string(let text)?: return .some(text)
            default: return nil
            }
        }
        guard case .object = value,
              let visitorID = optionalString("visitor_id"), let subjectID = optionalString("subject_id"),
              let pageURL = optionalString("page_url"),
              let granted = value["granted"]?.strings, let refused = value["refused"]?.strings,
              let method = value["method"]?.string.flatMap(ConsentMethod.init(rawValue:)),
              let bannerID = value["banner"]?["id"]?.string, let bannerHash = value["banner"]?["hash"]?.string,
              let policyVersion = value["policy_version"]?.string, let language = value["language"]?.string
        else { return nil }
        self.init(
            visitorID: visitorID, subjectID: subjectID, granted: granted, refused: refused, method: method,
            banner: BannerReference(id: bannerID, hash: bannerHash), policyVersion: policyVersion, language: language, pageURL: pageURL)
    }
}

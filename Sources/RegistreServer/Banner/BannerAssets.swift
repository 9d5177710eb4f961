import Foundation
import RegistreCore
import RegistreStore

/// The files the banner is made of, generated once from the policy: `banner.js` (behaviour and,
/// for every language, the banner's content and hash) and `banner.css`. No outside dependency.
public struct BannerAssets: Sendable {
    /// The script, with its configuration inlined.
    public let javascript: String
    /// The stylesheet.
    public let css: String

    /// Builds the assets of `catalog`'s banners.
    public init(catalog: BannerCatalog, ledger: ConsentLedger) {
        struct Config: Encodable {
            struct Banner: Encodable {
                var id: String
                var hash: String
                var policyVersion: String
                var content: AnyJSON
            }
            var banners: [String: Banner]
            var fallback: String
            var consentDays: Int
            var refusalDays: Int
        }
        var banners: [String: Config.Banner] = [:]
        for (language, banner) in catalog.banners {
            banners[language] = Config.Banner(id: banner.id, hash: banner.hash, policyVersion: banner.policyVersion, content: AnyJSON(raw: banner.content))
        }
        let config = Config(
            banners: banners, fallback: ledger.policy.languages.first ?? "en",
            consentDays: Int(ledger.consentLifetime.approximateDays), refusalDays: Int(ledger.refusalLifetime.approximateDays))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json = String(decoding: (try? encoder.encode(config)) ?? Data("{}".utf8), as: UTF8.self)
        // A policy text cannot close the script element it is inlined in.
        json = json.replacingOccurrences(of: "</", with: "<\\/").replacingOccurrences(of: "\u{2028}", with: "\\u2028").replacingOccurrences(of: "\u{2029}", with: "\\u2029")
        javascript = Self.script.replacingOccurrences(of: "__REGISTRE_CONFIG__", with: json)
        css = Self.stylesheet
    }
}

/// JSON text already encoded, inlined as is when the enclosing value is encoded.
struct AnyJSON: Encodable {
    let raw: String

    func encode(to encoder: Encoder) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(raw.utf8))
        try value.encode(to: encoder)
    }
}

/// Any JSON value, to carry already-encoded content through an encoder.
enum JSONValue: Codable {
    case string(String), number(Double), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

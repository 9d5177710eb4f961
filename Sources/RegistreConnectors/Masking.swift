import Crypto
import Foundation
import RegistreCore

/// A dataset's masking strategy as Registre applies it: what erasure writes in place of a value.
/// The dataset check and the eraser both read strategies through this type, so a strategy the
/// check accepts is exactly one the eraser can write.
enum Masking: Sendable {
    /// `null_rewrite`: NULL.
    case null
    /// `string_rewrite`: a fixed value (`rewrite_value`).
    case rewrite(String)
    /// `hash`: SHA-256 (or SHA-512, from `algorithm`) of the value, in hex.
    case hash(sha512: Bool)
    /// `hmac`: HMAC of the value keyed by Registre's secret, SHA-256 or SHA-512, in hex.
    case hmac(sha512: Bool)
    /// `random_string_rewrite`: random letters and digits (`length`, 32 by default).
    case randomString(length: Int)

    /// Reads `strategy`; a strategy Registre does not apply is an error saying why.
    init(_ strategy: MaskingStrategy) throws(ConnectorError) {
        let sha512 = strategy.configuration["algorithm"]?.uppercased().replacingOccurrences(of: "-", with: "") == "SHA512"
        switch strategy.strategy {
        case "null_rewrite": self = .null
        case "string_rewrite": self = .rewrite(strategy.configuration["rewrite_value"] ?? "")
        case "hash": self = .hash(sha512: sha512)
        case "hmac": self = .hmac(sha512: sha512)
        case "random_string_rewrite": self = .randomString(length: strategy.configuration["length"].flatMap(Int.init) ?? 32)
        case "aes_encrypt":
            throw ConnectorError(code: "dataset-invalid", message: "encryption keeps the value recoverable, which is not erasure")
        default:
            throw ConnectorError(
                code: "dataset-invalid",
                message: "'\(strategy.strategy)' is not a strategy Registre applies (null_rewrite, string_rewrite, hash, hmac, random_string_rewrite)")
        }
    }

    /// Why this cannot be written into `column`, or nil when it can.
    func problem(in column: TableDescription.Column) -> String? {
        let written: Int
        switch self {
        case .null:
            return column.nullable ? nil : "the column is NOT NULL"
        case .rewrite(let value):
            if column.isInteger { return Int64(value) == nil ? "the column holds integers and the rewrite value '\(value)' is not one" : nil }
            if column.isNumeric { return Double(value) == nil ? "the column holds numbers and the rewrite value '\(value)' is not one" : nil }
            written = value.count
        case .hash(let sha512), .hmac(let sha512):
            written = sha512 ? 128 : 64
        case .randomString(let length):
            written = length
        }
        guard column.isTextual else { return "it writes text and the column is \(column.type)" }
        if let limit = column.maximumLength, written > limit { return "it writes \(written) characters and the column holds at most \(limit)" }
        return nil
    }

    /// The value written in place of `value`.
    func apply(to value: SQLValue, secret: [UInt8]) -> SQLValue {
        let text = Data((value.jsonText ?? "").utf8)
        switch self {
        case .null:
            return .null
        case .rewrite(let rewrite):
            if case .integer = value, let number = Int64(rewrite) { return .integer(number) }
            return .text(rewrite)
        case .hash(let sha512):
            return .text(sha512 ? Hex.string(bytesOf: SHA512.hash(data: text)) : Hex.string(bytesOf: SHA256.hash(data: text)))
        case .hmac(let sha512):
            let key = SymmetricKey(data: secret)
            return .text(sha512
                ? Hex.string(bytesOf: HMAC<SHA512>.authenticationCode(for: text, using: key))
                : Hex.string(bytesOf: HMAC<SHA256>.authenticationCode(for: text, using: key)))
        case .randomString(let length):
            let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
            return .text(String((0..<length).map { _ in alphabet.randomElement()! }))
        }
    }
}

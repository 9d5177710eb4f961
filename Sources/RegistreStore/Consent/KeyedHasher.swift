import Crypto
import Foundation
import RegistreCore

/// Turns identifiers (a visitor id, an e-mail) into keyed hashes (HMAC-SHA256), so the ledger
/// can prove a person's choices without storing who they are, and the hashes cannot be reversed
/// by hashing guesses without the key.
public struct KeyedHasher: Sendable {
    let key: SymmetricKey
    /// HMAC-SHA256 (RFC 2104) with the key already taken in: two SHA-256 states that have hashed
    /// the key's inner and outer padding, copied for each hash instead of hashing the padding
    /// again (two of the four SHA-256 blocks of a short identifier). Fed through
    /// `update(bufferPointer:)`: `HMAC.update(data:)` is generic over `DataProtocol` and cost
    /// more than the hashing itself.
    private let inner: SHA256
    private let outer: SHA256

    /// Creates a hasher with a secret of at least 32 bytes.
    public init(secret: Data) throws {
        guard secret.count >= 32 else {
            throw StoreError(code: "secret-too-short", message: "the identifier secret must be at least 32 bytes")
        }
        key = SymmetricKey(data: secret)
        // A key longer than SHA-256's 64-byte block is hashed first; a shorter one padded with zeros.
        var block = secret.count > 64 ? Array(SHA256.hash(data: secret)) : Array(secret)
        block += Array(repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        var outer = SHA256()
        block.map { $0 ^ 0x36 }.withUnsafeBytes { inner.update(bufferPointer: $0) }
        block.map { $0 ^ 0x5C }.withUnsafeBytes { outer.update(bufferPointer: $0) }
        self.inner = inner
        self.outer = outer
    }

    /// The hash of an identifier of a kind (`visitor`, `subject`), in hex.
    public func hash(_ identifier: String, kind: String) -> String {
        var innerHash = inner
        var text = "\(kind):\(identifier)"
        text.withUTF8 { innerHash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var outerHash = outer
        innerHash.finalize().withUnsafeBytes { outerHash.update(bufferPointer: $0) }
        return Hex.string(bytesOf: outerHash.finalize())
    }

    /// The SHA-256 of `text`, in hex: content hashes and token hashes, where no key is needed.
    public static func sha256(_ text: String) -> String {
        var text = text
        return text.withUTF8 { sha256(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The SHA-256 of `bytes`, in hex, fed through `update(bufferPointer:)` (the generic
    /// `DataProtocol` path cost more than the hashing on the consent path).
    static func sha256(bytes: UnsafeRawBufferPointer) -> String {
        var digest = SHA256()
        digest.update(bufferPointer: bytes)
        return Hex.string(bytesOf: digest.finalize())
    }

    /// Reads the secret from `REGISTRE_SECRET` (hex or base64), or from a key file beside an SQLite
    /// database, created on first use with owner-only permissions.
    public static func loadSecret(environment: [String: String], keyFile: String?) throws -> Data {
        if let text = environment["REGISTRE_SECRET"], !text.isEmpty {
            if let data = Data(hex: text) ?? Data(base64Encoded: text), data.count >= 32 { return data }
            throw StoreError(code: "secret-invalid", message: "REGISTRE_SECRET must be at least 32 bytes, in hex or base64")
        }
        guard let keyFile else {
            throw StoreError(code: "secret-missing", message: "set REGISTRE_SECRET (32 bytes, hex or base64): servers sharing a PostgreSQL database must share it")
        }
        if let existing = FileManager.default.contents(atPath: keyFile) {
            guard existing.count >= 32 else { throw StoreError(code: "secret-invalid", message: "\(keyFile) holds fewer than 32 bytes") }
            return existing
        }
        var generator = SystemRandomNumberGenerator()
        let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        guard FileManager.default.createFile(atPath: keyFile, contents: secret, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError(code: "secret-write", message: "cannot create the key file \(keyFile)")
        }
        return secret
    }
}

extension Data {
    init?(hex: String) {
        guard hex.count % 2 == 0, hex.allSatisfy(\.isHexDigit) else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}

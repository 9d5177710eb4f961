import Crypto
import Foundation
import RegistreCore

/// A proof of identity the person sent with their request (a scan of an identity document,
/// where the controller has reasonable doubts, Art. 12(6)): kept sealed under the store's secret
/// while the request is open, and destroyed in the same transaction as the request is closed,
/// with its own entry in the audit chain.
public struct IdentityProofFile: Sendable, Hashable {
    /// The request it proves the identity of.
    public var requestID: Int64
    /// `application/pdf`, `image/jpeg` or `image/png`, from the file's first bytes.
    public var contentType: String
    /// The size of the file, in bytes.
    public var size: Int
    /// The SHA-256 of the file, in hex: what the audit chain records instead of the file.
    public var sha256: String
    /// The file sealed with AES-GCM.
    public var sealedContent: Data
    /// When it was received.
    public var receivedAt: Date

    public init(requestID: Int64, contentType: String, size: Int, sha256: String, sealedContent: Data, receivedAt: Date) {
        self.requestID = requestID
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.sealedContent = sealedContent
        self.receivedAt = receivedAt
    }

    /// The largest file taken: 5 MiB.
    public static let maximumSize = 5 * 1024 * 1024

    /// The kind of document `bytes` is, from its first bytes; nil for anything but PDF, JPEG and PNG.
    public static func contentType(of bytes: Data) -> String? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    /// What the DPO's API shows of it: never the file.
    public var summary: [String: Any] {
        ["content_type": contentType, "size": size, "sha256": sha256, "received_on": LegalDeadline.day(of: receivedAt).description]
    }
}

extension RequestDesk {
    /// Keeps `bytes` as request `id`'s proof of identity, replacing an earlier one; only while the
    /// request is open, only a PDF, JPEG or PNG file of at most 5 MiB.
    public func attachProof(_ id: Int64, bytes: Data, at date: Date, actor: String) async throws -> IdentityProofFile {
        let request = try await request(id)
        guard request.state.isOpen else { throw Refusal(code: "state-invalid", message: "request \(id) is \(request.state.rawValue); a proof of identity is taken only while it is open") }
        guard !bytes.isEmpty else { throw Refusal(code: "proof-empty", message: "the file is empty") }
        guard bytes.count <= IdentityProofFile.maximumSize else {
            throw Refusal(code: "proof-too-large", message: "the file is larger than \(IdentityProofFile.maximumSize / 1024 / 1024) MiB")
        }
        guard let type = IdentityProofFile.contentType(of: bytes) else {
            throw Refusal(code: "proof-type", message: "a proof of identity is a PDF, JPEG or PNG file")
        }
        // Sealed to its request: the same bytes under another request's number do not open.
        let sealed = try AES.GCM.seal(bytes, using: proofKey, authenticating: Data(String(id).utf8))
        guard let combined = sealed.combined else { throw Refusal(code: "seal-failed", message: "cannot seal the file") }
        let proof = IdentityProofFile(
            requestID: id, contentType: type, size: bytes.count, sha256: Hex.string(bytesOf: SHA256.hash(data: bytes)), sealedContent: combined, receivedAt: date)
        let draft = AuditDraft(
            actor: actor, action: "request.identity_proof_received", subject: request.subjectHash,
            payload: JSONList.object(["id": String(id), "content_type": type, "size": String(bytes.count), "sha256": proof.sha256]), recordedAt: date)
        guard try await store.storeIdentityProof(proof, audit: draft) else {
            throw Refusal(code: "state-invalid", message: "request \(id) was closed meanwhile; a proof of identity is taken only while it is open")
        }
        return proof
    }

    /// Request `id`'s proof of identity, without the file, while it is kept.
    public func proofKept(of id: Int64) async throws -> IdentityProofFile? {
        try await store.identityProof(requestID: id, content: false)
    }

    /// Request `id`'s proof of identity and the file, while it is kept.
    public func proof(of id: Int64) async throws -> (proof: IdentityProofFile, bytes: Data)? {
        guard let proof = try await store.identityProof(requestID: id, content: true) else { return nil }
        guard let opened = try? AES.GCM.open(AES.GCM.SealedBox(combined: proof.sealedContent), using: proofKey, authenticating: Data(String(id).utf8)) else {
            throw Refusal(code: "details-unreadable", message: "the proof of identity of request \(id) cannot be unsealed with this secret (REGISTRE_SECRET changed?)")
        }
        return (proof, opened)
    }

    /// The key proofs are sealed with, derived from the store's secret.
    var proofKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: hasher.key, info: Data("registre identity proof".utf8), outputByteCount: 32)
    }
}

extension AuditDraft {
    /// The entry recording that request `id`'s proof of identity was destroyed as it closed.
    func proofDestroyed(_ id: Int64) -> AuditDraft {
        AuditDraft(actor: actor, action: "request.identity_proof_destroyed", subject: subject, payload: JSONList.object(["id": String(id)]), recordedAt: recordedAt)
    }
}

import Crypto
import Foundation
import RegistreCore

/// The lifecycle of data subject requests: opening, identity confirmed (the clock starts),
/// one extension of two months with reasons given within the first month, refusal with reasons,
/// cancellation, completion. Every change is one transaction with its entry in the audit chain;
/// a change that the state does not allow is refused with the reason, and nothing is written.
public struct RequestDesk: Sendable {
    let store: any RegistreStore
    let hasher: KeyedHasher
    let sealingKey: SymmetricKey

    /// Creates a desk over `store`; `secret` keys the subject hashes and seals the details.
    public init(store: any RegistreStore, secret: Data) throws {
        self.init(store: store, hasher: try KeyedHasher(secret: secret))
    }

    /// Creates a desk over `store` with the hasher of the store's secret (the server's).
    public init(store: any RegistreStore, hasher: KeyedHasher) {
        self.store = store
        self.hasher = hasher
        self.sealingKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: hasher.key, info: Data("registre subject request details".utf8), outputByteCount: 32)
    }

    /// The restrictions and objections, under the same store and secret.
    public var limits: ProcessingLimits { ProcessingLimits(store: store, hasher: hasher) }

    /// A refused change: what and why.
    public struct Refusal: Error, CustomStringConvertible {
        public var code: String
        public var message: String
        public var description: String { "\(message) [\(code)]" }

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// Opens a request received at `date`. With `verified`, the identity was confirmed on
    /// receipt and the clock starts that day; otherwise it waits for ``confirmIdentity(_:at:actor:)``.
    public func open(_ right: SubjectRight, details: RequestDetails, verified: Bool, at date: Date, actor: String) async throws -> SubjectRequest {
        guard let first = details.identities.first else { throw Refusal(code: "identity-missing", message: "a request needs at least one identity") }
        if right == .rectification, details.corrections.isEmpty, details.reason?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
            throw Refusal(
                code: "correction-missing",
                message: "a rectification needs at least one correction (COLLECTION.FIELD=VALUE), or the person's description of what is wrong (reason)")
        }
        if right == .restriction, details.ground == nil {
            throw Refusal(code: "ground-missing", message: "a restriction needs its ground (Art. 18(1)): \(ProcessingLimits.RestrictionGround.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if right == .objection, details.activities.isEmpty {
            throw Refusal(code: "activity-missing", message: "an objection names the activities objected to (--activity)")
        }
        var request = SubjectRequest(
            id: 0, right: right, state: .received, subjectHash: hasher.hash(first, kind: "request"),
            sealedDetails: try seal(details), receivedAt: date)
        if verified { start(&request, on: LegalDeadline.day(of: date)) }
        return try await store.insertRequest(request) { stored in audit(stored, action: "request.received", actor: actor, at: date) }
    }

    /// The identity is confirmed: the request is in progress and its month starts today.
    public func confirmIdentity(_ id: Int64, at date: Date, actor: String) async throws -> SubjectRequest {
        try await change(id, action: "request.identity_confirmed", actor: actor, at: date) { request in
            try Self.requireAwaitingIdentity(request)
            start(&request, on: LegalDeadline.day(of: date))
        }
    }

    /// How long a code sent to confirm an identity is accepted: seven days.
    public static let codeLifetime: TimeInterval = 7 * 86_400
    /// Wrong codes allowed before a new one must be sent.
    public static let codeAttemptsAllowed = 5
    /// How long after a code was sent a new one may be: a new code resets the tries, so sending
    /// them without a pause would let someone holding the request's status link guess on.
    public static let codeResendInterval: TimeInterval = 60

    /// Sends a one-time code for request `id` to the person's e-mail address (the request's first
    /// `email` identity) through `send`, then keeps it as a keyed hash, accepted for seven days,
    /// replacing any code sent before. Nothing is recorded when sending fails.
    public func issueIdentityCode(
        _ id: Int64, at date: Date, actor: String, send: (_ code: String, _ email: String, _ validUntil: Date) async throws -> Void
    ) async throws -> SubjectRequest {
        let stored = try await request(id)
        try Self.requireAwaitingIdentity(stored)
        guard let email = try details(of: stored).identities.first(where: { $0.hasPrefix("email=") })?.dropFirst("email=".count) else {
            throw Refusal(code: "email-missing", message: "request \(id) holds no e-mail identity to send a code to; confirm the identity another way (request confirm)")
        }
        if let previous = stored.codeExpiresAt?.addingTimeInterval(-Self.codeLifetime), date < previous.addingTimeInterval(Self.codeResendInterval) {
            throw Refusal(code: "code-recent", message: "a code was sent for request \(id) less than a minute ago; wait before sending another")
        }
        let code = String(format: "%08d", UInt32.random(in: 0..<100_000_000))
        let expiry = date.addingTimeInterval(Self.codeLifetime)
        try await send(code, String(email), expiry)
        return try await change(id, action: "request.code_sent", actor: actor, at: date) { request in
            try Self.requireAwaitingIdentity(request)
            // Received -> awaiting identity: the person has been asked.
            request.state = .awaitingIdentity
            request.codeHash = codeHash(id, code)
            request.codeExpiresAt = expiry
            request.codeAttempts = 0
        }
    }

    /// Checks the code the person gives back: the right one, in time, confirms the identity and
    /// starts the month; a wrong one counts against the five allowed, and is refused.
    public func verifyIdentityCode(_ id: Int64, code: String, at date: Date, actor: String) async throws -> SubjectRequest {
        let stored = try await request(id)
        let given = codeHash(id, code.filter { !$0.isWhitespace })
        func check(_ request: SubjectRequest) throws -> Bool {
            try Self.requireAwaitingIdentity(request)
            guard let expected = request.codeHash, let expiry = request.codeExpiresAt else {
                throw Refusal(code: "code-missing", message: "no code was sent for request \(id); send one (request send-code)")
            }
            guard date < expiry else { throw Refusal(code: "code-expired", message: "the code of request \(id) expired; send a new one") }
            guard request.codeAttempts < Self.codeAttemptsAllowed else {
                throw Refusal(code: "code-locked", message: "\(Self.codeAttemptsAllowed) wrong codes were given for request \(id); send a new one")
            }
            return Self.sameText(given, expected)
        }
        if try check(stored) {
            return try await change(id, action: "request.identity_confirmed", actor: actor, at: date, note: "one-time code sent by e-mail") { request in
                guard try check(request) else { throw Self.refusal(request, "its code changed meanwhile") }
                start(&request, on: LegalDeadline.day(of: date))
                request.codeHash = nil
                request.codeExpiresAt = nil
                request.codeAttempts = 0
            }
        }
        let failed = try await change(id, action: "request.code_failed", actor: actor, at: date) { request in
            _ = try check(request)
            request.codeAttempts += 1
        }
        throw Refusal(code: "code-wrong", message: "that is not the code sent for request \(id); \(Self.codeAttemptsAllowed - failed.codeAttempts) tries left")
    }

    private func codeHash(_ id: Int64, _ code: String) -> String { hasher.hash("\(id):\(code)", kind: "identity-code") }

    /// Compares two hashes in time that does not depend on where they differ.
    private static func sameText(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The open requests whose deadline falls within `days` days of `today` (seven by default)
    /// or has passed, and that had no reminder for that deadline yet; the nearest first.
    public func dueReminders(on today: CivilDate, within days: Int64 = 7) async throws -> [SubjectRequest] {
        try await store.requests(includeClosed: false).filter { $0.needsReminder(on: today, within: days) }
    }

    /// Records that the DPO was reminded of request `id`'s current deadline.
    public func markReminded(_ id: Int64, at date: Date, actor: String) async throws -> SubjectRequest {
        try await change(id, action: "request.reminder_sent", actor: actor, at: date) { request in
            guard request.state.isOpen, let deadline = request.deadline else { throw Self.refusal(request, "only an open request with a deadline is reminded of") }
            request.remindedFor = deadline
        }
    }

    /// Extends the deadline by two months (three from the start), once, with the reasons told to
    /// the person, and only within the first month (Art. 12(3)).
    public func extend(_ id: Int64, reason: String, at date: Date, actor: String) async throws -> SubjectRequest {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await change(id, action: "request.extended", actor: actor, at: date, note: reason) { request in
            guard !reason.isEmpty else { throw Refusal(code: "reason-missing", message: "an extension needs its reasons, which the person is told") }
            guard request.state == .inProgress, let started = request.startedOn, let due = request.dueOn else {
                throw Self.refusal(request, "only a request in progress can be extended")
            }
            guard request.extendedTo == nil else { throw Refusal(code: "already-extended", message: "request \(id) was already extended to \(request.extendedTo!); the GDPR allows one extension") }
            guard LegalDeadline.day(of: date) <= due else {
                throw Refusal(code: "extension-late", message: "request \(id) was due on \(due); an extension must be told within the first month")
            }
            request.extendedTo = LegalDeadline.end(months: 3, from: started)
            request.extensionReason = reason
        }
    }

    /// Refuses the request with its reasons (manifestly unfounded or excessive, identity not
    /// established, an exemption); the answer must tell the person they may complain (Art. 12(4)).
    public func refuse(_ id: Int64, reason: String, at date: Date, actor: String) async throws -> SubjectRequest {
        try await close(id, as: .refused, outcome: reason, action: "request.refused", at: date, actor: actor)
    }

    /// Cancels the request (withdrawn by the person, a duplicate).
    public func cancel(_ id: Int64, reason: String, at date: Date, actor: String) async throws -> SubjectRequest {
        try await close(id, as: .cancelled, outcome: reason, action: "request.cancelled", at: date, actor: actor)
    }

    /// Records the result of carrying the request out: completed or partially completed.
    public func complete(_ id: Int64, partially: Bool, result: String, at date: Date, actor: String) async throws -> SubjectRequest {
        try await change(id, action: partially ? "request.partially_completed" : "request.completed", actor: actor, at: date) { request in
            guard request.state == .inProgress else { throw Self.refusal(request, "only a request in progress can be completed") }
            request.state = partially ? .partiallyCompleted : .completed
            request.closedAt = date
            request.outcome = result
        }
    }

    /// The secret a person's status link carries for request `id`: the number and a keyed hash
    /// of it (128 bits), so the link cannot be guessed from the number and needs nothing stored.
    public func statusToken(of id: Int64) -> String {
        token(of: id, kind: "request-status")
    }

    /// The secret of the link an answered access or portability request's data is downloaded
    /// from: like the status link's, under another key, and sent only to the person's verified
    /// address (or by the DPO), so whoever filled the form in someone else's name and holds the
    /// status link cannot fetch the data once that person confirms.
    public func exportToken(of id: Int64) -> String {
        token(of: id, kind: "request-export")
    }

    /// The request a status link's secret names, or nil when the secret is not one of this store's.
    public func request(statusToken token: String) async throws -> SubjectRequest? {
        try await request(token: token, kind: "request-status")
    }

    /// The request a download link's secret names, or nil when the secret is not one of this store's.
    public func request(exportToken token: String) async throws -> SubjectRequest? {
        try await request(token: token, kind: "request-export")
    }

    /// Request `id`'s number and 128 bits of its keyed hash under `kind`.
    private func token(of id: Int64, kind: String) -> String {
        "\(id)-\(hasher.hash(String(id), kind: kind).prefix(32))"
    }

    /// The request `token` names under `kind`, compared in constant time; nil for any other text.
    private func request(token: String, kind: String) async throws -> SubjectRequest? {
        guard let dash = token.firstIndex(of: "-"), let id = Int64(token[..<dash]), id > 0,
              Self.sameText(self.token(of: id, kind: kind), token)
        else { return nil }
        return try await store.request(id: id)
    }

    /// Request `id`, or a refusal saying there is none.
    public func request(_ id: Int64) async throws -> SubjectRequest {
        guard let request = try await store.request(id: id) else { throw Refusal(code: "request-unknown", message: "there is no request \(id)") }
        return request
    }

    /// What the request asks, unsealed.
    public func details(of request: SubjectRequest) throws -> RequestDetails {
        try unseal(request.sealedDetails, as: RequestDetails.self, of: "request \(request.id)")
    }

    private func close(_ id: Int64, as state: RequestState, outcome: String, action: String, at date: Date, actor: String) async throws -> SubjectRequest {
        let reason = outcome.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await change(id, action: action, actor: actor, at: date, note: reason) { request in
            guard !reason.isEmpty else { throw Refusal(code: "reason-missing", message: "give the reasons (--reason); the person is told them") }
            guard request.state.isOpen else { throw Self.refusal(request, "it is already closed") }
            request.state = state
            request.closedAt = date
            request.outcome = reason
        }
    }

    /// Reads request `id`, lets `body` change it, and writes it back with its audit entry, unless
    /// someone changed it in between.
    private func change(
        _ id: Int64, action: String, actor: String, at date: Date, note: String? = nil, _ body: (inout SubjectRequest) throws -> Void
    ) async throws -> SubjectRequest {
        var request = try await request(id)
        try body(&request)
        request.version += 1
        try await store.updateRequest(request, audit: audit(request, action: action, actor: actor, at: date, note: note))
        return request
    }

    private func start(_ request: inout SubjectRequest, on day: CivilDate) {
        request.state = .inProgress
        request.startedOn = day
        request.dueOn = LegalDeadline.end(months: 1, from: day)
    }

    /// `value` as JSON sealed with AES-GCM under the key derived from the store's secret, in base64.
    func seal<T: Encodable>(_ value: T) throws -> String {
        let sealed = try AES.GCM.seal(try JSONEncoder().encode(value), using: sealingKey)
        guard let combined = sealed.combined else { throw Refusal(code: "seal-failed", message: "cannot seal the details") }
        return combined.base64EncodedString()
    }

    /// What ``seal(_:)`` sealed; `owner` names it in the refusal when this secret cannot open it.
    func unseal<T: Decodable>(_ text: String, as type: T.Type, of owner: String) throws -> T {
        guard let data = Data(base64Encoded: text),
              let opened = try? AES.GCM.open(AES.GCM.SealedBox(combined: data), using: sealingKey)
        else {
            throw Refusal(code: "details-unreadable", message: "the details of \(owner) cannot be unsealed with this secret (REGISTRE_SECRET changed?)")
        }
        return try JSONDecoder().decode(T.self, from: opened)
    }

    /// The audit entry of a change: the request's number, right, state and deadlines, and the
    /// reasons given; never the identities.
    private func audit(_ request: SubjectRequest, action: String, actor: String, at date: Date, note: String? = nil) -> AuditDraft {
        var fields = ["right": request.right.rawValue, "state": request.state.rawValue, "version": String(request.version)]
        if request.id > 0 { fields["id"] = String(request.id) }
        if let due = request.dueOn { fields["due_on"] = due.description }
        if let extended = request.extendedTo { fields["extended_to"] = extended.description }
        if let note { fields["reason"] = note }
        return AuditDraft(actor: actor, action: action, subject: request.subjectHash, payload: JSONList.object(fields), recordedAt: date)
    }

    /// Only a request still waiting for its person's identity can be sent or given a code.
    private static func requireAwaitingIdentity(_ request: SubjectRequest) throws {
        guard request.state.awaitsIdentity else { throw refusal(request, "its identity is already confirmed or it is closed") }
    }

    private static func refusal(_ request: SubjectRequest, _ why: String) -> Refusal {
        Refusal(code: "state-invalid", message: "request \(request.id) is \(request.state.rawValue): \(why)")
    }
}

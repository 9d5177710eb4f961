import Foundation
import RegistreCore

/// The consent ledger: checks a submission against the policy, records it as proof, and answers
/// what a person has currently granted. A plain type over a store, so the server and the tests
/// use the same rules. A class: the routes hold it, and copying the policy it carries cost a
/// reference count for each of the policy's many parts on every request.
public final class ConsentLedger: Sendable {
    /// The policy the banner was built from.
    public let policy: Policy
    let store: any RegistreStore
    let hasher: KeyedHasher
    let committer: GroupCommitter?
    let banners = BannerCache()
    /// The ids of the policy's activities that rest on consent: the purposes a banner asks about.
    public let consentPurposes: [String]
    /// The same, as a set, made once.
    let consentPurposeSet: Set<String>

    /// Creates a ledger.
    /// - Parameters:
    ///   - committer: Batches concurrent writes into one transaction; nil writes each directly.
    public init(policy: Policy, store: any RegistreStore, hasher: KeyedHasher, committer: GroupCommitter? = nil) {
        self.policy = policy
        self.store = store
        self.hasher = hasher
        self.committer = committer
        consentPurposes = policy.activities.filter { $0.legalBasis == .consent }.map(\.id)
        consentPurposeSet = Set(consentPurposes)
    }

    /// How long a consent lasts: the policy's choice, never more than 13 months
    /// (CNIL deliberation 2020-092).
    public var consentLifetime: ISODuration {
        policy.consent.lifetime.isLonger(than: .thirteenMonths) ? .thirteenMonths : policy.consent.lifetime
    }

    /// How long a refusal is remembered: at least 6 months.
    public var refusalLifetime: ISODuration {
        ISODuration(months: 6).isLonger(than: policy.consent.refusalLifetime) ? ISODuration(months: 6) : policy.consent.refusalLifetime
    }

    /// Checks a submission and records it. Nothing is stored when it is refused.
    /// - Throws: ``ConsentRejection`` when the submission contradicts the policy or itself.
    public func record(_ submission: ConsentSubmission, context: ConsentRequestContext) async throws -> ConsentRecord {
        let draft = try await validate(submission, context: context)
        if let committer { return try await committer.submit(draft) }
        guard let record = try await store.appendConsents([draft]).first else {
            throw StoreError(code: "not-stored", message: "the store returned no record")
        }
        return record
    }

    /// The draft a valid submission becomes.
    public func validate(_ submission: ConsentSubmission, context: ConsentRequestContext) async throws -> ConsentDraft {
        let subject = try subjectKey(visitorID: submission.visitorID, subjectID: submission.subjectID)
        let purposes = consentPurposes
        for (field, list) in [("granted", submission.granted), ("refused", submission.refused)] {
            for (index, purpose) in list.enumerated() where !purposes.contains(purpose) {
                if let activity = policy.activity(purpose) {
                    throw ConsentRejection(
                        code: "purpose-not-consent-based",
                        detail: "'\(purpose)' rests on \(activity.legalBasis?.rawValue ?? "no legal basis"), not on consent; it cannot be granted or refused",
                        pointer: "/\(field)/\(index)")
                }
                throw ConsentRejection(
                    code: "unknown-purpose", detail: "'\(purpose.prefix(60))' is not a purpose of the policy; the purposes are \(purposes.joined(separator: ", "))",
                    pointer: "/\(field)/\(index)")
            }
        }
        let granted = Set(submission.granted), refused = Set(submission.refused)
        if let both = granted.intersection(refused).first {
            throw ConsentRejection(code: "contradictory-choice", detail: "'\(both)' is both granted and refused", pointer: "/refused")
        }
        if granted.count != submission.granted.count || refused.count != submission.refused.count {
            throw ConsentRejection(code: "duplicate-purpose", detail: "a purpose is listed twice", pointer: "/granted")
        }
        try checkMethod(submission.method, granted: granted, refused: refused, context: context)
        guard let banner = try await banners.banner(hash: submission.banner.hash.lowercased(), in: store) else {
            throw ConsentRejection(code: "unknown-banner", detail: "this server never served a banner with that hash; a consent must refer to the banner shown", pointer: "/banner/hash")
        }
        guard banner.id == submission.banner.id, banner.policyVersion == submission.policyVersion, banner.language == submission.language else {
            throw ConsentRejection(
                code: "banner-mismatch", detail: "the banner id, policy version and language do not match the banner served with that hash", pointer: "/banner")
        }
        return ConsentDraft(
            subjectHash: subject.hash, subjectKind: subject.kind, method: submission.method,
            granted: submission.granted, refused: submission.refused,
            bannerID: banner.id, bannerHash: banner.hash, policyVersion: banner.policyVersion, language: banner.language,
            pageURL: submission.pageURL.map(Self.pageWithoutQuery),
            receivedAt: context.receivedAt,
            expiresAt: consentLifetime.added(to: context.receivedAt),
            refusalExpiresAt: refusalLifetime.added(to: context.receivedAt),
            addressPrefix: context.address.flatMap(AddressPrefix.truncate),
            userAgent: context.userAgent.map { String($0.prefix(512)) })
    }

    /// Records the withdrawal of consent a data subject request asked for (Art. 7(3)): for each of
    /// the person's ids (as the company's systems give them in `subject_id`), a `withdraw` record
    /// refusing `purposes` (every consent-based purpose when empty). No banner was shown: the
    /// record names the request instead (`banner.id` `request-N`, no content). One transaction.
    public func withdraw(subjectIDs: [String], purposes: [String], request: Int64, at date: Date) async throws -> [ConsentRecord] {
        for purpose in purposes where !consentPurposes.contains(purpose) {
            throw RequestDesk.Refusal(
                code: "purpose-not-consent-based",
                message: "'\(purpose.prefix(60))' is not a consent-based purpose of the policy; they are \(consentPurposes.joined(separator: ", "))")
        }
        let refused = purposes.isEmpty ? consentPurposes : purposes
        guard !refused.isEmpty else { throw RequestDesk.Refusal(code: "no-consent-purpose", message: "the policy has no consent-based purpose to withdraw") }
        let drafts = try Set(subjectIDs).sorted().map { id in
            let subject = try subjectKey(visitorID: nil, subjectID: id)
            return ConsentDraft(
                subjectHash: subject.hash, subjectKind: subject.kind, method: .withdraw, granted: [], refused: refused,
                bannerID: "request-\(request)", bannerHash: "", policyVersion: policy.metadata.recordedVersion, language: policy.languages.first ?? "en",
                pageURL: nil, receivedAt: date, expiresAt: consentLifetime.added(to: date), refusalExpiresAt: refusalLifetime.added(to: date),
                addressPrefix: nil, userAgent: "registre request \(request)")
        }
        return try await store.appendConsents(drafts)
    }

    /// The keyed hash and kind of the person a request is about.
    public func subjectKey(visitorID: String?, subjectID: String?) throws -> (hash: String, kind: String) {
        switch (visitorID, subjectID) {
        case let (visitor?, nil) where Self.isIdentifier(visitor): return (hasher.hash(visitor, kind: "visitor"), "visitor")
        case let (nil, subject?) where Self.isIdentifier(subject): return (hasher.hash(subject, kind: "subject"), "subject")
        case (nil, nil), (.some, .some):
            throw ConsentRejection(code: "subject-missing", detail: "give exactly one of visitor_id and subject_id", pointer: "/visitor_id")
        default:
            throw ConsentRejection(code: "subject-invalid", detail: "an identifier is 1 to 200 printable characters", pointer: "/visitor_id")
        }
    }

    private func checkMethod(_ method: ConsentMethod, granted: Set<String>, refused: Set<String>, context: ConsentRequestContext) throws {
        let all = consentPurposeSet
        switch method {
        case .acceptAll where granted != all || !refused.isEmpty:
            throw ConsentRejection(code: "method-mismatch", detail: "accept_all grants every consent-based purpose and refuses none", pointer: "/method")
        case .rejectAll where !granted.isEmpty || refused != all:
            throw ConsentRejection(code: "method-mismatch", detail: "reject_all refuses every consent-based purpose and grants none", pointer: "/method")
        case .gpc where !granted.isEmpty || refused != all:
            throw ConsentRejection(code: "method-mismatch", detail: "gpc refuses every consent-based purpose and grants none", pointer: "/method")
        case .gpc where !context.globalPrivacyControl:
            throw ConsentRejection(code: "gpc-header-missing", detail: "method gpc is recorded only for a request with the Sec-GPC: 1 header", pointer: "/method")
        case .save where granted.union(refused) != all:
            throw ConsentRejection(code: "choice-incomplete", detail: "save records a choice for every consent-based purpose: \(consentPurposes.joined(separator: ", "))", pointer: "/granted")
        case .withdraw where !granted.isEmpty || refused.isEmpty:
            throw ConsentRejection(code: "method-mismatch", detail: "withdraw refuses at least one purpose and grants none", pointer: "/method")
        default:
            return
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        var count = 0
        for scalar in text.unicodeScalars {
            guard scalar.value > 0x20, scalar.value != 0x7F else { return false }
            count += 1
        }
        return (1...200).contains(count)
    }

    /// A page address without its query string and fragment, which may carry personal data.
    static func pageWithoutQuery(_ page: String) -> String {
        // Found in the UTF-8 bytes: `?` and `#` are ASCII, never part of another character.
        let bytes = page.utf8
        let cut = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        let kept = page[..<cut]
        return kept.utf8.count <= 2048 ? String(kept) : String(kept.prefix(2048))
    }
}

import Foundation
import RegistreCore

/// What a person has currently chosen, purpose by purpose.
public struct ConsentState: Sendable, Hashable {
    /// One purpose's state.
    public struct Purpose: Sendable, Hashable {
        /// The purpose (a consent-based activity id).
        public var purpose: String
        /// `granted`, `refused`, `expired` (ask again) or `not_asked`.
        public var status: String
        /// Until when the status holds, for granted and refused.
        public var expiresAt: Date?
        /// The record the status comes from.
        public var recordID: Int64?
        /// How it was chosen.
        public var method: ConsentMethod?
    }

    /// The state of every consent-based purpose of the policy.
    public var purposes: [Purpose]
    /// True when the banner should ask again: a purpose is expired or was never asked.
    public var shouldAsk: Bool

    /// The state as `GET /v1/consents/{id}` answers it.
    public var json: JSONWriter {
        var json = JSONWriter()
        json.object { object in
            object.key("should_ask")
            object.boolean(shouldAsk)
            object.key("purposes")
            object.array { list in
                for purpose in purposes {
                    list.object { item in
                        item.field("purpose", purpose.purpose)
                        item.field("status", purpose.status)
                        if let expiresAt = purpose.expiresAt {
                            item.key("expires_at")
                            item.date(expiresAt)
                        }
                        if let recordID = purpose.recordID {
                            item.key("record_id")
                            item.integer(recordID)
                        }
                        if let method = purpose.method { item.field("method", method.rawValue) }
                    }
                }
            }
        }
        return json
    }
}

extension ConsentLedger {
    /// The current state for a person, at `date`.
    public func state(visitorID: String?, subjectID: String?, at date: Date) async throws -> ConsentState {
        let subject = try subjectKey(visitorID: visitorID, subjectID: subjectID)
        let latest = try await store.latestConsents(subjectHash: subject.hash, covering: consentPurposeSet)
        return Self.state(of: latest.reversed(), purposes: consentPurposes, at: date)
    }

    /// Every record of a person, oldest first: the proof.
    public func history(visitorID: String?, subjectID: String?) async throws -> [ConsentRecord] {
        let subject = try subjectKey(visitorID: visitorID, subjectID: subjectID)
        return try await store.consentHistory(subjectHash: subject.hash)
    }

    /// The state that a history gives: for each purpose, the latest record that mentions it.
    public static func state(of history: [ConsentRecord], purposes: [String], at date: Date) -> ConsentState {
        var latest: [String: (granted: Bool, record: ConsentRecord)] = [:]
        for record in history {
            for purpose in record.draft.granted { latest[purpose] = (true, record) }
            for purpose in record.draft.refused { latest[purpose] = (false, record) }
        }
        let states = purposes.map { purpose -> ConsentState.Purpose in
            guard let (granted, record) = latest[purpose] else {
                return ConsentState.Purpose(purpose: purpose, status: "not_asked")
            }
            let until = granted ? record.draft.expiresAt : record.draft.refusalExpiresAt
            let status = date < until ? (granted ? "granted" : "refused") : "expired"
            return ConsentState.Purpose(purpose: purpose, status: status, expiresAt: until, recordID: record.id, method: record.draft.method)
        }
        return ConsentState(purposes: states, shouldAsk: states.contains { $0.status == "expired" || $0.status == "not_asked" })
    }
}

import Foundation
import RegistreCore

/// Something that happened to a person and starts or ends a retention clock: a contract ended,
/// a last contact, an account deactivated, an application closed, consent given. The company's
/// systems send them (`POST /v1/subjects/{identity}/events`, `registre events import`); the
/// retention planner reads them where no column of the company's database holds the date. The
/// person is kept as a keyed hash of one identity (`type=value`, normalised), as limits are.
public struct SubjectEvent: Sendable, Hashable {
    /// The event's number in the store, from 1; 0 before it is stored.
    public var id: Int64
    /// The identity's type (`email`, `customer_number`): the planner hashes that column's values.
    public var identityType: String
    /// The keyed hash of `type=value`.
    public var subjectHash: String
    /// One of ``kinds``.
    public var kind: String
    /// When it happened.
    public var occurredAt: Date
    /// When Registre recorded it.
    public var recordedAt: Date
    /// Who sent it: `token:NAME`, `import:FILE`.
    public var source: String

    public init(id: Int64 = 0, identityType: String, subjectHash: String, kind: String, occurredAt: Date, recordedAt: Date, source: String) {
        self.id = id
        self.identityType = identityType
        self.subjectHash = subjectHash
        self.kind = kind
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.source = source
    }

    /// The kinds of event: every retention anchor a policy can name that is an event of the
    /// person's (not `collection`, which each row carries), and every event that ends a period early.
    public static let kinds: [String] = {
        let anchors = RetentionAnchor.allCases.filter { $0 != .collection && $0 != .unstated }.map(\.rawValue)
        let endings = EarlyEndEvent.allCases.map(\.rawValue)
        return anchors + endings.filter { !anchors.contains($0) }
    }()

    /// How far ahead of the server's clock an event may be dated (clocks of other systems drift).
    public static let clockSkew: TimeInterval = 300

    /// The time zone a date given without a time is read in: the day starts at midnight there.
    public static let defaultTimeZone = TimeZone(identifier: "Europe/Paris")!

    /// RFC 3339 date and time, without and with fractions of a second: made once, not per event
    /// of an import.
    static let internetTimes = [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)]

    /// Reads `text` as an instant: RFC 3339 with an offset or `Z` (`2026-03-29T02:30:00+02:00`,
    /// fractions of a second allowed), or a date alone (`2026-03-29`), taken as midnight in
    /// `timeZone`. A date and time without an offset is refused: which instant it names depends
    /// on a time zone nobody gave.
    public static func instant(_ text: String, timeZone: TimeZone = defaultTimeZone) throws -> Date {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.count == 10, let day = CivilDate(iso: text) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            if let date = calendar.date(from: DateComponents(year: Int(day.year), month: Int(day.month), day: Int(day.day))) { return date }
        }
        for style in internetTimes {
            if let date = try? style.parse(text) { return date }
        }
        let lacksOffset = text.count >= 16 && text.contains("T") && !text.hasSuffix("Z") && !text.dropFirst(10).contains("+")
            && !text.dropFirst(10).contains("-")
        throw StoreError(
            code: lacksOffset ? "time-zone-missing" : "date-invalid",
            message: lacksOffset
                ? "'\(text.prefix(40))' has no offset: write it as 2026-03-29T02:30:00+02:00 or with Z, or give the date alone"
                : "'\(text.prefix(40))' is not a date (2026-03-29) or an RFC 3339 date and time (2026-03-29T02:30:00+02:00)")
    }
}

/// Lifecycle events as the server and the command line record them: checked, hashed, stored
/// without duplicates (the same person, kind and instant are one event, so an import can be
/// run again), each batch with one entry in the audit chain.
public struct SubjectEvents: Sendable {
    let store: any RegistreStore
    let hasher: KeyedHasher

    public init(store: any RegistreStore, hasher: KeyedHasher) {
        self.store = store
        self.hasher = hasher
    }

    /// The hash under which an identity (`type=value`, normalised) is kept with its events.
    public func subjectHash(_ identity: String) -> String { hasher.hash(identity, kind: "event") }

    /// One event to record: the identity (`type=value`, normalised), the kind, the time as given.
    public struct Submission: Sendable {
        public var identity: String
        public var kind: String
        public var occurredAt: String
        /// Where it comes from, for messages: `line 12`, `events[3]`.
        public var place: String

        public init(identity: String, kind: String, occurredAt: String, place: String) {
            self.identity = identity
            self.kind = kind
            self.occurredAt = occurredAt
            self.place = place
        }
    }

    /// What recording a batch did.
    public struct Outcome: Sendable, Hashable {
        /// Events new to the store.
        public var recorded: Int
        /// Events the store held already.
        public var duplicates: Int
    }

    /// Checks every submission, then stores them all in one transaction, or none: an unknown
    /// kind, an unreadable time or one in the future fails the batch with where it is.
    public func record(_ submissions: [Submission], source: String, actor: String, at now: Date = Date(), timeZone: TimeZone = SubjectEvent.defaultTimeZone) async throws -> Outcome {
        var events: [SubjectEvent] = []
        events.reserveCapacity(submissions.count)
        for submission in submissions {
            guard SubjectEvent.kinds.contains(submission.kind) else {
                throw StoreError(
                    code: "event-kind-unknown",
                    message: "\(submission.place): '\(submission.kind.prefix(40))' is not a kind of event; Registre knows \(SubjectEvent.kinds.joined(separator: ", "))")
            }
            let occurred: Date
            do {
                occurred = try SubjectEvent.instant(submission.occurredAt, timeZone: timeZone)
            } catch let error as StoreError {
                throw StoreError(code: error.code, message: "\(submission.place): \(error.message)")
            }
            guard occurred.timeIntervalSince(now) <= SubjectEvent.clockSkew else {
                throw StoreError(
                    code: "event-in-future",
                    message: "\(submission.place): the event is dated \(submission.occurredAt.prefix(40)), after now; record an event once it has happened")
            }
            guard let equals = submission.identity.firstIndex(of: "=") else {
                throw StoreError(code: "identity-invalid", message: "\(submission.place): an identity is type=value")
            }
            events.append(SubjectEvent(
                identityType: String(submission.identity[..<equals]), subjectHash: subjectHash(submission.identity), kind: submission.kind,
                occurredAt: occurred, recordedAt: now, source: source))
        }
        guard !events.isEmpty else { return Outcome(recorded: 0, duplicates: 0) }
        let kinds = Dictionary(grouping: events, by: \.kind).mapValues(\.count).sorted { $0.key < $1.key }
        let subject = events.count == 1 ? events[0].subjectHash : nil
        let recorded = try await store.insertEvents(events) { recorded in
            // What was recorded, never who: the kinds counted, the new ones, the source.
            var payload = JSONWriter()
            payload.object { object in
                object.key("kinds")
                object.object { counts in
                    for (kind, count) in kinds {
                        counts.key(kind)
                        counts.integer(Int64(count))
                    }
                }
                object.key("recorded")
                object.integer(Int64(recorded))
                object.key("source")
                object.string(source)
            }
            return AuditDraft(actor: actor, action: "events.recorded", subject: subject, payload: payload.text, recordedAt: now)
        }
        return Outcome(recorded: recorded, duplicates: events.count - recorded)
    }

    /// The events of the person with any of `identities` (`type=value`, normalised), oldest first.
    public func events(of identities: [String]) async throws -> [SubjectEvent] {
        try await store.events(subjectHashes: identities.map(subjectHash))
    }
}

import Foundation
import RegistreCore

/// What Registre's own store knows that changes a retention plan: the lifecycle events of
/// people, their restrictions (Art. 18) and legal holds. People are kept as keyed hashes of one
/// identity (`type=value`, normalised), so the planner hashes the identity columns it reads
/// with ``hash`` to find them.
public struct RetentionFacts: Sendable {
    /// The records a person is kept under, each hashed its own way by the store.
    public enum Record: String, Sendable {
        case event, restriction, hold
    }

    /// Hashes an identity (`type=value`) as the store keeps it under one kind of record.
    public var hash: @Sendable (_ identity: String, _ record: Record) -> String
    /// By event hash: the latest instant of each kind of event.
    public var events: [String: [String: Date]]
    /// By limit hash: why the person's data may not be erased (a restriction, with its request).
    public var restrictions: [String: String]
    /// Legal holds in force.
    public var holds: [LegalHoldScope]

    /// Creates the facts.
    public init(
        hash: @escaping @Sendable (String, Record) -> String, events: [String: [String: Date]] = [:], restrictions: [String: String] = [:],
        holds: [LegalHoldScope] = []
    ) {
        self.hash = hash
        self.events = events
        self.restrictions = restrictions
        self.holds = holds
    }

    /// No events, restrictions or holds: every clock runs from the database's own columns.
    public static let none = RetentionFacts(hash: { identity, _ in identity })

    /// By hold hash: why a person's data is held.
    var subjectHolds: [String: String] {
        var holds: [String: String] = [:]
        for hold in self.holds {
            if case .subject(let hash) = hold.target { holds[hash] = hold.reason }
        }
        return holds
    }

    /// Why the rows of `collection` in `dataset` are held, if a hold covers them.
    func hold(onCollection collection: String, dataset: String) -> String? {
        for hold in holds {
            switch hold.target {
            case .dataset(let key) where key == dataset: return hold.reason
            case .collection(let key, let name) where key == dataset && name == collection: return hold.reason
            default: continue
            }
        }
        return nil
    }

    /// True when nothing is known of any person: no column need be hashed.
    var knowsNoOne: Bool { events.isEmpty && restrictions.isEmpty && !holds.contains { if case .subject = $0.target { true } else { false } } }
}

/// A legal hold in force: what it covers and why. Nothing it covers is deleted or anonymised.
public struct LegalHoldScope: Sendable, Hashable {
    /// What a hold covers.
    public enum Target: Sendable, Hashable {
        /// A person, by the keyed hash of one identity (kind `hold`).
        case subject(String)
        /// A whole collection of a dataset.
        case collection(dataset: String, name: String)
        /// A whole dataset.
        case dataset(String)
    }

    public var target: Target
    /// The reason as the plan shows it: `legal hold 3 (litigation with the customer) until 2027-06-30`.
    public var reason: String

    public init(target: Target, reason: String) {
        self.target = target
        self.reason = reason
    }
}

/// What the store holds about one person, gathered for the rows the person's identities reach.
struct SubjectFacts: Sendable {
    /// The latest instant of each kind of event.
    var events: [String: Date] = [:]
    /// Why the person's data may not be deleted: a restriction or a legal hold.
    var holds: [String] = []

    mutating func merge(_ other: SubjectFacts) {
        events.merge(other.events) { max($0, $1) }
        holds += other.holds.filter { !holds.contains($0) }
    }
}

/// Reads a retention anchor's value as the database holds it.
enum AnchorDate {
    /// The instant `value` names: a text date (`2026-01-31`, midnight in `timeZone`), a date and
    /// time (`2026-01-31T10:00:00Z`, `2026-01-31 10:00:00+01`, or without offset, read in
    /// `timeZone`), or a number of seconds since 1970 (an integer or real column). Nil with
    /// why for NULL or what is not a date.
    static func read(_ value: SQLValue, timeZone: TimeZone) -> Result<Date, Problem> {
        switch value {
        case .null:
            return .failure(.missing)
        case .integer(let seconds):
            return .success(Date(timeIntervalSince1970: Double(seconds)))
        case .real(let seconds):
            return seconds.isFinite ? .success(Date(timeIntervalSince1970: seconds)) : .failure(.unreadable("\(seconds)"))
        case .blob:
            return .failure(.unreadable("binary data"))
        case .text(let text):
            guard let date = parse(text, timeZone: timeZone) else { return .failure(.unreadable(String(text.prefix(40)))) }
            return .success(date)
        }
    }

    /// Why an anchor has no usable date.
    enum Problem: Error, Equatable {
        /// NULL.
        case missing
        /// A value that is not a date, shown as read.
        case unreadable(String)
    }

    /// Parses ISO 8601 forms as databases write them (`T` or a space between date and time,
    /// fractions of a second, `Z`, `+01`, `+0100`, `+01:00`).
    static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        // Spaces and tabs around the date are dropped (on bytes: Foundation's trimming costs
        // more than the parse itself).
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 32 || last == 9 { bytes.removeLast() }
        if let first = bytes.firstIndex(where: { $0 != 32 && $0 != 9 }), first > 0 { bytes.removeFirst(first) }
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), skip(45), let month = number(2), skip(45), let day = number(2),
            (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: Int64(month), of: Int64(year))
        else { return nil }
        var hour = 0, minute = 0, second = 0, fraction = 0.0
        var offset: Int?
        if index < bytes.count {
            guard skip(84) || skip(32), let h = number(2), skip(58), let m = number(2), h < 24, m < 60 else { return nil }
            (hour, minute) = (h, m)
            if skip(58) {
                guard let s = number(2), s < 61 else { return nil }
                second = min(s, 59)
                if skip(46) || skip(44) {
                    var scale = 0.1
                    while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                        fraction += Double(bytes[index] - 48) * scale
                        scale /= 10
                        index += 1
                    }
                }
            }
            if skip(90) {
                offset = 0
            } else if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 {
                let sign = bytes[index] == 45 ? -1 : 1
                index += 1
                guard let h = number(2) else { return nil }
                _ = skip(58)
                let m = index < bytes.count ? number(2) : 0
                guard let m else { return nil }
                offset = sign * (h * 3600 + m * 60)
            }
            guard index == bytes.count else { return nil }
        }
        let days = CivilDate(year: Int64(year), month: Int64(month), day: Int64(day)).daysSince1970
        let wallClock = Double(days) * 86_400 + Double(hour * 3600 + minute * 60 + second) + fraction
        if let offset { return Date(timeIntervalSince1970: wallClock - Double(offset)) }
        return timeZone.instant(wallClock: wallClock)
    }
}

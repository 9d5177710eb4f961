import Foundation
import RegistreCore

/// One line of a retention plan: what happens to one row at a date, under which rule, and why,
/// in a sentence a DPO can check against the policy.
public struct RetentionItem: Sendable {
    /// What happens to the row.
    public enum Action: String, Sendable, Hashable {
        /// The row is deleted.
        case delete
        /// The listed fields are overwritten as the dataset's masking says; the row stays.
        case anonymise
        /// The row gets the dataset's `registre.deactivate` values.
        case deactivate
        /// The row gets the dataset's `registre.archive` values (intermediate archiving).
        case archive
        /// Nothing can be decided: see the explanation.
        case none
    }

    /// Whether the action happens.
    public enum Status: String, Sendable, Hashable {
        /// Due at the plan's date: `retention run` applies it.
        case due
        /// Due, but a legal hold or a restriction stops it.
        case held
        /// Nothing is done until a person fixes what the explanation names (a date missing or
        /// unreadable, an action the dataset does not say how to do).
        case flagged
    }

    /// The collection (table).
    public var collection: String
    /// The row's primary key.
    public var key: [RowChange.Assignment]
    /// The activity whose rule decides, when one does.
    public var activity: String?
    /// That rule, as `P3Y after contract_end: delete`.
    public var rule: String?
    /// The rule's anchor (`contract_end`).
    public var anchor: String?
    /// Where the anchor's date was read: `customer.contract_ended_at`, `event contract_end`.
    public var anchorSource: String?
    /// The anchor's date.
    public var anchorValue: Date?
    /// What happens.
    public var action: Action
    /// The fields changed (anonymise) or set (deactivate, archive); empty for a deletion.
    public var fields: [String]
    /// When the action became due.
    public var due: Date?
    /// Whether it happens.
    public var status: Status
    /// Why, in one or two sentences.
    /// Empty in the plan a run makes for itself, which nobody reads.
    public var explanation: String
    /// The row as read, which the executor masks from.
    var row: Row

    /// The row's key as the plan shows it: `id=101`, `order_id=101, line_no=2`.
    public var rowDescription: String { RowChange.describe(key) }
}

extension DatasetCollection {
    /// The values the dataset says a deactivate or archive phase writes; empty for other actions.
    func values(writtenBy action: RetentionItem.Action) -> [String: String] {
        switch action {
        case .deactivate: deactivation
        case .archive: archiving
        default: [:]
        }
    }
}

/// What a plan found, beyond its items.
public struct RetentionSummary: Sendable {
    /// Rows read, by collection.
    public var rowsRead: [String: Int] = [:]
    /// Items by status and action (`due delete`, `flagged none`).
    public var items: [String: Int] = [:]
    /// Rows whose clock waits for an event not recorded yet (a contract still running), by
    /// collection and anchor (`customer contract_end`).
    public var waiting: [String: Int] = [:]
    /// Events recorded in Registre for people no row of the dataset holds.
    public var eventsForUnknownPeople: Int = 0
    /// Collections with personal data that no rule of the policy covers.
    public var uncovered: [String] = []
    /// Collections left out, with why (no primary key to read them by).
    public var skipped: [String: String] = [:]

    mutating func count(_ item: RetentionItem) {
        items["\(item.status.rawValue) \(item.action.rawValue)", default: 0] += 1
    }
}

extension RetentionRule {
    /// The rule as a plan names it: `P3Y after contract_end: delete`, phases joined by `; `.
    var label: String {
        phases.map { phase in
            let anchor = phase.anchor ?? .unstated
            let start = phase.after.map { "after \($0.value)" }
                ?? (anchor == .unstated ? "after collection (the policy names no starting event)" : "after \(anchor.rawValue)")
            guard let duration = phase.duration else { return "kept indefinitely \(start.replacingOccurrences(of: "after ", with: "from "))" }
            return "\(duration) \(start): \(phase.action.rawValue)"
        }.joined(separator: "; ") + (isRolling ? " (rolling)" : "")
            + (endsEarlyOn.isEmpty ? "" : ", ending early on \(endsEarlyOn.map(\.rawValue).joined(separator: " or "))")
    }
}

/// How plans write dates: the day in the dataset's time zone, or the instant with its offset.
public enum PlanDate {
    /// `2027-11-02`, the day `date` falls on in `timeZone`.
    public static func day(_ date: Date, in timeZone: TimeZone) -> String {
        timeZone.civilDay(of: date).description
    }

    /// `2027-11-02T00:00:00+01:00`.
    public static func instant(_ date: Date, in timeZone: TimeZone) -> String {
        date.formatted(instants(in: timeZone))
    }

    /// The style of ``instant(_:in:)``, to make once for many dates.
    public static func instants(in timeZone: TimeZone) -> Date.ISO8601FormatStyle {
        Date.ISO8601FormatStyle(timeZone: timeZone).year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon)
    }
}

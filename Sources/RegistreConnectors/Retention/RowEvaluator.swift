import Foundation
import RegistreCore

/// Decides what happens to each row of one collection at one date.
struct RowEvaluator {
    let collection: DatasetCollection
    let rules: [RetentionPlanner.CoveringRule]
    let now: Date
    let timeZone: TimeZone
    /// Why a legal hold keeps the whole collection, if one does.
    let collectionHold: String?
    /// Rows whose clock waits for an event, by anchor.
    var waiting: [String: Int] = [:]
    /// False when nobody reads the items' explanations (a run): they are not written.
    let explains: Bool

    init(
        collection: DatasetCollection, rules: [RetentionPlanner.CoveringRule], now: Date, timeZone: TimeZone, collectionHold: String?,
        explains: Bool = true
    ) {
        self.collection = collection
        self.explains = explains
        self.rules = rules
        self.now = now
        self.timeZone = timeZone
        self.collectionHold = collectionHold
        let covered = Set(rules.flatMap(\.fields))
        let fields = collection.fields.filter { covered.contains($0.name) }
        coveredFields = fields.map(\.name)
        fieldRules = coveredFields.map { name in rules.indices.filter { rules[$0].fields.contains(name) } }
        maskable = fields.enumerated().filter { !$0.element.isDeclaredKey }.map { ($0.element, $0.offset) }
    }

    /// Every covered field, in the dataset's order.
    let coveredFields: [String]
    /// For each covered field, the indices of the rules covering it.
    let fieldRules: [[Int]]
    /// Covered fields that masking may overwrite (keys stay: they name no one once the rest is
    /// masked), with their place among the covered fields.
    let maskable: [(field: DatasetField, position: Int)]

    /// One rule's clock on one row.
    struct Clock {
        var covering: RetentionPlanner.CoveringRule
        var anchor: RetentionAnchor
        /// Where the anchor's date comes from.
        var source: String
        var anchorDate: Date?
        /// Why there is no date: NULL, unreadable, or an event not recorded yet.
        var problem: Problem?
        /// When the data ends and how (delete or anonymise); nil when the rule keeps it indefinitely.
        var end: (due: Date, action: RetentionAction, early: String?)?
        /// Phases that do not end the data (deactivate, archive), with their due dates.
        var steps: [(due: Date, action: RetentionAction)]
        /// False when the rule is limited to data subjects the row is not about: it has no say.
        var applies = true

        enum Problem: Error {
            case missing(String)
            case unreadable(String, String)
            case waiting
        }

        /// True when the date is NULL or not a date: the row is flagged, nothing is done to it.
        var isFlagged: Bool {
            switch problem {
            case .missing, .unreadable: true
            case .waiting, nil: false
            }
        }

        /// True while the clock waits for an event not recorded yet.
        var isWaiting: Bool { if case .waiting = problem { true } else { false } }
    }

    /// The items of `row`, for the person `person` its rows belong to (when Registre knows them).
    mutating func items(for row: Row, person: SubjectFacts?) -> [RetentionItem] {
        let subject = collection.dataSubjectColumn.map { row[$0]?.jsonText?.trimmingCharacters(in: .whitespaces).lowercased() }
        let clocks = rules.map { covering in
            guard let subject, !covering.rule.subjects.isEmpty, !covering.rule.subjects.contains(where: { $0.value.lowercased() == subject }) else {
                return clock(for: covering, row: row, person: person)
            }
            return Clock(covering: covering, anchor: covering.rule.phases.first?.anchor ?? .unstated, source: "", problem: nil, end: nil, steps: [], applies: false)
        }
        if !clocks.contains(where: \.applies), let column = collection.dataSubjectColumn {
            let value = subject.flatMap { $0.map { "holds '\($0)'" } } ?? "is NULL"
            let named = Set(rules.flatMap { $0.rule.subjects.map(\.value) }).sorted().joined(separator: ", ")
            return [
                item(
                    row, clock: clocks[0], action: .none, fields: [], due: nil, status: .flagged,
                    explanation: "\(collection.name).\(column) \(value), a data subject none of the rules covering the table name (\(named)), so no period can be counted. Nothing is deleted or kept for good until it names one.")
            ]
        }
        if let flagged = clocks.first(where: \.isFlagged) {
            return [item(row, clock: flagged, action: .none, fields: [], due: nil, status: .flagged, explanation: flagExplanation(flagged))]
        }
        var holds = person?.holds ?? []
        if let collectionHold { holds.insert(collectionHold, at: 0) }

        // Each covered field ends when the last rule covering it ends: the index of that rule's
        // clock, nil when one keeps it indefinitely or waits for its event.
        var fieldEnds = [Int?](repeating: nil, count: coveredFields.count)
        var ended = true
        var last: Int?
        for (field, covering) in fieldRules.enumerated() {
            var latest: Int?
            var open = false
            var applying = false
            for index in covering where clocks[index].applies {
                applying = true
                guard clocks[index].problem == nil, let end = clocks[index].end else {
                    open = true
                    break
                }
                if latest.map({ end.due > clocks[$0].end!.due }) ?? true { latest = index }
            }
            guard applying else { continue }  // no rule covering the field applies to this row's subject
            guard !open, let latest else {
                ended = false
                continue
            }
            fieldEnds[field] = latest
            if last.map({ clocks[latest].end!.due > clocks[$0].end!.due }) ?? true { last = latest }
        }
        for clock in clocks where clock.isWaiting { waiting[clock.anchor.rawValue, default: 0] += 1 }
        var items: [RetentionItem] = []
        if ended, let last, clocks[last].end!.due <= now {
            // The whole row's data has ended.
            let due = clocks[last].end!.due
            let anonymise = clocks.contains { $0.end?.due == due && $0.end?.action == .anonymise }
            let fields = anonymise ? maskable.filter { !Self.isMasked(row[$0.field.name] ?? .null, $0.field) }.map(\.field.name) : []
            if !anonymise || !fields.isEmpty {
                let action: RetentionItem.Action = anonymise ? .anonymise : .delete
                items.append(held(
                    item(row, clock: clocks[last], action: action, fields: fields, due: due, status: .due,
                         explanation: endExplanation(clocks[last], others: clocks, action: action, fields: fields)), holds))
            }
            return items
        }
        // Fields all of whose rules have ended are anonymised; the row stays for the others.
        var early: [(name: String, clock: Int)] = []
        for (field, position) in maskable {
            guard let clock = fieldEnds[position], clocks[clock].end!.due <= now, !Self.isMasked(row[field.name] ?? .null, field) else { continue }
            early.append((field.name, clock))
        }
        if let latest = early.map(\.clock).max(by: { clocks[$0].end!.due < clocks[$1].end!.due }) {
            let fields = early.map(\.name)
            let clock = clocks[latest]
            func explain() -> String {
                // What keeps the row: the rules of the fields that have not ended, the longest first.
                let open = Set(coveredFields.indices.filter { fieldEnds[$0].map { clocks[$0].end!.due > now } ?? true }.map { coveredFields[$0] })
                let keeper = clocks.filter { $0.applies && !$0.covering.fields.isDisjoint(with: open) }.max { a, b in
                    guard let x = a.end?.due else { return false }
                    guard let y = b.end?.due else { return true }
                    return x < y
                }
                var explanation = "Anonymise \(fields.joined(separator: ", ")): \(describe(clock)) ended on \(PlanDate.day(clock.end!.due, in: timeZone))."
                if let keeper { explanation += " The row stays: \(keeping(keeper))." }
                return explanation
            }
            items.append(held(item(row, clock: clock, action: .anonymise, fields: fields, due: clock.end!.due, status: .due, explanation: explain()), holds))
        }
        // Phases that do not end the data: deactivate, archive.
        for clock in clocks {
            for step in clock.steps where step.due <= now && (clock.end.map { $0.due > now } ?? true) {
                if let item = stepItem(row, clock: clock, step: step) { items.append(item) }
            }
        }
        return items
    }

    /// A deactivate or archive phase that is due, unless the row already shows it done.
    func stepItem(_ row: Row, clock: Clock, step: (due: Date, action: RetentionAction)) -> RetentionItem? {
        let action: RetentionItem.Action = step.action == .deactivate ? .deactivate : .archive
        let values = collection.values(writtenBy: action)
        let key = "registre.\(step.action.rawValue)"
        guard !values.isEmpty else {
            return item(
                row, clock: clock, action: action, fields: [], due: step.due, status: .flagged,
                explanation: "\(describe(clock)) asks to \(step.action.rawValue) on \(PlanDate.day(step.due, in: timeZone)), and the dataset does not say how: add \(key) (the values to write) to \(collection.name).")
        }
        let pending = values.keys.sorted().filter { column in !(row[column] ?? .null).isSame(as: .text(values[column] ?? "")) }
        guard !pending.isEmpty else { return nil }
        return item(
            row, clock: clock, action: action, fields: pending, due: step.due, status: .due,
            explanation: "\(step.action == .deactivate ? "Deactivate" : "Archive"): \(describe(clock)) reached this phase on \(PlanDate.day(step.due, in: timeZone)); \(pending.map { "\($0) = \(values[$0] ?? "")" }.joined(separator: ", ")).")
    }

    /// The clock of `covering` on `row`.
    func clock(for covering: RetentionPlanner.CoveringRule, row: Row, person: SubjectFacts?) -> Clock {
        let rule = covering.rule
        let stated = rule.phases.first?.anchor ?? .unstated
        let anchor = stated == .unstated ? RetentionAnchor.collection : stated
        var clock = Clock(covering: covering, anchor: anchor, source: "", anchorDate: nil, problem: nil, end: nil, steps: [])
        var dues: [String: Date] = [:]
        phases: for phase in rule.phases {
            var start: Date?
            if let after = phase.after {
                start = dues[after.value]
            } else {
                let (source, date) = anchorDate(phase.anchor ?? anchor, row: row, person: person)
                if phase.anchor == nil || phase.anchor == anchor || clock.source.isEmpty { clock.source = source }
                switch date {
                case .success(let value):
                    start = value
                    if clock.anchorDate == nil { clock.anchorDate = value }
                case .failure(let problem):
                    clock.problem = problem
                    break phases
                }
            }
            guard let start, let duration = phase.duration else { break }  // indefinite: nothing follows
            let due = duration.added(to: start, in: timeZone)
            dues[phase.id] = due
            if phase.action.endsProcessing {
                clock.end = (due, phase.action, nil)
                break
            }
            clock.steps.append((due, phase.action))
        }
        // An event that ends the period early ("unless you withdraw your consent"), also while
        // the anchor's own event is still awaited (a prospect objecting before the relationship
        // ends); a NULL or unreadable date stays flagged.
        guard !clock.isFlagged else { return clock }
        for event in rule.endsEarlyOn {
            guard let when = person?.events[event.rawValue], when >= (clock.anchorDate ?? .distantPast) else { continue }
            if clock.end == nil || when < clock.end!.due {
                let action = rule.phases.first { $0.action.endsProcessing }?.action ?? .delete
                clock.end = (when, action, event.rawValue)
                clock.problem = nil
            }
        }
        return clock
    }

    /// The date `anchor` starts from on `row`: its column, else the person's event, else the
    /// collection's retention anchor.
    func anchorDate(_ anchor: RetentionAnchor, row: Row, person: SubjectFacts?) -> (String, Result<Date, Clock.Problem>) {
        let counted = anchor == .unstated ? RetentionAnchor.collection : anchor
        func read(_ column: String) -> (String, Result<Date, Clock.Problem>) {
            let source = "\(collection.name).\(column)"
            switch AnchorDate.read(row[column] ?? .null, timeZone: timeZone) {
            case .success(let date): return (source, .success(date))
            case .failure(.missing): return (source, .failure(.missing(source)))
            case .failure(.unreadable(let text)): return (source, .failure(.unreadable(source, text)))
            }
        }
        if let column = collection.anchors[counted.rawValue] { return read(column) }
        if counted != .collection, let date = person?.events[counted.rawValue] { return ("event \(counted.rawValue)", .success(date)) }
        if let column = collection.retentionAnchor { return read(column) }
        if counted == .collection {
            return ("", .failure(.missing("no column of \(collection.name) holds the date each row was collected (registre.anchors.collection or registre.retention_anchor)")))
        }
        return ("event \(counted.rawValue)", .failure(.waiting))
    }

    /// True when `value` already holds what masking `field` writes (or nothing), so a run that
    /// stopped halfway does not mask it twice.
    static func isMasked(_ value: SQLValue, _ field: DatasetField) -> Bool {
        guard value != .null else { return true }
        guard let masking = try? Masking(field.masking ?? .nullRewrite) else { return false }
        return masking.looksApplied(to: value)
    }

    /// An item of `row`; its explanation is only written out when the plan is read (`explains`).
    func item(
        _ row: Row, clock: Clock, action: RetentionItem.Action, fields: [String], due: Date?, status: RetentionItem.Status,
        explanation: @autoclosure () -> String
    ) -> RetentionItem {
        RetentionItem(
            collection: collection.name, key: collection.primaryKey.map { RowChange.Assignment(column: $0.name, value: row[$0.name] ?? .null) },
            activity: clock.covering.activity.id, rule: clock.covering.label, anchor: clock.anchor.rawValue,
            anchorSource: clock.source.isEmpty ? nil : clock.source, anchorValue: clock.anchorDate, action: action, fields: fields, due: due,
            status: status, explanation: explains ? explanation() : "", row: row)
    }

    /// `item`, held when a hold or a restriction keeps the row.
    func held(_ item: RetentionItem, _ holds: [String]) -> RetentionItem {
        guard let reason = holds.first else { return item }
        var item = item
        item.status = .held
        if explains { item.explanation = "Held: \(reason). Otherwise: \(item.explanation)" }
        return item
    }

    /// `the activity 'orders' (P3Y after contract_end: delete, from customer.closed_at = 2024-11-02)`.
    func describe(_ clock: Clock) -> String {
        var text = "the activity '\(clock.covering.activity.id)' (\(clock.covering.label)"
        if let date = clock.anchorDate { text += ", \(clock.anchor.rawValue) \(PlanDate.day(date, in: timeZone)) from \(clock.source)" }
        if let law = clock.covering.rule.legalReference { text += ", \(law)" }
        return text + ")"
    }

    func keeping(_ clock: Clock) -> String {
        guard let end = clock.end else {
            if clock.isWaiting { return "\(describe(clock)) waits for its event" }
            return "\(describe(clock)) keeps the rest indefinitely"
        }
        return "\(describe(clock)) keeps the rest until \(PlanDate.day(end.due, in: timeZone))"
    }

    func endExplanation(_ last: Clock, others: [Clock], action: RetentionItem.Action, fields: [String]) -> String {
        let what = action == .delete ? "Delete the row" : "Anonymise \(fields.joined(separator: ", "))"
        var text = "\(what): \(describe(last)) ended on \(PlanDate.day(last.end!.due, in: timeZone))"
        if let early = last.end!.early { text += " (the person's \(early) ends it early)" }
        text += "."
        let shorter = others.filter { $0.end != nil && $0.end!.due < last.end!.due }
        if !shorter.isEmpty {
            text += " It outlasted \(shorter.map { "\(describe($0)), ended \(PlanDate.day($0.end!.due, in: timeZone))" }.joined(separator: "; ")): the longest period applies."
        }
        return text
    }

    func flagExplanation(_ clock: Clock) -> String {
        let rule = "the period of '\(clock.covering.activity.id)' (\(clock.covering.label))"
        switch clock.problem {
        case .missing(let source) where source.hasPrefix("no column"):
            return "No date: \(source), so \(rule) cannot be counted. Nothing is deleted or kept for good until the dataset names it."
        case .missing(let source):
            return "No date: \(source) is NULL, so \(rule) cannot be counted. Nothing is deleted or kept for good until the date is set or the event recorded."
        case .unreadable(let source, let text):
            return "\(source) holds '\(text)', which is not a date, so \(rule) cannot be counted. Nothing is deleted until it is corrected."
        default:
            return ""
        }
    }
}

extension Masking {
    /// True when `value` is what this masking writes: NULL, the rewrite value, a digest's hex
    /// of the right length, random letters and digits of the right length.
    func looksApplied(to value: SQLValue) -> Bool {
        switch self {
        case .null:
            return value == .null
        case .rewrite(let rewrite):
            return value.isSame(as: .text(rewrite))
        case .hash(let sha512), .hmac(let sha512):
            guard case .text(let text) = value else { return false }
            return text.utf8.count == (sha512 ? 128 : 64) && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
        case .randomString(let length):
            guard case .text(let text) = value else { return false }
            return text.utf8.count == length && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) }
        }
    }
}

import Foundation
import RegistreCore

/// Turns the retention rules of a policy into actions on the rows of one dataset at a date.
///
/// Each collection serves activities (`registre.activities`); each personal field is covered by
/// the rules of those activities whose categories hold its own. A field's data ends when the
/// last rule covering it ends (the longest obligation wins); a row is deleted or anonymised when
/// every covered field has ended, and only the fields whose rules have all ended are anonymised
/// before that. A clock starts at the anchor's column (`registre.anchors`), else at the person's
/// event recorded in Registre, else at the collection's `registre.retention_anchor`. A NULL or
/// unreadable date is flagged, never counted as kept forever nor as due. Legal holds and
/// restrictions turn due deletions into held ones.
public struct RetentionPlanner: Sendable {
    let policy: Policy
    let dataset: Dataset
    let connector: any Connector
    /// The connection pages are read through: on PostgreSQL a second one, so that one server
    /// process reads while another writes; else `connector`.
    let reader: any Connector
    let facts: RetentionFacts
    /// Rows read per query.
    let pageSize: Int

    /// Creates a planner.
    public init(
        policy: Policy, dataset: Dataset, connector: any Connector, reader: (any Connector)? = nil, facts: RetentionFacts = .none, pageSize: Int = 2_000
    ) {
        self.policy = policy
        self.dataset = dataset
        self.connector = connector
        self.reader = reader ?? connector
        self.facts = facts
        self.pageSize = pageSize
    }

    /// The time zone the dataset's dates are read in.
    public var timeZone: TimeZone { dataset.dateTimeZone }

    /// The dataset's `fides_key`.
    public var datasetKey: String { dataset.key }

    /// One rule of one activity, as it applies to a collection. A class: every row's clock
    /// refers to it, and copying the activity for each would cost more than reading the row.
    final class CoveringRule: Sendable {
        let activity: ProcessingActivity
        let rule: RetentionRule
        /// The collection's personal fields it covers.
        let fields: Set<String>
        /// The rule as plans name it.
        let label: String

        init(activity: ProcessingActivity, rule: RetentionRule, fields: Set<String>) {
            self.activity = activity
            self.rule = rule
            self.fields = fields
            label = rule.label
        }
    }

    /// The rules covering the personal fields of `collection`: a rule covers the fields of its
    /// categories (else its activity's; a rule and activity naming none cover every personal
    /// field), unless it is limited to data subjects the collection declares it is not about.
    func coveringRules(of collection: DatasetCollection) -> [CoveringRule] {
        var rules: [CoveringRule] = []
        for id in collection.activities {
            guard let activity = policy.activities.first(where: { $0.id == id }) else { continue }
            for rule in activity.retention {
                let subjects = rule.subjects.map(\.value)
                if !subjects.isEmpty, !collection.dataSubjects.isEmpty, collection.dataSubjects.allSatisfy({ !subjects.contains($0) }) { continue }
                let categories = (rule.categories.isEmpty ? activity.dataCategories : rule.categories).map(\.value)
                let fields = collection.fields.filter { field in
                    field.isPersonal && (categories.isEmpty || field.dataCategories.contains { Self.category($0, overlaps: categories) })
                }
                if !fields.isEmpty { rules.append(CoveringRule(activity: activity, rule: rule, fields: Set(fields.map(\.name)))) }
            }
        }
        return rules
    }

    /// True when a field of `category` holds data of one of `categories`: the same key, one
    /// under the other (`user.name.first` under `user.name`), either way.
    static func category(_ category: String, overlaps categories: [String]) -> Bool {
        categories.contains { $0 == category || category.hasPrefix($0 + ".") || $0.hasPrefix(category + ".") }
    }

    /// The columns a plan reads from `collection`: its key, the anchors, those the deactivate and
    /// archive phases set, the data subject column, and the covered fields when some may be anonymised (a rule that
    /// anonymises, or fields whose rules differ and so may end apart); a table whose rows are
    /// only ever deleted whole is read by key and dates alone.
    func columns(of collection: DatasetCollection, rules: [CoveringRule]) -> [String] {
        var names = collection.primaryKey.map(\.name)
        let anonymises = rules.contains { $0.rule.phases.contains { $0.action == .anonymise } }
        let fieldsEndApart = Set(rules.map(\.fields)).count > 1
        var wanted = Set(collection.anchors.values).union(collection.retentionAnchor.map { [$0] } ?? [])
            .union(collection.deactivation.keys).union(collection.archiving.keys).union(collection.dataSubjectColumn.map { [$0] } ?? [])
        if anonymises || fieldsEndApart { wanted.formUnion(rules.flatMap(\.fields)) }
        for field in collection.fields where wanted.contains(field.name) && !names.contains(field.name) { names.append(field.name) }
        return names
    }

    /// The collections a plan visits, in stages: those of a stage refer to none of a later one,
    /// so each stage's rows may be deleted once the earlier stages' are (a scheduled pass hands
    /// each collection to one server, a stage at a time).
    public var stages: [[String]] { Self.stages(of: dataset) }

    /// The collections a plan of `dataset` visits, in stages.
    public static func stages(of dataset: Dataset) -> [[String]] {
        dataset.deletionStages(dataset.collections.map(\.name))
            .map { $0.filter { name in dataset.collection(name).map { $0.isPersonal && !$0.skipProcessing } ?? false } }
            .filter { !$0.isEmpty }
    }

    /// Plans retention at `now`: hands `body` each collection's rows a page at a time with their
    /// items (a page may have none), collections in an order that deletes referring rows first;
    /// only the collection `only` when given. Without `explaining`, items carry no explanation
    /// (what a run does, which nobody reads them in).
    @discardableResult
    public func plan(
        at now: Date, only: String? = nil, explaining: Bool = true, _ body: (DatasetCollection, [RetentionItem]) async throws -> Void
    ) async throws -> RetentionSummary {
        var summary = RetentionSummary()
        let subjects = try await gatherSubjects(&summary)
        for name in stages.joined() where only == nil || only == name {
            guard let collection = dataset.collection(name) else { continue }
            let rules = coveringRules(of: collection)
            guard !rules.isEmpty else {
                summary.uncovered.append(collection.name)
                continue
            }
            guard !collection.primaryKey.isEmpty else {
                summary.skipped[collection.name] = "it declares no primary key to read it by and change its rows (run registre datasets check)"
                continue
            }
            let table = TableName(schema: dataset.schema, name: collection.name)
            let columns = columns(of: collection, rules: rules)
            let key = collection.primaryKey.map(\.name)
            let collectionHold = facts.hold(onCollection: collection.name, dataset: dataset.key)
            var evaluator = RowEvaluator(
                collection: collection, rules: rules, now: now, timeZone: dataset.dateTimeZone, collectionHold: collectionHold, explains: explaining)
            let cut = ceilings(of: collection, rules: rules, at: now, people: subjects[collection.name]?.count ?? 0) ?? []
            // The next page is read while `body` carries out this one (the database answers it
            // while the rows are judged), unless the table refers to itself: a change to this
            // page could then reach rows of the next, which are read after it, by the writer.
            let readsAhead = !collection.refersToItself
            let (connector, pageSize) = (readsAhead ? reader : self.connector, self.pageSize)
            @Sendable func read(after: [SQLValue]?) async throws -> [Row] {
                try await connector.page(of: table, columns: columns, key: key, after: after, limit: pageSize, within: cut)
            }
            var rows = try await read(after: nil)
            while let last = rows.last {
                let after = key.map { last[$0] ?? .null }
                let next = readsAhead && rows.count == pageSize ? Task { try await read(after: after) } : nil
                summary.rowsRead[collection.name, default: 0] += rows.count
                var items: [RetentionItem] = []
                for row in rows {
                    let person = subjects[collection.name]?[SubjectFinder.key(of: row, in: collection)]
                    items += evaluator.items(for: row, person: person)
                }
                for item in items { summary.count(item) }
                do {
                    try await body(collection, items)
                } catch {
                    next?.cancel()
                    _ = try? await next?.value
                    throw error
                }
                guard rows.count == pageSize else { break }
                if let next { rows = try await next.value } else { rows = try await read(after: after) }
            }
            for (anchor, count) in evaluator.waiting { summary.waiting["\(collection.name) \(anchor)", default: 0] += count }
        }
        summary.uncovered.sort()
        return summary
    }

    /// The first cut of the plan of `collection` at `now`, made by the database: for each anchor
    /// column, the last calendar day a row's date may start with and still bring one of its
    /// rules' phases due (a margin of two days covers time zones, offsets and short months), so
    /// that rows kept for years stay on the database's side. Nil when every row must be read: a
    /// clock counted from a person's event, people whose facts may end a period early or hold
    /// their rows (`people` rows of the collection have facts), a row whose data subject decides
    /// which rules apply.
    func ceilings(of collection: DatasetCollection, rules: [CoveringRule], at now: Date, people: Int) -> [DateCeiling]? {
        guard people == 0 else { return nil }
        if collection.dataSubjectColumn != nil, rules.contains(where: { !$0.rule.subjects.isEmpty }) { return nil }
        var latest: [String: Date?] = [:]
        for covering in rules {
            let first = covering.rule.phases.first?.anchor ?? .unstated
            for phase in covering.rule.phases where phase.after == nil {
                let stated = phase.anchor ?? first
                let anchor = stated == .unstated ? RetentionAnchor.collection : stated
                // Where the evaluator reads this clock when no event of the person is known.
                guard let column = collection.anchors[anchor.rawValue] ?? collection.retentionAnchor else { return nil }
                // Chained phases come later still; an indefinite phase is never due.
                let due = phase.duration.map { now.addingTimeInterval(-$0.shortestSeconds) }
                switch (latest[column], due) {
                case (nil, _): latest[column] = due
                case (.some(let known), .some(let due)): latest[column] = max(known ?? due, due)
                case (.some, nil): break
                }
            }
        }
        return latest.keys.sorted().map { column in
            // The day in UTC, two days on.
            DateCeiling(column: column, day: (latest[column] ?? nil).map { CivilDate.split($0.addingTimeInterval(2 * 86_400)).day.description })
        }
    }

    /// The facts of Registre's store, attached to the rows of the people they concern: every
    /// identity column is read and hashed; a person found is searched across the dataset from
    /// their identities, and each of their rows gets their facts.
    func gatherSubjects(_ summary: inout RetentionSummary) async throws -> [String: [[SQLValue]: SubjectFacts]] {
        guard !facts.knowsNoOne else { return [:] }
        let subjectHolds = facts.subjectHolds
        var people: [(identities: [Identity], facts: SubjectFacts)] = []
        var matchedEvents: Set<String> = []
        for collection in dataset.collections where !collection.skipProcessing && !collection.primaryKey.isEmpty {
            let identityFields = collection.fields.filter { $0.identity != nil }
            guard !identityFields.isEmpty else { continue }
            let table = TableName(schema: dataset.schema, name: collection.name)
            let key = collection.primaryKey.map(\.name)
            let columns = key + identityFields.map(\.name).filter { !key.contains($0) }
            var after: [SQLValue]?
            while true {
                let rows = try await connector.page(of: table, columns: columns, key: key, after: after, limit: pageSize)
                guard let last = rows.last else { break }
                after = key.map { last[$0] ?? .null }
                for row in rows {
                    var identities: [Identity] = []
                    var found = SubjectFacts()
                    for field in identityFields {
                        guard let type = field.identity, let text = row[field.name]?.jsonText,
                            let identity = try? Identity(type: type, value: text)
                        else { continue }
                        identities.append(identity)
                        if !facts.events.isEmpty {
                            let hash = facts.hash(identity.description, .event)
                            if let events = facts.events[hash] {
                                matchedEvents.insert(hash)
                                found.merge(SubjectFacts(events: events))
                            }
                        }
                        if !facts.restrictions.isEmpty, let reason = facts.restrictions[facts.hash(identity.description, .restriction)] {
                            found.merge(SubjectFacts(holds: [reason]))
                        }
                        if !subjectHolds.isEmpty, let reason = subjectHolds[facts.hash(identity.description, .hold)] {
                            found.merge(SubjectFacts(holds: [reason]))
                        }
                    }
                    if !found.events.isEmpty || !found.holds.isEmpty { people.append((identities, found)) }
                }
                if rows.count < pageSize { break }
            }
        }
        summary.eventsForUnknownPeople = facts.events.keys.filter { !matchedEvents.contains($0) }.reduce(0) { $0 + (facts.events[$1]?.count ?? 0) }
        var byRow: [String: [[SQLValue]: SubjectFacts]] = [:]
        let finder = SubjectFinder(dataset: dataset, connector: connector)
        for person in people {
            let found = try await finder.find(person.identities, keeping: .keys(beyond: 0))
            for (collection, rows) in found.rows {
                guard let described = dataset.collection(collection) else { continue }
                for row in rows { byRow[collection, default: [:]][SubjectFinder.key(of: row, in: described), default: SubjectFacts()].merge(person.facts) }
            }
        }
        return byRow
    }
}

import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreServer
import RegistreStore

/// `registre retention plan|run`: the policy's retention periods as actions on the company's rows.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Plan and apply the policy's retention periods on a database the dataset describes.",
        subcommands: [Plan.self, Run.self])

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "List every retention action due at a date, each explained.",
            discussion: """
                Each line: the row, its collection and fields, the activity and rule that decide, the \
                anchor and its date, the action (delete, anonymise, deactivate, archive) and when it fell \
                due, with a sentence saying why. Where rules overlap on a field the longest period wins and \
                the line says so. Legal holds and restrictions make an action "held"; a NULL or unreadable \
                date makes it "flagged" (never deleted, never kept for good). Exit status: 0, or 2 on bad \
                input or an unreachable database.
                """)

        @OptionGroup var options: RetentionOptions

        @Option(help: "table, json or csv.")
        var format: Format = .table

        func run() async throws {
            let format = self.format
            try await options.withPlanner { planner, now, _, _ in try await PlanOutput.stream(planner, at: now, format: format) }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Apply the retention actions due now: delete, anonymise, deactivate, archive.",
            discussion: """
                Each page of due actions is one transaction, read back before the next; each is recorded in \
                the audit chain (how many rows, by action, and a digest of their keys). Held and flagged \
                actions are left alone and counted. A run that stops is resumed by running it again. \
                --dry-run prints the plan instead. Prints JSON. Exit status: 0 done, 1 a change read back \
                wrong or the database went away mid-run (what was committed is printed), 2 bad input.
                """)

        @OptionGroup var options: RetentionOptions

        @Flag(help: "Print the plan (as retention plan --format json) and change nothing.")
        var dryRun = false

        func run() async throws {
            let dryRun = self.dryRun
            if !dryRun, let now = options.now, let date = try? RetentionOptions.date(now), date.timeIntervalSinceNow > SubjectEvent.clockSkew {
                printError("error: --now \(now) is in the future; retention runs at today's date (plan a later date with registre retention plan) [now-in-future]")
                throw ExitCode(2)
            }
            let failed = try await options.withPlanner { planner, now, store, secret in
                if dryRun {
                    try await PlanOutput.stream(planner, at: now, format: .json)
                    return false
                }
                let executor = RetentionExecutor(planner: planner, secret: Array(secret))
                var batches = 0
                var applied: [String: Int] = [:]
                do {
                    let outcome = try await executor.run(at: now) { batch in
                        _ = try await store.appendAudit(batch.audit(dataset: planner.datasetKey, actor: "cli", at: Date()))
                        batches += 1
                        for (action, count) in batch.rows { applied["\(batch.collection) \(action)", default: 0] += count }
                    }
                    print(try summaryJSON([
                        "status": outcome.failures.isEmpty ? "completed" : "failed", "applied": outcome.applied, "batches": batches,
                        "failures": outcome.failures, "plan": PlanOutput.summaryObject(outcome.summary),
                    ]))
                    return !outcome.failures.isEmpty
                } catch let error as ConnectorError {
                    // What was committed before the failure is in the audit chain and printed here;
                    // running again resumes from what is left.
                    print(try summaryJSON(["status": "interrupted", "applied": applied, "batches": batches, "error": error.description]))
                    printError("error: \(error); \(batches) batches were committed before it; run again to resume")
                    return true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }
}

/// The options `retention plan` and `run` share.
struct RetentionOptions: ParsableArguments {
    @Option(help: "The policy file whose retention rules apply.")
    var policy: String

    @Option(help: "The Fides dataset file describing the database, with registre.activities and the anchor columns.")
    var datasets: String

    @Option(help: "The database: sqlite:PATH or a file path, postgres://user@host:port/db (password from PGPASSWORD), or env:NAME for a URL in an environment variable.")
    var connection: String

    @Option(help: "The date to plan at: 2027-01-31 (midnight in the dataset's time zone) or an RFC 3339 date and time; now by default.")
    var now: String?

    @OptionGroup var store: StoreOptions

    /// Reads `text` as `--now` gives it.
    static func date(_ text: String, timeZone: TimeZone = SubjectEvent.defaultTimeZone) throws -> Date {
        do {
            return try SubjectEvent.instant(text, timeZone: timeZone)
        } catch let error as StoreError {
            throw StoreError(code: error.code, message: "--now: \(error.message)")
        }
    }

    /// Runs `body` with a planner over the policy, the dataset, the database and the store's
    /// events, restrictions and holds, at the date `--now` gives.
    func withPlanner<T: Sendable>(_ body: @Sendable @escaping (RetentionPlanner, Date, any RegistreStore, Data) async throws -> T) async throws -> T {
        let (policyPath, datasets, connection, now) = (policy, self.datasets, self.connection, self.now)
        return try await store.withDesk { _, store, secret in
            let policy = try SubjectOptions.policy(policyPath)
            let dataset = try SubjectOptions.dataset(at: datasets)
            let unknown = Set(dataset.collections.flatMap(\.activities)).subtracting(policy.activities.map(\.id))
            guard unknown.isEmpty else {
                throw ConnectorError(
                    code: "activity-unknown",
                    message: "\(datasets): registre.activities names \(unknown.sorted().joined(separator: ", ")), which \(policyPath) does not declare")
            }
            let date = try now.map { try Self.date($0, timeZone: dataset.dateTimeZone) } ?? Date()
            let facts = try await RetentionFacts.load(from: store, hasher: try KeyedHasher(secret: secret), at: date)
            return try await ConnectionLocation(connection).withWriterAndReader(logger: .connector) { connector, reader in
                try await body(RetentionPlanner(policy: policy, dataset: dataset, connector: connector, reader: reader, facts: facts), date, store, secret)
            }
        }
    }
}

/// A plan as the command prints it, an item at a time: a table, JSON or CSV.
struct PlanOutput {
    let format: RetentionCommand.Format
    let now: Date
    let timeZone: TimeZone
    let instants: Date.ISO8601FormatStyle
    private var first = true

    init(format: RetentionCommand.Format, now: Date, timeZone: TimeZone) {
        self.format = format
        self.now = now
        self.timeZone = timeZone
        instants = PlanDate.instants(in: timeZone)
    }

    /// Prints the plan of `planner` at `now` as it is made, an item at a time.
    static func stream(_ planner: RetentionPlanner, at now: Date, format: RetentionCommand.Format) async throws {
        var output = PlanOutput(format: format, now: now, timeZone: planner.timeZone)
        output.begin()
        output.end(try await planner.plan(at: now) { _, items in
            for item in items { output.write(item) }
        })
    }

    static let columns = ["due", "status", "action", "collection", "row", "fields", "activity", "rule", "anchor", "anchor_source", "anchor_value", "explanation"]

    mutating func begin() {
        switch format {
        case .table:
            print("Retention plan at \(now.formatted(instants))")
        case .json:
            print("{\"now\":\"\(now.formatted(instants))\",\"items\":[", terminator: "")
        case .csv:
            print(CSV.line(Self.columns), terminator: "")
        }
    }

    mutating func write(_ item: RetentionItem) {
        let text = PlanItemText(item: item, timeZone: timeZone, instants: instants)
        switch format {
        case .table:
            let fields = item.fields.isEmpty ? "" : " [\(item.fields.joined(separator: ", "))]"
            print("\n\(text.due.padding(toLength: 10, withPad: " ", startingAt: 0))  \(item.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(item.action.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))  \(item.collection) \(item.rowDescription)\(fields)")
            print("            \(item.explanation)")
        case .json:
            print(first ? "\n" : ",\n", terminator: "")
            print(text.json, terminator: "")
        case .csv:
            print(CSV.line(text.fields), terminator: "")
        }
        first = false
    }

    mutating func end(_ summary: RetentionSummary) {
        switch format {
        case .table:
            if first { print("\nNothing is due.") }
            print("\nSummary: \((try? summaryJSON(Self.summaryObject(summary))) ?? "")")
        case .json:
            print("\n],\"summary\":\((try? summaryJSON(Self.summaryObject(summary))) ?? "{}")}")
        case .csv:
            break
        }
    }

    static func summaryObject(_ summary: RetentionSummary) -> [String: Any] {
        [
            "rows_read": summary.rowsRead, "items": summary.items, "waiting_for_event": summary.waiting,
            "events_for_unknown_people": summary.eventsForUnknownPeople, "collections_without_rule": summary.uncovered, "skipped": summary.skipped,
        ]
    }
}

/// One item's values as text.
struct PlanItemText {
    let item: RetentionItem
    let timeZone: TimeZone
    /// How instants are written, made once per plan.
    let instants: Date.ISO8601FormatStyle

    var due: String { item.due.map { PlanDate.day($0, in: timeZone) } ?? "-" }

    var fields: [String] {
        [
            due, item.status.rawValue, item.action.rawValue, item.collection, item.rowDescription, item.fields.joined(separator: " "),
            item.activity ?? "", item.rule ?? "", item.anchor ?? "", item.anchorSource ?? "",
            item.anchorValue.map { $0.formatted(instants) } ?? "", item.explanation,
        ]
    }

    var json: String {
        var writer = JSONWriter()
        writer.object { object in
            object.field("collection", item.collection)
            object.key("row")
            object.object { row in
                for part in item.key {
                    row.key(part.column)
                    switch part.value {
                    case .integer(let number): row.integer(number)
                    default: row.string(part.value.jsonText)
                    }
                }
            }
            object.key("fields")
            object.strings(item.fields)
            object.field("action", item.action.rawValue)
            object.field("status", item.status.rawValue)
            object.field("due", item.due.map { $0.formatted(instants) })
            object.field("activity", item.activity)
            object.field("rule", item.rule)
            object.field("anchor", item.anchor)
            object.field("anchor_source", item.anchorSource)
            object.field("anchor_value", item.anchorValue.map { $0.formatted(instants) })
            object.field("explanation", item.explanation)
        }
        return writer.text
    }

}

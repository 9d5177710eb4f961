import Foundation
import Logging
import RegistreConnectors
import RegistreCore
import RegistreStore

/// Carrying out a right on the company's database, as the one-step commands, `registre request
/// run` and the server's `POST /v1/requests/{id}/run` all do it: the outcome's status and its JSON
/// summary.
public enum Rights {
    public struct Outcome: Sendable {
        /// `completed`, `partially_completed`, `no_data` or `failed`.
        public var status: String
        /// What is printed, and kept with a request once it is completed.
        public var json: String

        public init(status: String, json: String) {
            self.status = status
            self.json = json
        }

        /// The database did not take a change: the request stays in progress, to run again.
        public var hasFailed: Bool { status == "failed" }
        /// Something was kept or left, with why: the request is partially completed.
        public var isPartial: Bool { status == "partially_completed" }
    }

    /// What a request names the database and the files with.
    public struct Target: Sendable {
        /// The dataset file, as named in messages.
        public var datasets: String
        /// The database, as `--connection` gives it (`env:NAME` resolved when it is opened).
        public var connection: String

        /// Connections kept open between requests (the server's); none opens one per request.
        public var pool: ConnectorPool?

        public init(datasets: String, connection: String, pool: ConnectorPool? = nil) {
            self.datasets = datasets
            self.connection = connection
            self.pool = pool
        }

        /// Opens the database (read-only unless `writable`), or borrows a connection from the
        /// pool, and runs `body` with its connector.
        func withConnector<T: Sendable>(writable: Bool = false, _ body: (any Connector) async throws -> T) async throws -> T {
            if let pool { return try await pool.withConnector(writable: writable, body) }
            return try await ConnectionLocation(connection).withConnector(writable: writable, logger: .connector, body)
        }
    }

    /// The language of the access page: `requested` if the policy is written in it, else the
    /// policy's first; `option` names where it was asked, in the refusal.
    public static func language(_ requested: String?, of policy: Policy?, option: String) throws -> String {
        let languages = policy?.languages ?? ["en"]
        guard let requested else { return languages.first ?? "en" }
        guard languages.contains(requested) else {
            throw ConnectorError(code: "language-unknown", message: "\(option) \(requested): the policy is written in \(languages.joined(separator: ", "))")
        }
        return requested
    }

    /// Access (Art. 15): the export in `out`, with the page when a policy is given (rendered by
    /// `pages` when given, a renderer of the policy shared between requests).
    /// With `writesLooseFiles` false only the zip is written.
    public static func access(
        _ identities: [Identity], dataset: Dataset, target: Target, policy: Policy?, pages: AccessReportRenderer? = nil, language: String, out: String,
        writesLooseFiles: Bool = true
    ) async throws -> Outcome {
        let renderer = pages ?? policy.map(AccessReportRenderer.init(policy:))
        let page = renderer.map { renderer in { (report: AccessReport) in renderer.html(report, language: language) } }
        return try await export(.access, identities, dataset: dataset, target: target, policy: policy, out: out, page: page, writesLooseFiles: writesLooseFiles)
    }

    /// Portability (Art. 20): only what the person provided, under consent or a contract.
    public static func portability(
        _ identities: [Identity], dataset: Dataset, target: Target, policy: Policy, out: String, writesLooseFiles: Bool = true
    ) async throws -> Outcome {
        try await export(.portability, identities, dataset: dataset, target: target, policy: policy, out: out, page: nil, writesLooseFiles: writesLooseFiles)
    }

    private static func export(
        _ kind: SubjectExport.Kind, _ identities: [Identity], dataset: Dataset, target: Target, policy: Policy?, out: String,
        page: ((AccessReport) -> String)?, writesLooseFiles: Bool
    ) async throws -> Outcome {
        let (summary, queries) = try await target.withConnector { connector in
            let found = try await SubjectFinder(dataset: dataset, connector: connector).find(identities, keeping: .links)
            let summary = try await SubjectExport(kind: kind, dataset: dataset).write(
                found, policy: policy, reading: connector, to: URL(fileURLWithPath: out), page: page, writesLooseFiles: writesLooseFiles)
            return (summary, found.queries + summary.queries)
        }
        let status = summary.rows.isEmpty && summary.left.isEmpty ? "no_data" : "completed"
        var object: [String: Any] = [
            "status": status, "dataset": dataset.key, "collections": summary.rows, "rows": summary.rows.values.reduce(0, +),
            "queries": queries, "archive": summary.archive.path, "files": summary.files,
        ]
        if !summary.left.isEmpty { object["left_out"] = summary.left }
        if !summary.withheld.isEmpty { object["withheld"] = summary.withheld }
        return Outcome(status: status, json: try summaryJSON(object))
    }

    /// Rectification (Art. 16).
    public static func rectify(_ identities: [Identity], dataset: Dataset, target: Target, corrections: [String], filters: [String]) async throws -> Outcome {
        guard !corrections.isEmpty else { throw ConnectorError(code: "correction-missing", message: "give at least one --set COLLECTION.FIELD=VALUE") }
        let corrections = try corrections.map(Rectifier.Correction.init(argument:))
        let filters = try filters.map(Rectifier.Correction.init(argument:))
        let result = try await target.withConnector(writable: true) { connector in
            try await Rectifier(dataset: dataset, connector: connector).rectify(identities, corrections, only: filters)
        }
        let collections = result.collections.mapValues { entry -> [String: Any] in
            ["rows": entry.rows, "unchanged": entry.unchanged, "shared": entry.shared, "fields": entry.fields]
        }
        var object: [String: Any] = ["status": result.status, "dataset": dataset.key, "collections": collections, "failures": result.failures]
        if !result.notFound.isEmpty { object["not_found"] = result.notFound }
        return Outcome(status: result.status, json: try summaryJSON(object))
    }

    /// Erasure (Art. 17), refused before anything changes when the dataset check finds errors.
    /// Collections serving an activity under an active restriction of the person are kept.
    public static func erase(
        _ identities: [Identity], dataset: Dataset, target: Target, policy: Policy, secret: Data, limits: [ProcessingLimit]
    ) async throws -> Outcome {
        let activities = Set(policy.activities.map(\.id))
        let result = try await target.withConnector(writable: true) { connector in
            let problems = try await DatasetCheck(dataset: dataset, connector: connector, activities: activities).run().filter { $0.severity == .error }
            guard problems.isEmpty else {
                let listed = problems.prefix(5).map(\.description).joined(separator: "; ")
                throw ConnectorError(
                    code: "dataset-invalid",
                    message: "\(problems.count) error(s) in \(target.datasets) against this database, nothing was erased: \(listed)\(problems.count > 5 ? "; ..." : "")")
            }
            let restrictions = restricted(dataset, by: limits)
            let retained = Eraser.retained(by: policy, in: dataset).merging(restrictions) { _, restriction in restriction }
            let identitiesKept = restrictions.isEmpty ? nil : "kept while a restriction stands, so the restricted rows stay the person's and are found once it is lifted"
            return try await Eraser(dataset: dataset, connector: connector, retained: retained, secret: Array(secret), keepingIdentities: identitiesKept)
                .erase(identities)
        }
        var collections: [String: Any] = [:]
        for (name, entries) in result.collections {
            collections[name] = entries.map { entry -> [String: Any] in
                var object: [String: Any] = ["action": entry.action, "rows": entry.rows]
                if !entry.fields.isEmpty { object["fields"] = entry.fields }
                if !entry.keptFields.isEmpty { object["kept_fields"] = entry.keptFields }
                if let reason = entry.reason { object["reason"] = reason }
                return object
            }
        }
        let object: [String: Any] = ["status": result.status, "dataset": dataset.key, "collections": collections, "failures": result.failures]
        return Outcome(status: result.status, json: try summaryJSON(object))
    }

    /// The collections an active restriction keeps from erasure, with why (Art. 18(2): restricted
    /// data is only stored; lifting comes first, and the person is told).
    public static func restricted(_ dataset: Dataset, by limits: [ProcessingLimit]) -> [String: String] {
        var reasons: [String: String] = [:]
        for limit in limits where limit.kind == .restriction && limit.isActive {
            for collection in dataset.collections where collection.isPersonal {
                let covered = limit.activities.isEmpty ? nil : collection.activities.first(where: limit.covers)
                guard limit.activities.isEmpty || covered != nil else { continue }
                let scope = covered.map { "the activity '\($0)'" } ?? "all processing"
                reasons[collection.name] = reasons[collection.name] ?? """
                    restricted for \(scope) since \(LegalDeadline.day(of: limit.since)) (\(limit.ground); limit \(limit.id)): \
                    lift the restriction (registre request lift \(limit.id)) before erasing
                    """
            }
        }
        return reasons
    }
}

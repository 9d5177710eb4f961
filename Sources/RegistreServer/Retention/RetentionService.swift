import Foundation
import Logging
import RegistreConnectors
import RegistreCore
import RegistreStore
import ServiceLifecycle

/// When the server enforces retention by itself (`registre serve --retention-every 1h`).
public struct RetentionSchedule: Sendable {
    /// How often a pass runs; passes start on multiples of it since 1970, so that every server
    /// sharing a store opens the same pass.
    public var interval: Duration
    /// How long a claim lasts without news from its server; renewed after each committed page.
    public var lease: Duration
    /// This server's name in the claims: host, process and a random part.
    public var worker: String

    public init(interval: Duration, lease: Duration = .seconds(300), worker: String = RetentionSchedule.defaultWorker()) {
        self.interval = interval
        self.lease = lease
        self.worker = worker
    }

    /// `host:pid:random`.
    public static func defaultWorker() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
    }

    /// The start of the pass `date` falls in.
    public func passStart(containing date: Date) -> Date {
        let seconds = max(interval.timeInterval, 1)
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / seconds).rounded(.down) * seconds)
    }
}

/// Scheduled retention: at each pass, every collection of the dataset is a batch in the store;
/// this server claims batches one at a time (other servers on the same PostgreSQL store claim
/// others, `FOR UPDATE SKIP LOCKED`) and runs `registre retention run`'s work on each, at the
/// pass's instant: pages committed, read back, in the audit chain (`retention.applied`, actor
/// `server`), the claim renewed after each. A batch whose server dies is taken over once its
/// claim runs out; running it again is safe, what was done shows in the rows.
public struct RetentionService: Service {
    let store: any RegistreStore
    let policy: Policy
    let target: RequestRunner.Target
    let secret: Data
    let hasher: KeyedHasher
    let schedule: RetentionSchedule
    let readiness: StoreReadiness
    let logger: Logger

    public init(
        store: any RegistreStore, policy: Policy, target: RequestRunner.Target, secret: Data, hasher: KeyedHasher, schedule: RetentionSchedule,
        readiness: StoreReadiness = StoreReadiness(ready: true), logger: Logger = Logger(label: "registre.retention")
    ) {
        self.store = store
        self.policy = policy
        self.target = target
        self.secret = secret
        self.hasher = hasher
        self.schedule = schedule
        self.readiness = readiness
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await readiness.wait()
            var retry: TimeInterval = 5
            while !Task.isCancelled {
                let pass = schedule.passStart(containing: Date())
                let report = await runPass(at: pass)
                var next = pass.addingTimeInterval(schedule.interval.timeInterval)
                if report.stopped {
                    // The store went away: the pass is tried again well before the next one.
                    next = min(next, Date().addingTimeInterval(retry))
                    retry = min(retry * 2, 300)
                } else {
                    retry = 5
                }
                try? await Task.sleep(for: .seconds(max(next.timeIntervalSinceNow, 0.05)))
            }
        }
    }

    /// What one pass did, as this server saw it.
    public struct PassReport: Sendable {
        /// The batches this server ran, by collection, with their state.
        public var ran: [String: RetentionBatch.State] = [:]
        /// Rows changed by this server, by `collection action`.
        public var applied: [String: Int] = [:]
        /// True when the pass stopped before every batch was finished (the store failed).
        public var stopped = false
    }

    /// Opens the pass at `passAt` and runs batches until every one is finished (by this server
    /// or others). Failures are logged and recorded on the batch, never thrown: the next pass
    /// tries again.
    @discardableResult
    public func runPass(at passAt: Date) async -> PassReport {
        var report = PassReport()
        let dataset = target.dataset
        let batches = RetentionPlanner.stages(of: dataset).enumerated().flatMap { stage, names in
            names.map { RetentionBatch(passAt: passAt, dataset: dataset.key, collection: $0, stage: stage) }
        }
        do {
            try await store.openRetentionPass(batches)
            while !Task.isCancelled {
                let claim = try await store.claimRetentionBatch(
                    passAt: passAt, worker: schedule.worker, now: Date(), until: Date().addingTimeInterval(schedule.lease.timeInterval))
                switch claim {
                case .finished:
                    if !report.ran.isEmpty {
                        logger.info("retention pass finished", metadata: ["pass": .string(PlanDate.instant(passAt, in: target.dataset.dateTimeZone)), "applied": .string(Self.counts(report.applied))])
                    }
                    return report
                case .waiting:
                    // Another server holds a batch, or the stage before: look again shortly.
                    try await Task.sleep(for: .seconds(min(max(schedule.lease.timeInterval / 20, 0.05), 2)))
                case .claimed(let batch):
                    let (state, applied) = await runBatch(batch)
                    report.ran[batch.collection] = state
                    for (key, count) in applied { report.applied[key, default: 0] += count }
                }
            }
        } catch {
            report.stopped = !Task.isCancelled
            logger.warning(
                "retention pass stopped", metadata: ["pass": .string(PlanDate.instant(passAt, in: target.dataset.dateTimeZone)), "error": .string(StoreError.loggable(error))])
        }
        return report
    }

    /// Runs one claimed batch and records how it ended.
    func runBatch(_ batch: RetentionBatch) async -> (RetentionBatch.State, [String: Int]) {
        var applied: [String: Int] = [:]
        var state = RetentionBatch.State.failed
        var outcome = JSONWriter()
        do {
            let facts = try await RetentionFacts.load(from: store, hasher: hasher, at: batch.passAt)
            let result = try await target.names.withConnector(writable: true) { connector in
                try await withReader(beside: connector) { reader in
                    let planner = RetentionPlanner(policy: policy, dataset: target.dataset, connector: connector, reader: reader, facts: facts)
                    return try await RetentionExecutor(planner: planner, secret: Array(secret)).run(at: batch.passAt, only: batch.collection) { committed in
                        _ = try await store.appendAudit(committed.audit(dataset: batch.dataset, actor: "server", at: Date()))
                        try await store.renewRetentionClaim(batch, worker: schedule.worker, until: Date().addingTimeInterval(schedule.lease.timeInterval))
                    }
                }
            }
            applied = result.applied
            state = result.failures.isEmpty ? .done : .failed
            outcome.object { object in
                object.key("applied")
                object.counts(result.applied)
                object.key("failures")
                object.strings(result.failures)
                object.key("items")
                object.counts(result.summary.items)
            }
            if state == .failed {
                logger.warning("retention batch read back wrong", metadata: ["collection": .string(batch.collection), "failures": .string("\(result.failures.count)")])
            }
        } catch {
            logger.warning("retention batch failed", metadata: ["collection": .string(batch.collection), "error": .string(StoreError.loggable(error))])
            outcome.object { object in object.field("error", StoreError.loggable(error)) }
        }
        do {
            try await store.finishRetentionBatch(batch, worker: schedule.worker, state: state, outcome: outcome.text, at: Date())
        } catch {
            logger.warning("retention batch not recorded", metadata: ["collection": .string(batch.collection), "error": .string(StoreError.loggable(error))])
        }
        return (state, applied)
    }

    /// Runs `body` with a second connection of the pool to read through on PostgreSQL, so that
    /// one server process reads while another writes; with `writer` itself on SQLite.
    func withReader<T: Sendable>(beside writer: any Connector, _ body: (any Connector) async throws -> T) async throws -> T {
        guard case .postgres = try? ConnectionLocation(target.names.connection) else { return try await body(writer) }
        return try await target.names.withConnector(writable: false) { try await body($0) }
    }

    static func counts(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}

extension RetentionExecutor.Batch {
    /// The audit entry of one committed batch: counts and a digest of keys, never values.
    public func audit(dataset: String, actor: String, at date: Date) -> AuditDraft {
        var payload = JSONWriter()
        payload.object { object in
            object.field("dataset", dataset)
            object.field("collection", collection)
            object.key("rows")
            object.counts(rows)
            object.field("keys_sha256", keysDigest)
            object.key("failures")
            object.integer(Int64(failures.count))
        }
        return AuditDraft(actor: actor, action: "retention.applied", subject: nil, payload: payload.text, recordedAt: date)
    }
}

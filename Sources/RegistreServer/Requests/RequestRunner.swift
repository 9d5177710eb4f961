import Foundation
import RegistreConnectors
import RegistreCore
import RegistreStore

/// Carries out a request in progress on the company's database and records its result: what
/// `registre request run` and the server's `POST /v1/requests/{id}/run` both do. The rights act
/// through ``Rights``; restriction and objection become processing limits; a withdrawal of consent
/// becomes withdraw records in the consent ledger.
public struct RequestRunner: Sendable {
    /// The dataset and database requests act on; nil where none was given (then only restriction,
    /// objection and withdrawal of consent can run).
    public struct Target: Sendable {
        public var dataset: Dataset
        public var names: Rights.Target

        public init(dataset: Dataset, names: Rights.Target) {
            self.dataset = dataset
            self.names = names
        }
    }

    /// What one run is given beside the request.
    public struct Instructions: Sendable {
        /// For a rectification: replaces the corrections the request holds.
        public var corrections: [String] = []
        public var filters: [String] = []
        /// For access and portability: the folder the export is written into.
        public var out: String?
        /// The access page's language; the policy's first by default.
        public var language: String?
        /// For access and portability: write the loose JSON, CSV and HTML files beside the zip
        /// (the command line does; the server keeps the zip alone).
        public var writesLooseFiles: Bool

        public init(corrections: [String] = [], filters: [String] = [], out: String? = nil, language: String? = nil, writesLooseFiles: Bool = true) {
            self.corrections = corrections
            self.filters = filters
            self.out = out
            self.language = language
            self.writesLooseFiles = writesLooseFiles
        }
    }

    let desk: RequestDesk
    let store: any RegistreStore
    /// The store's secret: the key of keyed-hash masking, and of the consent ledger's hashes.
    let secret: Data
    let policy: Policy?
    /// Renders the access page across runs (the server's); nil, ``Rights/access`` makes one from
    /// the policy for the run.
    let pages: AccessReportRenderer?
    /// The target, loaded only when the request needs one (so a request that cannot run says
    /// why before a dataset file is read).
    let target: @Sendable () throws -> Target?
    /// What the audit chain records as the one who ran it.
    let actor: String
    /// Names the options the command line or the API takes, for messages.
    let naming: @Sendable (String) -> String
    /// How long a run's claim holds without being renewed; renewed every third of it.
    let lease: TimeInterval

    public init(
        desk: RequestDesk, store: any RegistreStore, secret: Data, policy: Policy?, pages: AccessReportRenderer? = nil,
        target: @escaping @Sendable () throws -> Target?, actor: String,
        naming: @escaping @Sendable (String) -> String = { $0 }, lease: TimeInterval = RequestRunner.runLease
    ) {
        self.desk = desk
        self.store = store
        self.secret = secret
        self.policy = policy
        self.pages = pages
        self.target = target
        self.actor = actor
        self.naming = naming
        self.lease = lease
    }

    /// How long a run's claim holds by default when its server stops without releasing it or
    /// renewing it.
    public static let runLease: TimeInterval = 15 * 60

    /// Runs request `id`, then completes it (partially when something was kept or left, with why).
    /// A failed erasure or rectification leaves it in progress, to run again. The run is claimed
    /// in the store first: while one server or command runs a request, another gets
    /// `run-in-progress`, whichever process it is. The claim is renewed every third of the
    /// lease while the run lasts, so a long run keeps it. Should it be taken over all the same
    /// (this process stalled beyond the lease), the run goes on to its end and answers what it
    /// did: stopping it would not undo a change already committed, only leave it unreported
    /// (erasure and rectification are idempotent, so a second run elsewhere changes nothing
    /// more). `claimed` is called once the claim is held, before anything is carried out (the
    /// server makes the export's folder there).
    public func run(
        _ id: Int64, _ instructions: Instructions, at date: Date = Date(), claimed: () throws -> Void = {}
    ) async throws -> (request: SubjectRequest, outcome: Rights.Outcome) {
        _ = try await desk.request(id)  // an unknown request is request-unknown, not a failed claim
        let owner = "\(actor)-\(UUID().uuidString.lowercased())"
        let now = Date()
        guard try await store.claimRequestRun(id, owner: owner, now: now, until: now.addingTimeInterval(lease)) else {
            throw RequestDesk.Refusal(code: "run-in-progress", message: "request \(id) is being run elsewhere; wait for that run's answer")
        }
        do {
            try claimed()
            let answer = try await withThrowingTaskGroup(of: (request: SubjectRequest, outcome: Rights.Outcome)?.self) { group in
                group.addTask { try await carryOut(id, instructions, at: date) }
                group.addTask {
                    try await keepClaim(id, owner: owner)
                    return nil
                }
                defer { group.cancelAll() }
                while let finished = try await group.next() {
                    if let answer = finished { return answer }
                }
                preconditionFailure("the run's task group ended without the run")
            }
            try? await store.releaseRequestRun(id, owner: owner)
            return answer
        } catch {
            try? await store.releaseRequestRun(id, owner: owner)
            throw error
        }
    }

    /// Renews `owner`'s claim on request `id` every third of the lease until cancelled. A renewal
    /// the store could not make is tried again at the next third (the claim still holds for two);
    /// a claim found in another's hands is left to it.
    private func keepClaim(_ id: Int64, owner: String) async throws {
        while true {
            try await Task.sleep(for: .seconds(lease / 3))
            let now = Date()
            do {
                guard try await store.claimRequestRun(id, owner: owner, now: now, until: now.addingTimeInterval(lease)) else { return }
            } catch where !(error is CancellationError) && !Task.isCancelled {
                continue
            }
        }
    }

    private func carryOut(_ id: Int64, _ instructions: Instructions, at date: Date) async throws -> (request: SubjectRequest, outcome: Rights.Outcome) {
        let request = try await desk.request(id)
        guard request.state == .inProgress else {
            throw RequestDesk.Refusal(
                code: "state-invalid", message: "request \(id) is \(request.state.rawValue); only a request in progress can be run (confirm the identity first)")
        }
        guard instructions.filters.isEmpty || !instructions.corrections.isEmpty else {
            throw RequestDesk.Refusal(code: "where-alone", message: "\(naming("--where")) goes with \(naming("--set"))")
        }
        let details = try desk.details(of: request)
        let identities = try details.identities.map(Identity.init(argument:))
        func needed<T>(_ value: T?, _ option: String) throws -> T {
            guard let value else { throw RequestDesk.Refusal(code: "option-missing", message: "a request for \(request.right.rawValue) needs \(naming(option))") }
            return value
        }
        func target() throws -> Target { try needed(try self.target(), "--datasets and --connection") }
        let limits = desk.limits
        let outcome: Rights.Outcome
        switch request.right {
        case .access:
            let target = try target()
            outcome = try await Rights.access(
                identities, dataset: target.dataset, target: target.names, policy: policy, pages: pages, language: try language(instructions.language),
                out: try needed(instructions.out, "--out"), writesLooseFiles: instructions.writesLooseFiles)
        case .portability:
            let target = try target()
            outcome = try await Rights.portability(
                identities, dataset: target.dataset, target: target.names, policy: try needed(policy, "--policy"), out: try needed(instructions.out, "--out"),
                writesLooseFiles: instructions.writesLooseFiles)
        case .rectification:
            let (corrections, filters) = instructions.corrections.isEmpty ? (details.corrections, details.filters) : (instructions.corrections, instructions.filters)
            guard !corrections.isEmpty else {
                throw RequestDesk.Refusal(
                    code: "correction-missing",
                    message: "request \(id) holds no correction, only the person's description; give them with \(naming("--set")) COLLECTION.FIELD=VALUE")
            }
            let target = try target()
            outcome = try await Rights.rectify(identities, dataset: target.dataset, target: target.names, corrections: corrections, filters: filters)
        case .erasure:
            let target = try target()
            outcome = try await Rights.erase(
                identities, dataset: target.dataset, target: target.names, policy: try needed(policy, "--policy"), secret: secret,
                limits: try await limits.active(for: identities.map(\.description)))
        case .restriction:
            let limit = try await limits.restrict(
                identities: identities.map(\.description), activities: details.activities, ground: try needed(details.ground, "a ground"),
                note: details.reason, request: request.id, policy: try needed(policy, "--policy"), at: date, actor: actor)
            outcome = Rights.Outcome(status: "completed", json: try summaryJSON(["status": "completed", "limit": limit.summary]))
        case .withdrawConsent:
            let ledger = ConsentLedger(policy: try needed(policy, "--policy"), store: store, hasher: try KeyedHasher(secret: secret))
            let records = try await ledger.withdraw(subjectIDs: identities.map(\.value), purposes: details.activities, request: request.id, at: date)
            outcome = Rights.Outcome(status: "completed", json: try summaryJSON([
                "status": "completed", "withdrawn": records.first?.draft.refused ?? [], "consent_records": records.map(\.id),
            ]))
        case .objection:
            let limit = try await limits.object(
                identities: identities.map(\.description), activities: details.activities, reason: details.reason, request: request.id,
                policy: try needed(policy, "--policy"), at: date, actor: actor)
            outcome = Rights.Outcome(status: "completed", json: try summaryJSON(["status": "completed", "limit": limit.summary]))
        }
        guard !outcome.hasFailed else { return (request, outcome) }
        let answered = try await desk.complete(id, partially: outcome.isPartial, result: outcome.json, at: date, actor: actor)
        return (answered, outcome)
    }

    /// The language of the access page: `requested` if the policy is written in it, else the policy's first.
    func language(_ requested: String?) throws -> String {
        try Rights.language(requested, of: policy, option: naming("--lang"))
    }
}

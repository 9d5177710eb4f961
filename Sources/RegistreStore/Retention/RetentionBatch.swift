import Foundation

/// One collection's share of a scheduled retention pass. Every server sharing a store opens the
/// same pass (its instant is the start of the current interval) and claims batches one at a time
/// until none is left: on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so two servers never claim
/// the same batch and neither waits for the other. A claim lasts until `claimedUntil`, renewed as
/// the work goes; one that runs out (its server died) is claimed again by another. Batches of a
/// later stage wait until every earlier stage of their dataset is finished, so that rows referring
/// to others are deleted first.
public struct RetentionBatch: Sendable, Hashable {
    public enum State: String, Sendable, CaseIterable {
        case pending, claimed, done, failed

        /// True once nothing more will be done to the batch in this pass.
        public var isFinished: Bool { self == .done || self == .failed }
    }

    /// The batch's number in the store; 0 before it is stored.
    public var id: Int64
    /// The pass's instant: the date retention is planned at.
    public var passAt: Date
    /// The dataset's `fides_key`.
    public var dataset: String
    public var collection: String
    /// The batch's place in the dataset's deletion order: stage 0 first.
    public var stage: Int
    public var state: State
    /// The server working on it, or the last one that did.
    public var worker: String?
    /// When the claim runs out unless renewed.
    public var claimedUntil: Date?
    /// How many times it was claimed (more than once when a server stopped halfway).
    public var attempts: Int
    public var finishedAt: Date?
    /// What was done (rows by action) or why it failed, as JSON.
    public var outcome: String?

    public init(
        id: Int64 = 0, passAt: Date, dataset: String, collection: String, stage: Int, state: State = .pending, worker: String? = nil,
        claimedUntil: Date? = nil, attempts: Int = 0, finishedAt: Date? = nil, outcome: String? = nil
    ) {
        self.id = id
        self.passAt = passAt
        self.dataset = dataset
        self.collection = collection
        self.stage = stage
        self.state = state
        self.worker = worker
        self.claimedUntil = claimedUntil
        self.attempts = attempts
        self.finishedAt = finishedAt
        self.outcome = outcome
    }

    /// What a claim finds.
    public enum Claim: Sendable, Hashable {
        /// A batch, now the worker's.
        case claimed(RetentionBatch)
        /// Batches are left, but other servers hold them or their earlier stages: try again soon.
        case waiting
        /// Every batch of the pass is finished.
        case finished
    }
}

extension RetentionBatch {
    /// A batch as both back ends store it.
    init(
        stored id: Int64, passAt: Int64, dataset: String, collection: String, stage: Int, state: String, worker: String?, claimedUntil: Int64?,
        attempts: Int, finishedAt: Int64?, outcome: String?
    ) throws {
        guard let state = State(rawValue: state) else {
            throw StoreError(code: "batch-unreadable", message: "retention batch \(id) has a state Registre does not know ('\(state)')")
        }
        self.init(
            id: id, passAt: Date(millisecondsSince1970: passAt), dataset: dataset, collection: collection, stage: stage, state: state, worker: worker,
            claimedUntil: claimedUntil.map(Date.init(millisecondsSince1970:)), attempts: attempts,
            finishedAt: finishedAt.map(Date.init(millisecondsSince1970:)), outcome: outcome)
    }
}

extension StoreError {
    /// The worker no longer holds the batch's claim: it ran out and another server took it.
    static func claimLost(_ batch: RetentionBatch, worker: String) -> StoreError {
        StoreError(
            code: "claim-lost",
            message: "retention batch \(batch.id) (\(batch.dataset).\(batch.collection)) is no longer claimed by \(worker): its claim ran out and another server took it over")
    }
}

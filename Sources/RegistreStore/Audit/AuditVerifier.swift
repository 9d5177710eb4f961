/// Walks the audit chain and reports the first entry that was altered, removed or reordered.
public struct AuditVerifier: Sendable {
    /// What the walk found.
    public struct Result: Sendable, Hashable {
        /// The entries checked before stopping.
        public var checked: Int64
        /// The hash of the last good entry.
        public var head: String
        /// The first problem, or nil when the chain is whole.
        public var problem: Problem?
    }

    /// A break in the chain.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The sequence number where the chain breaks.
        public var sequence: Int64
        /// What is wrong there.
        public var reason: String
        public var description: String { "entry \(sequence): \(reason)" }
    }

    let store: any RegistreStore
    let pageSize: Int

    /// Creates a verifier that reads `pageSize` entries at a time.
    public init(store: any RegistreStore, pageSize: Int = 1000) {
        self.store = store
        self.pageSize = pageSize
    }

    /// Checks the whole chain.
    public func verify() async throws -> Result {
        var expectedSequence: Int64 = 1
        var previousHash = AuditChain.genesis
        while true {
            let page = try await store.auditEntries(after: expectedSequence - 1, limit: pageSize)
            if page.isEmpty { return Result(checked: expectedSequence - 1, head: previousHash, problem: nil) }
            for entry in page {
                if entry.sequence != expectedSequence {
                    return Result(checked: expectedSequence - 1, head: previousHash, problem: Problem(
                        sequence: expectedSequence,
                        reason: "missing: the chain jumps from \(expectedSequence - 1) to \(entry.sequence), an entry was removed"))
                }
                if entry.previousHash != previousHash {
                    return Result(checked: expectedSequence - 1, head: previousHash, problem: Problem(
                        sequence: entry.sequence,
                        reason: "does not follow the entry before it: entries were removed, reordered or rewritten"))
                }
                if AuditChain.hash(sequence: entry.sequence, draft: entry.draft, previousHash: entry.previousHash) != entry.hash {
                    return Result(checked: expectedSequence - 1, head: previousHash, problem: Problem(
                        sequence: entry.sequence, reason: "altered: its content no longer matches its hash"))
                }
                previousHash = entry.hash
                expectedSequence += 1
            }
        }
    }
}

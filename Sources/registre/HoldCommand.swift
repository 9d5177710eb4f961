import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreStore

/// `registre hold add|list|release`: legal holds, which stop retention from deleting or
/// anonymising what they cover.
struct HoldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold",
        abstract: "Place, list and release legal holds: data retention must not delete while they last.",
        subcommands: [Add.self, List.self, Release.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Hold a person's data, a collection or a whole dataset, with a reason and an optional end.",
            discussion: """
                Give exactly one of --identity (type=value: the person's rows across the dataset), \
                --collection DATASET.COLLECTION or --dataset DATASET (its fides_key). Retention plans show \
                the actions a hold stops as "held", with its reason. Prints the hold as JSON.
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "A person: type=value, such as email=jeanne@exemple.fr.")
        var identity: String?

        @Option(help: "A collection: DATASET.COLLECTION, such as shop.customer_order.")
        var collection: String?

        @Option(help: "A whole dataset, by its fides_key.")
        var dataset: String?

        @Option(help: "Why: litigation, an investigation, an authority's request.")
        var reason: String

        @Option(help: "When the hold ends by itself (2027-06-30); without it, it lasts until released.")
        var until: String?

        @Option(help: "The Fides dataset file to check --collection or --dataset against: a misspelt name would hold nothing.")
        var datasets: String?

        func run() async throws {
            let (identity, collection, dataset, reason, until) = (identity, collection, dataset, reason, until)
            let described = try datasets.map { try SubjectOptions.dataset(at: $0) }
            let datasets = self.datasets
            try await store.withDesk { _, store, secret in
                let now = Date()
                let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty, reason.count <= 500 else {
                    throw StoreError(code: "reason-invalid", message: "--reason must say why, in at most 500 characters")
                }
                let end = try until.map { try SubjectEvent.instant($0) }
                if let end, end <= now {
                    throw StoreError(code: "until-past", message: "--until \(until ?? "") is not after now; a hold that has ended holds nothing")
                }
                let hold: LegalHold
                switch (identity, collection, dataset) {
                case (let identity?, nil, nil):
                    let parsed = try Identity(argument: identity)
                    hold = LegalHold(
                        scope: .subject, identityType: parsed.type, subjectHash: try KeyedHasher(secret: secret).hash(parsed.description, kind: LegalHold.hashKind),
                        reason: reason, until: end, createdAt: now)
                case (nil, let collection?, nil):
                    let parts = collection.split(separator: ".", maxSplits: 1).map(String.init)
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        throw StoreError(code: "collection-invalid", message: "--collection is DATASET.COLLECTION, such as shop.customer_order; found '\(collection.prefix(80))'")
                    }
                    try Self.check(dataset: parts[0], collection: parts[1], in: described, file: datasets)
                    hold = LegalHold(scope: .collection, dataset: parts[0], collection: parts[1], reason: reason, until: end, createdAt: now)
                case (nil, nil, let dataset?):
                    try Self.check(dataset: dataset, collection: nil, in: described, file: datasets)
                    hold = LegalHold(scope: .dataset, dataset: dataset, reason: reason, until: end, createdAt: now)
                default:
                    throw StoreError(code: "scope-invalid", message: "give exactly one of --identity, --collection and --dataset")
                }
                let stored = try await store.insertHold(hold) { stored in
                    var payload = JSONWriter()
                    payload.object { object in
                        object.field("scope", stored.scope.rawValue)
                        object.field("dataset", stored.dataset)
                        object.field("collection", stored.collection)
                        object.field("reason", stored.reason)
                        object.key("until")
                        if let until = stored.until { object.date(until) } else { object.null() }
                    }
                    return AuditDraft(actor: "cli", action: "hold.placed", subject: stored.subjectHash, payload: payload.text, recordedAt: now)
                }
                print(try summaryJSON(Self.summary(stored)))
            }
        }

        static func summary(_ hold: LegalHold) -> [String: Any] {
            var object: [String: Any] = ["id": hold.id, "scope": hold.scope.rawValue, "reason": hold.reason, "created_at": PlanDate.instant(hold.createdAt, in: SubjectEvent.defaultTimeZone)]
            if let type = hold.identityType { object["identity_type"] = type }
            if let dataset = hold.dataset { object["dataset"] = dataset }
            if let collection = hold.collection { object["collection"] = collection }
            if let until = hold.until { object["until"] = PlanDate.instant(until, in: SubjectEvent.defaultTimeZone) }
            if let released = hold.releasedAt { object["released_at"] = PlanDate.instant(released, in: SubjectEvent.defaultTimeZone) }
            return object
        }

        /// Refuses a dataset or collection that `described` (the file `--datasets` names) does not have.
        static func check(dataset: String, collection: String?, in described: Dataset?, file: String?) throws {
            guard let described, let file else { return }
            guard described.key == dataset else {
                throw StoreError(code: "dataset-unknown", message: "\(file) describes the dataset '\(described.key)', not '\(dataset.prefix(80))'")
            }
            if let collection, described.collection(collection) == nil {
                let names = described.collections.map(\.name).sorted().joined(separator: ", ")
                throw StoreError(code: "collection-unknown", message: "\(file) has no collection '\(collection.prefix(80))' in \(dataset) (it has \(names))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the holds not released, as JSON.")

        @OptionGroup var store: StoreOptions

        @Flag(help: "Include released holds.")
        var all = false

        func run() async throws {
            let all = self.all
            try await store.withDesk { _, store, _ in
                let holds = try await store.holds(includeReleased: all)
                print(try summaryJSON(["holds": holds.map(Add.summary)]))
            }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Release a hold: retention applies again to what it covered.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The hold's number.")
        var id: Int64

        func run() async throws {
            let id = self.id
            try await store.withDesk { _, store, _ in
                let now = Date()
                try await store.releaseHold(id: id, at: now, audit: AuditDraft(actor: "cli", action: "hold.released", subject: nil, payload: "{\"id\":\(id)}", recordedAt: now))
                print(try summaryJSON(["id": id, "released": true]))
            }
        }
    }
}

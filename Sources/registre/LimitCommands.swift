import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreStore

/// `registre request limits|lift`: the restrictions (Art. 18) and objections (Art. 21) standing
/// for a person, and lifting one.
extension RequestCommand {
    struct Limits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "limits",
            abstract: "Show the restrictions and objections standing for a person and, with --policy, what each activity may still do.",
            discussion: "Prints JSON. Exit status: 0 shown, 2 bad input or an unreachable store."
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("identity"), help: "type=value, such as email=jeanne@exemple.fr; repeatable.")
        var identities: [String] = []

        @Option(help: "The policy file: adds the verdict for each of its activities.")
        var policy: String?

        @Flag(help: "Lifted limits too.")
        var all = false

        func run() async throws {
            try await store.withDesk { desk, store, _ in
                guard !identities.isEmpty else { throw ConnectorError(code: "identity-missing", message: "give at least one --identity type=value") }
                let normalized = try identities.map { try Identity(argument: $0).description }
                let limits = try await store.limits(identityHashes: normalized.map(desk.limits.identityHash), includeLifted: all)
                var object: [String: Any] = ["limits": limits.map(\.summary)]
                if let policy { object["activities"] = ProcessingLimits.verdicts(limits, policy: try SubjectOptions.policy(policy)).map(\.summary) }
                print(try summaryJSON(object))
            }
        }
    }

    struct Lift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lift",
            abstract: "Lift a restriction or an objection, with the reasons the person was told before (Art. 18(3)).")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The limit's number (request limits shows it).")
        var id: Int64

        @Option(help: "Why, as the person was told.")
        var reason: String

        func run() async throws {
            try await store.withDesk { desk, _, _ in
                let limit = try await desk.limits.lift(id, reason: reason, at: Date(), actor: "cli")
                print(try summaryJSON(limit.summary))
            }
        }
    }
}

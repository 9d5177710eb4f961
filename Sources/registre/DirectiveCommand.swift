import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreStore

/// `registre directive record|list|revoke|apply`: post-mortem directives (French Data Protection
/// Act, art. 85).
struct DirectiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directive",
        abstract: "Record a person's directives for their data after their death (art. 85), and carry them out when the death is notified.",
        subcommands: [Record.self, List.self, Revoke.self, Apply.self]
    )

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record a directive: keep, erase, or communicate the person's data after their death, carried out by the executor named.",
            discussion: """
                Identities are kept as keyed hashes, the executor, recipient and note sealed. Prints the \
                directive as JSON. Exit status: 0 recorded, 2 bad input or an unreachable store.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("identity"), help: "type=value, such as email=jeanne@exemple.fr; repeatable.")
        var identities: [String] = []

        @Option(help: "keep, erase or communicate.")
        var instruction: PostMortemDirective.Instruction

        @Option(help: "Who carries it out once the death is notified, such as 'Marie Dupont <marie@exemple.fr>'.")
        var executor: String

        @Option(help: "For communicate: to whom the data goes.")
        var recipient: String?

        @Option(help: "The person's own words.")
        var note: String?

        func run() async throws {
            try await store.withDesk { desk, _, _ in
                let identities = try DirectiveCommand.identities(self.identities)
                let directive = try await desk.recordDirective(
                    instruction, identities: identities, executor: executor, recipient: recipient, note: note, at: Date(), actor: "cli")
                print(try summaryJSON(directive.summary(details: try desk.details(of: directive))))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Show a person's directives, with what they say.", discussion: "Prints JSON. Exit status: 0, 2 bad input.")

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("identity"), help: "type=value; repeatable.")
        var identities: [String] = []

        @Flag(help: "Withdrawn and carried-out directives too.")
        var all = false

        func run() async throws {
            try await store.withDesk { desk, _, _ in
                let found = try await desk.directives(for: try DirectiveCommand.identities(identities), includeClosed: all)
                print(try summaryJSON(try found.map { $0.summary(details: try desk.details(of: $0)) }))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Withdraw a directive, as the person may at any time.", discussion: "Exit status: 0, 2 unknown or no longer active.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The directive's number.")
        var id: Int64

        @Option(help: "Why, if the person said.")
        var reason: String?

        func run() async throws {
            try await store.withDesk { desk, _, _ in
                print(try summaryJSON(try await desk.revokeDirective(id, reason: reason, at: Date(), actor: "cli").summary()))
            }
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "The person died: carry out their directives, opening the erasure or access request each calls for.",
            discussion: """
                Check the proof of death and who notifies it first. An erase directive opens an erasure \
                request, a communicate directive an access request whose answer goes to its recipient, \
                both in progress with their month running; a keep directive opens none. Run them with \
                request run. With no directive, prints none and what the heirs may still ask (art. 85 II). \
                Exit status: 0, 2 bad input.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("identity"), help: "type=value; repeatable.")
        var identities: [String] = []

        @Option(help: "Who notified the death, such as 'Marie Dupont, executor, death certificate of 2 March 2027'.")
        var notifiedBy: String

        func run() async throws {
            try await store.withDesk { desk, _, _ in
                let applied = try await desk.applyDirectives(for: try DirectiveCommand.identities(identities), notifiedBy: notifiedBy, at: Date(), actor: "cli")
                var object: [String: Any] = ["applied": try applied.map { $0.summary(details: try desk.details(of: $0)) }]
                if applied.isEmpty { object["note"] = RequestDesk.heirsWithoutDirective }
                print(try summaryJSON(object))
            }
        }
    }

    /// The identities given, normalised; at least one.
    static func identities(_ arguments: [String]) throws -> [String] {
        guard !arguments.isEmpty else { throw ConnectorError(code: "identity-missing", message: "give at least one --identity type=value") }
        return try arguments.map { try Identity(argument: $0).description }
    }
}

extension PostMortemDirective.Instruction: ExpressibleByArgument {}

import ArgumentParser
import Foundation
import RegistreConnectors
import RegistreCore
import RegistreServer
import RegistreStore

/// `registre request open|list|show|confirm|extend|refuse|cancel|run`: data subject requests kept
/// in Registre's store, with their deadlines, from receipt to answer.
extension RequestCommand {
    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Record a request received today; its month starts once the identity is confirmed.",
            discussion: "Prints the request as JSON. Exit status: 0 recorded, 2 bad input or an unreachable store."
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "The right exercised: \(SubjectRight.allCases.map(\.rawValue).joined(separator: ", ")).")
        var right: String

        @Option(name: .customLong("identity"), help: "type=value, such as email=jeanne@exemple.fr; repeatable.")
        var identities: [String] = []

        @Option(name: .customLong("set"), help: "For a rectification: COLLECTION.FIELD=VALUE; repeatable.")
        var corrections: [String] = []

        @Option(name: .customLong("where"), help: "For a rectification: COLLECTION.FIELD=VALUE naming the row meant; repeatable.")
        var filters: [String] = []

        @Option(name: .customLong("activity"), help: "For a restriction (all activities when none is named), an objection, or a withdrawal of consent (every consent-based purpose when none is named): an activity of the policy; repeatable.")
        var activities: [String] = []

        @Option(help: "For a restriction, its ground (Art. 18(1)): \(ProcessingLimits.RestrictionGround.allCases.map(\.rawValue).joined(separator: ", ")).")
        var ground: String?

        @Option(help: "The person's own reasons: for an objection to an activity under legitimate interests or a public task, the grounds relating to their situation (Art. 21(1)).")
        var reason: String?

        @Flag(help: "The person's identity was checked on receipt: the month starts today.")
        var verified = false

        func run() async throws {
            try await store.withDesk { desk, _, _ in
                guard let right = SubjectRight(rawValue: right) else {
                    throw RequestDesk.Refusal(code: "right-unknown", message: "--right \(right): one of \(SubjectRight.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                for correction in corrections + filters { _ = try Rectifier.Correction(argument: correction) }
                let ground = try ground.map { text in
                    guard let ground = ProcessingLimits.RestrictionGround(rawValue: text) else {
                        throw RequestDesk.Refusal(
                            code: "ground-unknown", message: "--ground \(text): one of \(ProcessingLimits.RestrictionGround.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return ground
                }
                let identities = try identities.map { try Identity(argument: $0).description }
                let details = RequestDetails(
                    identities: identities, corrections: corrections, filters: filters, activities: activities, ground: ground, reason: reason)
                let request = try await desk.open(right, details: details, verified: verified, at: Date(), actor: "cli")
                print(try RequestCommand.json(request))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the open requests by deadline, the nearest first (with --all, closed ones too)."
        )

        @OptionGroup var store: StoreOptions

        @Flag(help: "Closed requests too.")
        var all = false

        @Option(help: "table or json.")
        var format: String = "table"

        func run() async throws {
            try await store.withDesk { _, store, _ in
                guard ["table", "json"].contains(format) else { throw RequestDesk.Refusal(code: "format-unknown", message: "--format \(format): table or json") }
                let requests = try await store.requests(includeClosed: all)
                if format == "json" {
                    print("[" + (try requests.map { try RequestCommand.json($0) }).joined(separator: ",") + "]")
                    return
                }
                let today = LegalDeadline.day(of: Date())
                func line(_ cells: [String]) -> String {
                    cells.map { $0.padding(toLength: 20, withPad: " ", startingAt: 0) }.joined().trimmingCharacters(in: .whitespaces)
                }
                print(line(["ID", "RIGHT", "STATE", "RECEIVED", "DEADLINE"]))
                for request in requests {
                    let cells = [
                        String(request.id), request.right.rawValue, request.state.rawValue, LegalDeadline.day(of: request.receivedAt).description,
                        request.deadline.map { $0.description + (request.extendedTo != nil ? " (ext.)" : "") } ?? "-",
                        request.isOverdue(on: today) ? "OVERDUE" : "",
                    ]
                    print(line(cells))
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one request, with the identities and corrections it holds.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The request's number.")
        var id: Int64

        func run() async throws {
            try await store.withDesk { desk, store, _ in
                let request = try await desk.request(id)
                var summary = request.summary(details: try desk.details(of: request))
                summary["status_path"] = RightsPortal.statusPath(desk.statusToken(of: id))
                if let proof = try await desk.proofKept(of: id) { summary["identity_proof"] = proof.summary }
                print(try summaryJSON(summary))
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm", abstract: "Record that the person's identity is confirmed: the request is in progress and its month starts today.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The request's number.")
        var id: Int64

        func run() async throws {
            try await store.withDesk { desk, _, _ in print(try RequestCommand.json(try await desk.confirmIdentity(id, at: Date(), actor: "cli"))) }
        }
    }

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract: "Extend the deadline by two months, once, within the first month, with the reasons told to the person (Art. 12(3)).")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The request's number.")
        var id: Int64

        @Option(help: "Why (the complexity and number of requests), as the person is told.")
        var reason: String

        func run() async throws {
            try await store.withDesk { desk, _, _ in print(try RequestCommand.json(try await desk.extend(id, reason: reason, at: Date(), actor: "cli"))) }
        }
    }

    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refuse",
            abstract: "Refuse a request with its reasons; the answer tells the person they may complain to the authority (Art. 12(4)).")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The request's number.")
        var id: Int64

        @Option(help: "Why, as the person is told.")
        var reason: String

        func run() async throws {
            try await store.withDesk { desk, _, _ in print(try RequestCommand.json(try await desk.refuse(id, reason: reason, at: Date(), actor: "cli"))) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a request (withdrawn by the person, a duplicate).")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The request's number.")
        var id: Int64

        @Option(help: "Why.")
        var reason: String

        func run() async throws {
            try await store.withDesk { desk, _, _ in print(try RequestCommand.json(try await desk.cancel(id, reason: reason, at: Date(), actor: "cli"))) }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Carry out a request in progress on the company's database and record its result.",
            discussion: """
                Does what the one-step commands do (access, portability, rectify, erasure) with the \
                identities and corrections the request holds, then completes the request (partially when \
                something was kept or left, with why). A restriction or an objection is recorded as a \
                processing limit; a withdrawal of consent as a withdraw record in the consent ledger for \
                each of the person's identities, as the subject_id the company's systems record consent \
                under. A failed erasure or rectification leaves the request in progress, to run again. Prints the request and the result as JSON. Exit \
                status: 0 done, 1 failed, 2 bad input, a request not in progress, or an unreachable database.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The request's number.")
        var id: Int64

        @Option(help: "The Fides dataset file describing the database (not for restriction, objection and withdraw_consent).")
        var datasets: String?

        @Option(help: "The database: sqlite:PATH or a file path, postgres://user@host:port/db, or env:NAME (not for restriction, objection and withdraw_consent).")
        var connection: String?

        @Option(help: "The policy file (needed for portability, erasure, restriction, objection and withdraw_consent; gives access its page).")
        var policy: String?

        @Option(help: "For access and portability: the folder to write the export into.")
        var out: String?

        @Option(name: .customLong("lang"), help: "The access page's language; the policy's first by default.")
        var language: String?

        @Option(
            name: .customLong("set"),
            help: "For a rectification: COLLECTION.FIELD=VALUE, repeatable; replaces the corrections the request holds (one asked through the portal holds only the person's description).")
        var corrections: [String] = []

        @Option(name: .customLong("where"), help: "For a rectification, with --set: COLLECTION.FIELD=VALUE naming the row meant; repeatable.")
        var filters: [String] = []

        func run() async throws {
            let failed = try await store.withDesk { desk, store, secret -> Bool in
                let (datasets, connection) = (datasets, connection)
                let target = { @Sendable () throws -> RequestRunner.Target? in
                    try datasets.map { datasets in
                        guard let connection else { throw RequestDesk.Refusal(code: "option-missing", message: "--datasets goes with --connection") }
                        return RequestRunner.Target(dataset: try SubjectOptions.dataset(at: datasets), names: Rights.Target(datasets: datasets, connection: connection))
                    }
                }
                let runner = RequestRunner(desk: desk, store: store, secret: secret, policy: try policy.map(SubjectOptions.policy), target: target, actor: "cli")
                let (answered, outcome) = try await runner.run(
                    id, RequestRunner.Instructions(corrections: corrections, filters: filters, out: out, language: language))
                print(#"{"request":"# + (try RequestCommand.json(answered)) + #","result":"# + outcome.json + "}")
                return outcome.hasFailed
            }
            if failed { throw ExitCode(1) }
        }
    }

    /// A request as the commands print it; `details` adds what it asks.
    static func json(_ request: SubjectRequest, details: RequestDetails? = nil) throws -> String {
        try summaryJSON(request.summary(details: details))
    }
}

extension StoreOptions {
    /// Runs `body` with a request desk on the store and the store's secret; bad input, a refused
    /// change or an unreachable store prints what and why and exits 2.
    func withDesk<T: Sendable>(_ body: @Sendable @escaping (RequestDesk, any RegistreStore, Data) async throws -> T) async throws -> T {
        let location = try location()
        let secret = try secret(for: location)
        return try await SubjectOptions.exitingOnBadInput {
            try await location.withStore(logger: makeLogger()) { store in
                try await store.migrate()
                return try await body(try RequestDesk(store: store, secret: secret), store, secret)
            }
        }
    }
}

import ArgumentParser
import Foundation
import Logging
import RegistreConnectors
import RegistreCore
import RegistreServer
import RegistreStore

/// `registre request ...`: data subject requests, kept with their deadlines (open, list, show,
/// confirm, extend, refuse, cancel, run), or in their one-step form for scripts (access,
/// portability, rectify, erasure).
struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Answer data subject requests against the company's databases.",
        subcommands: [
            Open.self, List.self, Show.self, SendCode.self, Verify.self, Confirm.self, Extend.self, Refuse.self, Cancel.self, Run.self, Limits.self,
            Lift.self, Remind.self,
            Access.self, Portability.self, Rectify.self, Erasure.self,
        ]
    )

    struct Access: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "access",
            abstract: "Give a person a copy of every row of theirs (Art. 15): JSON and CSV per collection, a readable page, one zip.",
            discussion: """
                Follows the dataset's references from the identities given, in both directions where \
                the dataset does not say, a batch of values per query. Writes into --out one JSON and \
                one CSV file per collection with rows, and with --policy an index.html page holding \
                what Art. 15(1)(a)-(h) requires (purposes, categories, recipients, retention, rights, \
                complaint, source, automated decisions) for the activities those collections serve; \
                then access.zip of them all. Prints a JSON summary; exits 0 when the search completed \
                (even with no data), 2 on bad input or an unreachable database.
                """
        )

        @OptionGroup var subject: SubjectOptions

        @Option(help: "The folder to write the export into (created if needed).")
        var out: String

        @Option(help: "The policy file, for the page of what Art. 15 requires (without it, only the data is written).")
        var policy: String?

        @Option(name: .customLong("lang"), help: "The page's language (fr or en); the policy's first language by default.")
        var language: String?

        func run() async throws {
            try await SubjectOptions.exitingOnBadInput {
                let identities = try subject.identities()
                let dataset = try subject.dataset()
                let policy = try policy.map(SubjectOptions.policy)
                let language = try SubjectOptions.language(language, of: policy)
                let outcome = try await Rights.access(identities, dataset: dataset, target: subject.target, policy: policy, language: language, out: out)
                print(outcome.json)
            }
        }
    }

    struct Portability: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "portability",
            abstract: "Give a person the data they provided, in JSON and CSV, to take elsewhere (Art. 20).",
            discussion: """
                Only fields the dataset marks registre.provided: true, only in collections serving an \
                activity of the policy based on consent or a contract (Art. 20(1)(a)). Writes one JSON \
                and one CSV file per collection into --out, and portability.zip of them. The summary \
                lists the collections holding rows of the person that were left out, and why. Exits 0 \
                when the search completed (even with no data), 2 on bad input or an unreachable database.
                """
        )

        @OptionGroup var subject: SubjectOptions

        @Option(help: "The folder to write the export into (created if needed).")
        var out: String

        @Option(help: "The policy file: the legal basis of each activity the collections serve.")
        var policy: String

        func run() async throws {
            try await SubjectOptions.exitingOnBadInput {
                let identities = try subject.identities()
                let dataset = try subject.dataset()
                let policy = try SubjectOptions.policy(policy)
                let outcome = try await Rights.portability(identities, dataset: dataset, target: subject.target, policy: policy, out: out)
                print(outcome.json)
            }
        }
    }

    struct Rectify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rectify",
            abstract: "Correct a person's data (Art. 16) in their own rows, and prove it by reading it back.",
            discussion: """
                Each --set names a personal field of the dataset and its right value. Refused before \
                anything changes (exit 2): a field that is a key or a reference, read_only, not personal \
                data, missing from the database, a value the column cannot hold, or a person with \
                several rows holding different values of the field (say which with --where). Rows that also concern another \
                person are left and said so. One transaction; every changed row is read back. Prints \
                the result as JSON. Exit status: 0 completed, partially completed or no data; 1 a \
                field does not hold its new value; 2 bad input or an unreachable database.
                """
        )

        @OptionGroup var subject: SubjectOptions

        @Option(name: .customLong("set"), help: "COLLECTION.FIELD=VALUE, such as customer.phone=0612345678; repeatable.")
        var corrections: [String] = []

        @Option(name: .customLong("where"), help: "COLLECTION.FIELD=VALUE: correct only the person's rows of that collection holding that value, such as address.id=10; repeatable.")
        var filters: [String] = []

        func run() async throws {
            let outcome = try await SubjectOptions.exitingOnBadInput {
                try await Rights.rectify(try subject.identities(), dataset: try subject.dataset(), target: subject.target, corrections: corrections, filters: filters)
            }
            print(outcome.json)
            if outcome.hasFailed { throw ExitCode(1) }
        }
    }

    struct Erasure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erasure",
            abstract: "Erase a person's rows (Art. 17), keeping what the policy must keep (Art. 17(3)), and prove it.",
            discussion: """
                Checks the dataset against the database first and changes nothing if erasure could not \
                be done as declared (run registre datasets check). Then, in one transaction: rows of \
                collections erased by deletion are deleted, personal fields of the others masked as the \
                dataset says; collections serving an activity under a legal obligation, or under a \
                restriction of the person recorded in Registre's store (--database), are kept and said \
                so; rows that also concern another person are left and said so. Every changed row \
                is read back. Prints the result as JSON. Exit status: 0 completed, partially completed \
                or no data; 1 a field still holds its old value; 2 bad input or an unreachable database.
                """
        )

        @OptionGroup var subject: SubjectOptions

        @Option(help: "The policy file: which collections a legal obligation keeps (Art. 17(3)(b)).")
        var policy: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let outcome = try await store.withDesk { desk, _, secret in
                let identities = try subject.identities()
                let dataset = try subject.dataset()
                let policy = try SubjectOptions.policy(policy)
                let limits = try await desk.limits.active(for: identities.map(\.description))
                return try await Rights.erase(identities, dataset: dataset, target: subject.target, policy: policy, secret: secret, limits: limits)
            }
            print(outcome.json)
            if outcome.hasFailed { throw ExitCode(1) }
        }
    }
}

/// What every one-step request takes: the person's identities, the dataset, the database.
struct SubjectOptions: ParsableArguments {
    @Option(name: .customLong("identity"), help: "type=value, such as email=jeanne@exemple.fr or phone_number=0612345678; repeatable.")
    var identityArguments: [String] = []

    @Option(help: "The Fides dataset file describing the database.")
    var datasets: String

    @Option(help: "The database: sqlite:PATH or a file path, postgres://user@host:port/db (password from PGPASSWORD), or env:NAME for a URL in an environment variable.")
    var connection: String

    /// The dataset file and the database, as a request names them.
    var target: Rights.Target { Rights.Target(datasets: datasets, connection: connection) }

    /// The identities, normalised; at least one.
    func identities() throws -> [Identity] {
        guard !identityArguments.isEmpty else { throw ConnectorError(code: "identity-missing", message: "give at least one --identity type=value") }
        return try identityArguments.map(Identity.init(argument:))
    }

    /// The one dataset of the file, or a located error for each mistake in it.
    func dataset() throws -> Dataset {
        try Self.dataset(at: datasets)
    }

    /// The one dataset of the file at `datasets`.
    static func dataset(at datasets: String) throws -> Dataset {
        let loaded = try DatasetLoader.load(contentsOf: datasets)
        for finding in loaded.findings { printError(finding.description) }
        guard let all = loaded.datasets, all.count == 1, let dataset = all.first else {
            throw ConnectorError(code: "dataset-invalid", message: loaded.datasets == nil ? "\(datasets) has errors (above)" : "\(datasets) must hold exactly one dataset")
        }
        return dataset
    }

    /// Runs `body` with a connector on the database.
    func withConnector<T: Sendable>(writable: Bool = false, _ body: (any Connector) async throws -> T) async throws -> T {
        try await Self.withConnector(connection, writable: writable, body)
    }

    /// Runs `body` with a connector on the database `connection` names (as `--connection` gives it).
    static func withConnector<T: Sendable>(_ connection: String, writable: Bool = false, _ body: (any Connector) async throws -> T) async throws -> T {
        try await ConnectionLocation(connection).withConnector(writable: writable, logger: .connector, body)
    }

    /// The policy of `path`, whose activities datasets name; one with schema errors is refused.
    static func policy(_ path: String) throws -> Policy {
        guard let policy = try PolicyLoader.load(contentsOf: path).policy else {
            throw ConnectorError(code: "policy-invalid", message: "\(path) has schema errors; run registre check \(path)")
        }
        return policy
    }

    /// The language of a page: `requested` if the policy is written in it, else the policy's first.
    static func language(_ requested: String?, of policy: Policy?) throws -> String {
        try Rights.language(requested, of: policy, option: "--lang")
    }

    /// Runs `body`; bad input, a refused change of a request or an unreachable database prints
    /// what and where and exits 2.
    static func exitingOnBadInput<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ConnectorError {
            printError("error: \(error)")
        } catch let error as PolicyReadError {
            printError(error.description)
        } catch let error as StoreError {
            printError("error: \(error)")
        } catch let error as RequestDesk.Refusal {
            printError("error: \(error)")
        }
        throw ExitCode(2)
    }
}

import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RegistreConnectors
import RegistreCore
import RegistreServer
import RegistreStore
import ServiceLifecycle

/// `registre serve --policy FILE [--database URL] [--port N]`: the consent ledger, banner and API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Registre server: consent ledger, banner and API, on the policy file."
    )

    @Option(help: "The policy file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var policy: String

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Option(help: "Requests per second each address may send to public endpoints; 0 turns the limit off.")
    var rateLimit: Double = 20

    @Option(
        name: .customLong("trusted-proxy"),
        help: "A reverse proxy or load balancer in front of the server (an address or a network such as 10.0.0.0/8; repeat for several): its header names the client.")
    var trustedProxies: [TrustedProxies.Network] = []

    @Option(help: "The header the trusted proxies write the client's address into: x-forwarded-for or forwarded (RFC 7239).")
    var clientAddressHeader: TrustedProxies.Header = .xForwardedFor

    @Option(help: "The mail server the rights portal sends identity codes through: smtp://host[:port], smtps://user@host[:port] or smtp+starttls://user@host[:port] (password in the URL or REGISTRE_SMTP_PASSWORD). Without it the DPO confirms identities (request confirm).")
    var smtp: String?

    @Option(help: "With --smtp: the sender's address, such as dpo@exemple.fr.")
    var mailFrom: String?

    @Option(help: "With --smtp: who the mails are signed by; the policy's organisation by default.")
    var mailSignature: String?

    @Option(help: "With --smtp: the DPO's address, reminded of requests due within seven days (checked every hour, each deadline once).")
    var remindTo: String?

    @Option(help: "The address people reach this server at, such as https://privacy.exemple.fr: mails link to the request's status page under it.")
    var publicURL: String?

    @Option(help: "The Fides dataset file describing the company's database: the server then carries out access, portability, rectification and erasure requests itself (POST /v1/requests/{id}/run).")
    var datasets: String?

    @Option(help: "With --datasets: the database, as sqlite:PATH, postgres://user@host:port/db or env:NAME (a URL in an environment variable, so no password is on the command line).")
    var connection: String?

    @Option(help: "Where the answers to access and portability requests wait for the person (a folder, created owner-only).")
    var exports: String = "registre-exports"

    @Option(help: "How many days an export is kept for the person to fetch before it is deleted.")
    var exportDays: Int = 30

    @Option(help: "With --datasets and --policy: enforce the policy's retention periods on the database every so often (90s, 30m, 1h, 1d); passes are shared with the other servers of the same store, each collection claimed by one.")
    var retentionEvery: RetentionInterval?

    @Option(help: "With --retention-every: how long a claimed collection stays this server's without news (renewed after each page) before another server may take it over.")
    var retentionLease: RetentionInterval = RetentionInterval(seconds: 300)

    @Option(help: "How long a request's run stays this server's in the store without news (renewed every third of it) before another server sharing the store may run it.")
    var runLease: RetentionInterval = RetentionInterval(seconds: Int(RequestRunner.runLease))

    @Option(help: "With a postgres:// database: how many connections to it the server keeps open at most (default \(PostgresStore.defaultMaximumConnections)).")
    var databaseConnections: Int?

    func validate() throws {
        if let databaseConnections, !(1...1000).contains(databaseConnections) {
            throw ValidationError("--database-connections is between 1 and 1000, not \(databaseConnections)")
        }
        if (datasets == nil) != (connection == nil) { throw ValidationError("--datasets and --connection go together") }
        if retentionEvery != nil, datasets == nil { throw ValidationError("--retention-every needs --datasets and --connection, the database to enforce retention on") }
        if exportDays < 1 || exportDays > 366 { throw ValidationError("--export-days is between 1 and 366") }
        if rateLimit < 0 || !rateLimit.isFinite { throw ValidationError("--rate-limit must be 0 or more requests per second") }
        if smtp != nil, mailFrom == nil { throw ValidationError("--smtp needs --mail-from, the sender's address") }
        if smtp == nil, mailFrom != nil || remindTo != nil || mailSignature != nil {
            throw ValidationError("--mail-from, --mail-signature and --remind-to go with --smtp")
        }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme), url.host?.isEmpty == false, url.query == nil, url.fragment == nil else {
                throw ValidationError("--public-url is an http(s) address such as https://privacy.exemple.fr, without query")
            }
        }
    }

    /// The mail settings the options give, checked before the server starts.
    func mailSettings(organization: String) throws -> MailSettings? {
        guard let smtp, let mailFrom else { return nil }
        do {
            return try MailSettings(client: try SMTPClient(url: smtp), from: mailFrom, signature: mailSignature ?? organization, remindTo: remindTo)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// What the server needs to carry out requests, the dataset checked before it starts.
    func execution(secret: Data) throws -> RequestExecution {
        let target = try datasets.map { datasets -> RequestRunner.Target in
            guard let connection else { throw ValidationError("--datasets and --connection go together") }
            do {
                let pool = ConnectorPool(location: try ConnectionLocation(connection), logger: .connector)
                return RequestRunner.Target(
                    dataset: try SubjectOptions.dataset(at: datasets), names: Rights.Target(datasets: datasets, connection: connection, pool: pool))
            } catch let error as ConnectorError {
                throw ValidationError("\(error)")
            }
        }
        return RequestExecution(
            target: target, secret: secret, exports: ExportShelf(directory: URL(fileURLWithPath: exports), keepDays: exportDays),
            runLease: TimeInterval(runLease.seconds))
    }

    func run() async throws {
        let (loaded, _) = try PolicyOptions(policy: policy).load()
        let location = try store.location()
        if case .sqlite = location, databaseConnections != nil {
            throw ValidationError("--database-connections is for a postgres:// database; the SQLite file has one writer and a reader per request under way")
        }
        let secret = try store.secret(for: location)
        let execution = try execution(secret: secret)
        let hasher = try KeyedHasher(secret: secret)
        let logger = makeLogger()
        let configuration = ServerConfiguration(
            host: host, port: port, publicRatePerSecond: rateLimit, publicBurst: max(rateLimit * 5, 1),
            trustedProxies: TrustedProxies(networks: trustedProxies, header: clientAddressHeader),
            mail: try mailSettings(organization: loaded.organization.name),
            publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }, execution: execution,
            retention: retentionEvery.map { RetentionSchedule(interval: .seconds($0.seconds), lease: .seconds(retentionLease.seconds)) })
        logger.info("starting", metadata: ["database": .string(location.description), "address": .string("http://\(host):\(port)")])
        switch location {
        case .sqlite(let path):
            let sqlite = try SQLiteStore(path: path)
            try await sqlite.migrate()
            let app = RegistreApplication(policy: loaded, store: sqlite, hasher: hasher, configuration: configuration)
            try await app.makeApplication(logger: logger).runService()
        case .postgres(let url):
            let postgres = try PostgresStore(
                url: url, logger: logger, maximumConnections: databaseConnections ?? PostgresStore.defaultMaximumConnections)
            let app = RegistreApplication(policy: loaded, store: postgres, hasher: hasher, configuration: configuration)
            try await app.makeApplication(logger: logger, extraServices: [postgres], beforeStart: { try await postgres.migrate() }).runService()
        }
    }
}

extension PolicyOptions {
    init(policy: String) {
        self.init()
        self.policy = policy
    }
}

extension TrustedProxies.Network: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension TrustedProxies.Header: ExpressibleByArgument {}

/// A duration on the command line: a number of seconds, minutes, hours or days (`90s`, `30m`,
/// `1h`, `1d`).
struct RetentionInterval: ExpressibleByArgument, CustomStringConvertible {
    var seconds: Int

    var description: String {
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60)] where seconds % size == 0 { return "\(seconds / size)\(unit)" }
        return "\(seconds)s"
    }

    init(seconds: Int) {
        self.seconds = seconds
    }

    init?(argument: String) {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = argument.last.flatMap({ units[$0] }), let count = Int(argument.dropLast()), count > 0, count <= 366 * 86400 / unit else { return nil }
        seconds = count * unit
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

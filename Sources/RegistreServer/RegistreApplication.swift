import Foundation
import Hummingbird
import Logging
import Prometheus
import RegistreConnectors
import RegistreCore
import RegistreStore
import ServiceLifecycle

/// How a Registre server runs.
public struct ServerConfiguration: Sendable {
    /// The address to listen on; loopback by default.
    public var host: String
    /// The port.
    public var port: Int
    /// Requests per second each client address may send to public endpoints (0: no limit).
    public var publicRatePerSecond: Double
    /// How many requests a client may send at once before the rate applies.
    public var publicBurst: Double
    /// The proxies in front of the server whose word on the client's address is believed.
    public var trustedProxies: TrustedProxies
    /// How the server sends mail (the portal's identity codes, the DPO's reminders); none sends
    /// none, and the DPO confirms identities another way.
    public var mail: MailSettings?
    /// The address people reach the server at, such as `https://privacy.exemple.fr`: mails link
    /// to status pages under it.
    public var publicURL: String?
    /// How often the DPO's reminders are looked for, when `mail` names the DPO.
    public var reminderInterval: Duration
    /// How the server carries out requests on the company's database; none leaves that to
    /// `registre request run`.
    public var execution: RequestExecution?
    /// When the server enforces retention on the database of `execution` by itself; none leaves
    /// it to `registre retention run`.
    public var retention: RetentionSchedule?

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicRatePerSecond: Double = 20, publicBurst: Double = 100,
        trustedProxies: TrustedProxies = .none, mail: MailSettings? = nil, publicURL: String? = nil, reminderInterval: Duration = .seconds(3600),
        execution: RequestExecution? = nil, retention: RetentionSchedule? = nil
    ) {
        self.host = host
        self.port = port
        self.publicRatePerSecond = publicRatePerSecond
        self.publicBurst = publicBurst
        self.trustedProxies = trustedProxies
        self.mail = mail
        self.publicURL = publicURL
        self.reminderInterval = reminderInterval
        self.execution = execution
        self.retention = retention
    }
}

/// What the server needs to carry out requests itself (`POST /v1/requests/{id}/run`).
public struct RequestExecution: Sendable {
    /// The dataset and database; none runs only restrictions, objections and withdrawals.
    public var target: RequestRunner.Target?
    /// The store's secret: the key of keyed-hash masking.
    public var secret: Data
    /// Where access and portability answers wait for the person.
    public var exports: ExportShelf
    /// How long a run's claim in the store holds without renewal (renewed every third of it).
    public var runLease: TimeInterval

    public init(target: RequestRunner.Target?, secret: Data, exports: ExportShelf, runLease: TimeInterval = RequestRunner.runLease) {
        self.target = target
        self.secret = secret
        self.exports = exports
        self.runLease = runLease
    }
}

/// Builds the Registre application: routes, middleware and the services that run beside it.
public struct RegistreApplication: Sendable {
    let policy: Policy
    let store: any RegistreStore
    let hasher: KeyedHasher
    let ledger: ConsentLedger
    let committer: GroupCommitter
    let banners: BannerCatalog
    let assets: BannerAssets
    let configuration: ServerConfiguration
    let registry: PrometheusCollectorRegistry
    let desk: RequestDesk
    let portal: PortalPages
    /// Set once migrations have run and the banners are registered.
    let readiness = StoreReadiness()

    /// Creates the application for `policy` over `store`.
    public init(policy: Policy, store: any RegistreStore, hasher: KeyedHasher, configuration: ServerConfiguration) {
        self.policy = policy
        self.store = store
        self.hasher = hasher
        self.committer = GroupCommitter(store: store)
        self.ledger = ConsentLedger(policy: policy, store: store, hasher: hasher, committer: committer)
        self.banners = BannerCatalog(policy: policy)
        self.assets = BannerAssets(catalog: banners, ledger: ledger)
        self.configuration = configuration
        self.registry = PrometheusCollectorRegistry()
        self.desk = RequestDesk(store: store, hasher: hasher)
        self.portal = PortalPages(policy: policy)
    }

    /// The router with every route.
    public func makeRouter() -> Router<RegistreRequestContext> {
        let router = Router(context: RegistreRequestContext.self)
        if !configuration.trustedProxies.isEmpty { router.add(middleware: ForwardedClientMiddleware(proxies: configuration.trustedProxies)) }
        router.add(middleware: RequestMetricsMiddleware(registry: registry))
        router.add(middleware: ProblemMiddleware())
        router.get("health") { _, _ in HealthResponse(status: "ok") }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        let limiter = configuration.publicRatePerSecond > 0
            ? RateLimiter(ratePerSecond: configuration.publicRatePerSecond, burst: configuration.publicBurst) : nil
        let routes = ConsentRoutes(ledger: ledger, store: store)
        // The banner runs on the company's own pages: public routes answer any origin, without cookies.
        let cors = CORSMiddleware<RegistreRequestContext>(allowOrigin: .all, allowHeaders: [.contentType], allowMethods: [.get, .post, .options])
        let publicRoutes = router.group().add(middleware: cors).add(middleware: RateLimitMiddleware(limiter: limiter))
        routes.addPublic(to: publicRoutes)
        BannerRoutes(catalog: banners, assets: assets).add(to: publicRoutes)
        // The rights portal is the server's own pages: same origin, no CORS, the same rate limit,
        // and a slower one where a form sends a mail, so nobody's inbox can be flooded through it.
        let portalRoutes = router.group().add(middleware: RateLimitMiddleware(limiter: limiter))
        let mailLimiter = limiter == nil ? nil : RateLimiter(ratePerSecond: 1.0 / 30, burst: 5)
        PortalRoutes(
            desk: desk, pages: portal, mail: configuration.mail, publicURL: configuration.publicURL, exports: configuration.execution?.exports,
            logger: Logger(label: "registre.portal"))
            .add(to: portalRoutes, mailing: portalRoutes.group().add(middleware: RateLimitMiddleware(limiter: mailLimiter)))
        let admin = router.group().add(middleware: TokenAuthenticationMiddleware(store: store))
        routes.addAdmin(to: admin)
        ProcessingRoutes(policy: policy, limits: desk.limits).add(to: admin)
        EventRoutes(events: SubjectEvents(store: store, hasher: hasher)).add(to: admin)
        RequestRoutes(
            desk: desk, store: store, policy: policy, execution: configuration.execution, mail: configuration.mail, publicURL: configuration.publicURL,
            pages: AccessReportRenderer(policy: policy))
            .add(to: admin)
        DirectiveRoutes(desk: desk).add(to: admin)
        return router
    }

    /// The services that run beside the HTTP server: the group committer, the DPO's deadline
    /// reminders when the server sends mail to them, the deletion of expired exports, and
    /// scheduled retention.
    public var services: [any Service] {
        var services: [any Service] = [committer]
        if let mail = configuration.mail, let to = mail.remindTo {
            services.append(ReminderService(
                desk: desk, mail: mail, to: to, interval: configuration.reminderInterval, logger: Logger(label: "registre.reminders"), readiness: readiness))
        }
        if let exports = configuration.execution?.exports {
            services.append(ExportSweeper(shelf: exports, interval: .seconds(3600), logger: Logger(label: "registre.exports")))
        }
        if let schedule = configuration.retention, let execution = configuration.execution, let target = execution.target {
            services.append(
                RetentionService(store: store, policy: policy, target: target, secret: execution.secret, hasher: hasher, schedule: schedule, readiness: readiness))
        }
        if let pool = configuration.execution?.target?.names.pool {
            services.append(PoolCloser(pool: pool))
        }
        return services
    }

    /// Registers the banners in the store; run before the server accepts requests.
    public func prepare() async throws {
        try await banners.register(in: store)
    }

    /// The whole application, ready to `runService()`.
    /// - Parameters:
    ///   - extraServices: Services the store needs, such as a PostgreSQL connection pool.
    ///   - beforeStart: Work that needs those services before the first request, such as migrations.
    public func makeApplication(
        logger: Logger, extraServices: [any Service] = [], beforeStart: (@Sendable () async throws -> Void)? = nil
    ) -> some ApplicationProtocol {
        var app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Registre"),
            services: extraServices + services,
            logger: logger)
        app.beforeServerStarts {
            try await beforeStart?()
            try await prepare()
            readiness.markReady()
        }
        return app
    }
}

/// Closes the connections to the company's database when the server stops.
struct PoolCloser: Service {
    let pool: ConnectorPool

    func run() async throws {
        try? await gracefulShutdown()
        await pool.close()
    }
}

struct HealthResponse: ResponseEncodable {
    var status: String
}

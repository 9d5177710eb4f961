import Hummingbird
import Prometheus
import Synchronization

/// Counts requests and their latency per route and status, for `GET /metrics`. Routes are the
/// matched patterns (`/v1/consents/{subject}`), never the paths, so no identifier reaches the metrics.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    init(registry: PrometheusCollectorRegistry) {
        metrics = RequestMetrics(registry: registry)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.record(method: RequestMetrics.label(of: request.method), route: context.endpointPath ?? "unmatched", status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}

/// The request counters and latency histograms, each made once and kept: asking the registry for
/// them on every request built the metric's name and labels and searched its tables each time.
final class RequestMetrics: Sendable {
    private struct Series: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private let registry: PrometheusCollectorRegistry
    private let counters = Mutex<[Series: Counter]>([:])
    private let histograms = Mutex<[String: DurationHistogram]>([:])

    // Computed: the descriptor is not Sendable, and is needed only when a series is first seen.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "registre", subsystem: "http", metricName: "requests", unitName: "total", helpText: "HTTP requests by method, route and status")
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "registre", subsystem: "http", metricName: "request_duration", unitName: "seconds", helpText: "HTTP request latency by route")
    }
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
    ]

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// The method as a label: a client may send any token as a method, and each would otherwise
    /// open a series of its own.
    static func label(of method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .delete, .patch, .options: method.rawValue
        default: "OTHER"
        }
    }

    func record(method: String, route: String, status: Int, duration: Duration) {
        let series = Series(method: method, route: route, status: status)
        let counter = counters.withLock { counters in
            if let counter = counters[series] { return counter }
            let counter = registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))])
            counters[series] = counter
            return counter
        }
        counter.increment()
        let histogram = histograms.withLock { histograms in
            if let histogram = histograms[route] { return histogram }
            let histogram = registry.makeDurationHistogram(descriptor: Self.duration, labels: [("route", route)], buckets: Self.buckets)
            histograms[route] = histogram
            return histogram
        }
        histogram.record(duration)
    }
}

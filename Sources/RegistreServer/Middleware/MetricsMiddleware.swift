import Hummingbird
import Prometheus

/// Counts requests and their latency per route and status, for `GET /metrics`. Routes are the
/// matched patterns (`/v1/consents/{subject}`), never the paths, so no identifier reaches the metrics.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        let labels = [("method", request.method.rawValue), ("route", route), ("status", String(response.status.code))]
        registry.makeCounter(name: "registre_http_requests_total", labels: labels).increment()
        registry.makeDurationHistogram(
            name: "registre_http_request_duration_seconds", labels: [("route", route)],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1)]
        ).record(ContinuousClock.now - start)
        return response
    }
}

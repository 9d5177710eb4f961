import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RegistreCore
import RegistreStore
import Synchronization
import Testing
@testable import RegistreServer

/// The server's routes through HummingbirdTesting, on a real SQLite file.
@Suite struct ServerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `body` with a test client of an application on a fresh SQLite store, and the store.
    static func withServer(
        rate: Double = 0, proxies: TrustedProxies = .none, over setup: TestingSetup = .router, execution: RequestExecution? = nil,
        _ body: @Sendable (any TestClientProtocol, SQLiteStore, RegistreApplication) async throws -> Void
    ) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("registre-server-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        let policy = try #require(try PolicyLoader.load(contentsOf: repository.appendingPathComponent("Examples/exemple-sas.yaml").path).policy)
        let registre = RegistreApplication(
            policy: policy, store: store, hasher: try KeyedHasher(secret: Data(repeating: 9, count: 32)),
            configuration: ServerConfiguration(publicRatePerSecond: rate, publicBurst: max(rate, 1), trustedProxies: proxies, execution: execution))
        let app = registre.makeApplication(logger: Logger(label: "test"))
        try await app.test(setup) { client in try await body(client, store, registre) }
    }

    /// Another server sharing the store and the exports folder runs an access request: a run of
    /// it asked here is refused on that server's claim before it touches the folder the other
    /// server is writing the zip into.
    @Test func aRunRefusedForAnotherServersClaimLeavesItsExportAlone() async throws {
        let exports = FileManager.default.temporaryDirectory.appendingPathComponent("registre-exports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: exports) }
        let execution = RequestExecution(target: nil, secret: Data(repeating: 9, count: 32), exports: ExportShelf(directory: exports))
        try await Self.withServer(execution: execution) { client, store, _ in
            let token = "rg_test_token_0123456789abcdef"
            try await store.createToken(name: "dpo", tokenHash: KeyedHasher.sha256(token), actor: "test")
            let desk = RequestDesk(store: store, hasher: try KeyedHasher(secret: Data(repeating: 9, count: 32)))
            let request = try await desk.open(.access, details: RequestDetails(identities: ["email=jeanne@exemple.fr"]), verified: true, at: Date(), actor: "test")
            let zip = exports.appendingPathComponent("request-\(desk.exportToken(of: request.id))/access.zip")
            try FileManager.default.createDirectory(at: zip.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("being written by the other server".utf8).write(to: zip)
            #expect(try await store.claimRequestRun(request.id, owner: "server-elsewhere", now: Date(), until: Date().addingTimeInterval(900)))

            try await client.execute(uri: "/v1/requests/\(request.id)/run", method: .post, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .conflict && String(buffer: response.body).contains("run-in-progress"), "\(String(buffer: response.body))")
            }
            #expect(try String(contentsOf: zip, encoding: .utf8) == "being written by the other server")

            // Once the other server is done, this one runs it (and, with no database given, says so).
            try await store.releaseRequestRun(request.id, owner: "server-elsewhere")
            try await client.execute(uri: "/v1/requests/\(request.id)/run", method: .post, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .unprocessableContent && String(buffer: response.body).contains("option-missing"), "\(String(buffer: response.body))")
            }
            #expect(!FileManager.default.fileExists(atPath: zip.deletingLastPathComponent().path), "its own folder, made for a run that failed, is gone")
        }
    }

    /// The French banner's id and hash, as a client reads them.
    static func banner(_ client: any TestClientProtocol) async throws -> (id: String, hash: String) {
        try await client.execute(uri: "/v1/banner?lang=fr", method: .get) { response in
            #expect(response.status == .ok)
            let banner = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
            return (try #require(banner["id"]), try #require(banner["hash"]))
        }
    }

    static func consentBody(banner: (id: String, hash: String), method: String = "save", granted: [String] = ["statistics"], refused: [String] = ["newsletter"]) -> ByteBuffer {
        let object: [String: Any] = [
            "visitor_id": "visitor-42", "granted": granted, "refused": refused, "method": method,
            "banner": ["id": banner.id, "hash": banner.hash], "policy_version": "2026-11", "language": "fr", "page_url": "https://exemple.fr/",
        ]
        return ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
    }

    static let json: HTTPFields = [.contentType: "application/json"]

    static func problem(_ response: TestResponse) throws -> [String: Any] {
        #expect(response.headers[.contentType] == "application/problem+json")
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func healthAndMetricsAnswer() async throws {
        try await Self.withServer { client, _, _ in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok && String(buffer: $0.body) == "{\"status\":\"ok\"}") }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            // Methods outside HTTP's usual ones share one label, whatever a client sends.
            for method in ["BREW", "PROPFIND"] {
                try await client.execute(uri: "/health", method: HTTPRequest.Method(method)!) { #expect($0.status.code >= 400) }
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("registre_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 2"))
                #expect(text.contains("# HELP registre_http_requests_total") && text.contains("registre_http_request_duration_seconds_count{route=\"/health\"} 2"))
                #expect(text.contains("method=\"OTHER\"") && !text.contains("BREW") && !text.contains("PROPFIND"))
            }
        }
    }

    @Test func aConsentIsRecordedThenReadBackWithItsProof() async throws {
        try await Self.withServer { client, store, _ in
            let banner = try await Self.banner(client)
            try await client.execute(uri: "/v1/consents", method: .post, headers: Self.json.merging([.userAgent: "Mozilla/5.0 test"]), body: Self.consentBody(banner: banner)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(body["id"] as? Int == 1 && body["method"] as? String == "save")
            }
            let token = "rg_test_token_0123456789abcdef"
            try await store.createToken(name: "crm", tokenHash: KeyedHasher.sha256(token), actor: "test")
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            try await client.execute(uri: "/v1/consents/visitor-42", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let state = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let purposes = try #require(state["purposes"] as? [[String: Any]])
                #expect(purposes.map { "\($0["purpose"]!)=\($0["status"]!)" } == ["newsletter=refused", "statistics=granted"])
                #expect(state["should_ask"] as? Bool == false)
            }
            try await client.execute(uri: "/v1/consents/visitor-42/history", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let history = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let record = try #require((history["records"] as? [[String: Any]])?.first)
                #expect(record["user_agent"] as? String == "Mozilla/5.0 test")
                let shown = try #require(record["banner"] as? [String: Any])
                #expect(shown["hash"] as? String == banner.hash)
                #expect((shown["content"] as? String)?.contains("Statistiques") == true, "the history shows what the banner said")
            }
            try await client.execute(uri: "/v1/consents/visitor-42", method: .get) { response in
                let problem = try Self.problem(response)
                #expect(response.status == .unauthorized && problem["type"] as? String == "https://registre.dev/problems/token-missing")
            }
            try await client.execute(uri: "/v1/consents/visitor-42", method: .get, headers: [.authorization: "Bearer rg_wrong_token_0123456789"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test func gpcIsRecordedOnlyWithTheHeader() async throws {
        try await Self.withServer { client, _, _ in
            let banner = try await Self.banner(client)
            let body = Self.consentBody(banner: banner, method: "gpc", granted: [], refused: ["statistics", "newsletter"])
            try await client.execute(uri: "/v1/consents", method: .post, headers: Self.json, body: body) { response in
                let problem = try Self.problem(response)
                #expect(response.status == .unprocessableContent && problem["type"] as? String == "https://registre.dev/problems/gpc-header-missing")
            }
            try await client.execute(uri: "/v1/consents", method: .post, headers: Self.json.merging([.secGPC: "1"]), body: body) {
                #expect($0.status == .created)
            }
        }
    }

    @Test func badInputGetsProblemDetailsAndNothingIsStored() async throws {
        try await Self.withServer { client, store, _ in
            let banner = try await Self.banner(client)
            var cases: [(ByteBuffer, HTTPResponse.Status, String)] = [
                (ByteBuffer(string: "{\"visitor_id\": "), .badRequest, "json-invalid"),
                (ByteBuffer(bytes: [0x7B, 0xFF, 0xFE, 0x7D]), .badRequest, "json-invalid"),
                (ByteBuffer(string: "{\"visitor_id\":\"v\"}"), .badRequest, "field-missing"),
                (ByteBuffer(string: "[1,2]"), .badRequest, "field-invalid"),
                (Self.consentBody(banner: banner, granted: ["billing"], refused: ["statistics", "newsletter"]), .unprocessableContent, "purpose-not-consent-based"),
                (Self.consentBody(banner: banner, granted: ["tracking"], refused: ["statistics", "newsletter"]), .unprocessableContent, "unknown-purpose"),
                (Self.consentBody(banner: (banner.id, String(repeating: "0", count: 64))), .unprocessableContent, "unknown-banner"),
                (ByteBuffer(string: "{\"method\":\"maybe\"}"), .badRequest, "field-missing"),
            ]
            var huge = ByteBuffer(string: "{\"visitor_id\":\"")
            huge.writeString(String(repeating: "x", count: 70_000))
            huge.writeString("\"}")
            cases.append((huge, .contentTooLarge, "body-too-large"))
            for (body, status, code) in cases {
                try await client.execute(uri: "/v1/consents", method: .post, headers: Self.json, body: body) { response in
                    #expect(response.status == status, "\(code): \(String(buffer: response.body))")
                    let problem = try Self.problem(response)
                    #expect(problem["type"] as? String == "https://registre.dev/problems/\(code)", "\(problem)")
                    #expect(problem["status"] as? Int == Int(status.code) && !(problem["title"] as? String ?? "").isEmpty)
                }
            }
            #expect(try await store.auditEntries(after: 0, limit: 10).isEmpty, "a refused request stores nothing")
        }
    }

    @Test func aFloodFromOneAddressIsLimited() async throws {
        try await Self.withServer(rate: 1) { client, _, _ in
            let start = ContinuousClock.now
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<12 {
                statuses.append(try await client.execute(uri: "/v1/banner?lang=fr", method: .get) { response in
                    if response.status == .tooManyRequests {
                        #expect(response.headers[.retryAfter] != nil)
                        let problem = try Self.problem(response)
                        #expect(problem["type"] as? String == "https://registre.dev/problems/rate-limited")
                    }
                    return response.status
                })
            }
            // A burst of one request, then one more per second elapsed, at most.
            let elapsed = Double((ContinuousClock.now - start).components.seconds) + 1
            let allowed = statuses.filter { $0 == .ok }.count
            #expect(statuses.first == .ok)
            #expect(Double(allowed) <= 1 + elapsed, "\(allowed) requests passed in \(elapsed) s at 1 per second")
            #expect(statuses.contains(.tooManyRequests))
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok, "health is not rate limited") }
        }
    }

    @Test func trustedProxiesNameTheClientAndNobodyElseDoes() throws {
        let proxies = TrustedProxies(networks: ["10.0.0.0/8", "fd00::/8", "192.0.2.1"].compactMap(TrustedProxies.Network.init))
        #expect(proxies.networks.count == 3)
        func client(_ peer: String, _ header: String...) -> String? {
            proxies.clientAddress(peer: peer, headers: HTTPFields(header.map { HTTPField(name: HTTPField.Name("X-Forwarded-For")!, value: $0) }))
        }
        #expect(client("10.1.2.3", "198.51.100.7") == "198.51.100.7")
        // What the client wrote itself, left of the first untrusted hop, is never believed.
        #expect(client("10.1.2.3", "6.6.6.6, 198.51.100.7, 10.9.9.9") == "198.51.100.7")
        #expect(client("10.1.2.3", "6.6.6.6", "198.51.100.7") == "198.51.100.7", "several header lines are one list")
        #expect(client("203.0.113.5", "198.51.100.7") == "203.0.113.5", "a peer that is not trusted keeps its own address")
        #expect(client("::ffff:10.1.2.3", "2001:db8::42") == "2001:db8::42", "an IPv4-mapped peer is the IPv4 one")
        #expect(client("fd12::1", "198.51.100.7") == "198.51.100.7")
        #expect(client("10.1.2.3", "unknown, 10.2.2.2") == "10.2.2.2", "garbage ends the walk at the last address read")
        #expect(client("10.1.2.3", "not an address") == "10.1.2.3")
        #expect(client("10.1.2.3") == "10.1.2.3", "no header: the peer")
        #expect(client("192.0.2.2", "198.51.100.7") == "192.0.2.2", "a single address trusts that address only")

        let forwarded = TrustedProxies(networks: [TrustedProxies.Network("127.0.0.1")!], header: .forwarded)
        let field = HTTPField.Name("Forwarded")!
        #expect(forwarded.clientAddress(peer: "127.0.0.1", headers: [field: "for=192.0.2.60;proto=http;by=203.0.113.43"]) == "192.0.2.60")
        #expect(forwarded.clientAddress(peer: "127.0.0.1", headers: [field: "for=6.6.6.6, For=\"[2001:db8:cafe::17]:4711\""]) == "2001:db8:cafe::17")
        #expect(forwarded.clientAddress(peer: "127.0.0.1", headers: [field: "for=\"198.51.100.7:8080\""]) == "198.51.100.7")
        #expect(forwarded.clientAddress(peer: "127.0.0.1", headers: [field: "for=_hidden"]) == "127.0.0.1")
        #expect(forwarded.clientAddress(peer: "127.0.0.1", headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.7"]) == "127.0.0.1",
                "only the configured header is read: the other one may come from the client untouched")

        for bad in ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0/8", "example.com", "", "10.0.0.0/-1", "10.0.0.0/٨"] {
            #expect(TrustedProxies.Network(bad) == nil, "\(bad)")
        }
    }

    @Test func behindATrustedProxyTheForwardedClientIsRecordedAndLimited() async throws {
        let xff = HTTPField.Name("X-Forwarded-For")!
        try await Self.withServer(rate: 0.1, proxies: TrustedProxies(networks: [TrustedProxies.Network("127.0.0.1/32")!]), over: .live) { client, _, registre in
            let banner = try await Self.banner(client)
            try await client.execute(uri: "/v1/consents", method: .post, headers: Self.json.merging([xff: "6.6.6.6, 198.51.100.7"]), body: Self.consentBody(banner: banner)) {
                #expect($0.status == .created, "\(String(buffer: $0.body))")
            }
            let records = try await registre.ledger.history(visitorID: "visitor-42", subjectID: nil)
            #expect(records.map(\.draft.addressPrefix) == ["198.51.100.0/24"])
            // Each forwarded client has its own rate (a burst of one here): 198.51.100.7 spent its own.
            try await client.execute(uri: "/v1/banner?lang=fr", method: .get, headers: [xff: "198.51.100.7"]) { #expect($0.status == .tooManyRequests) }
            try await client.execute(uri: "/v1/banner?lang=fr", method: .get, headers: [xff: "192.0.2.77"]) { #expect($0.status == .ok) }
        }
        try await Self.withServer(over: .live) { client, _, registre in
            let banner = try await Self.banner(client)
            try await client.execute(uri: "/v1/consents", method: .post, headers: Self.json.merging([xff: "198.51.100.7"]), body: Self.consentBody(banner: banner)) {
                #expect($0.status == .created)
            }
            let records = try await registre.ledger.history(visitorID: "visitor-42", subjectID: nil)
            #expect(records.map(\.draft.addressPrefix) == ["127.0.0.0/24"], "with no trusted proxy the header is ignored")
        }
    }

    @Test func connectedSystemsReadTheRestrictionsAndObjectionsOfAPerson() async throws {
        try await Self.withServer(over: .live) { client, store, registre in
            let limits = ProcessingLimits(store: store, hasher: registre.hasher)
            _ = try await limits.object(
                identities: ["email=jeanne@exemple.fr"], activities: ["security"], reason: "a journalist exposed to stalking", request: nil,
                policy: registre.policy, at: Date(), actor: "test")
            _ = try await limits.restrict(
                identities: ["email=jeanne@exemple.fr", "phone_number=+33612345678"], activities: [], ground: .accuracyContested, note: nil, request: nil,
                policy: registre.policy, at: Date(), actor: "test")
            let token = "rg_test_token_0123456789abcdef"
            try await store.createToken(name: "crm", tokenHash: KeyedHasher.sha256(token), actor: "test")
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]

            try await client.execute(uri: "/v1/processing?email=jeanne@exemple.fr", method: .get) { #expect($0.status == .unauthorized) }
            for query in ["email=Jeanne%40Exemple.FR", "phone_number=%2B33612345678", "phone_number=06%2012%2034%2056%2078"] {
                try await client.execute(uri: "/v1/processing?\(query)", method: .get, headers: auth) { response in
                    #expect(response.status == .ok, "\(query): \(String(buffer: response.body))")
                    let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    let activities = try #require(body["activities"] as? [[String: Any]])
                    #expect(activities.allSatisfy { $0["may_process"] as? Bool == false }, "a restriction of all processing: \(query)")
                    let statuses = Dictionary(uniqueKeysWithValues: activities.map { ($0["activity"] as! String, $0["status"] as! String) })
                    if query.hasPrefix("email") {
                        #expect(statuses["security"] == "objected" && statuses["billing"] == "restricted")
                        #expect((body["limits"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["objection", "restriction"])
                    } else {
                        #expect(statuses["security"] == "restricted", "the objection was recorded for the e-mail only")
                    }
                }
            }
            try await client.execute(uri: "/v1/processing?email=paul@exemple.fr", method: .get, headers: auth) { response in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect((body["activities"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "allowed" } == true)
                #expect((body["limits"] as? [Any])?.isEmpty == true)
            }
            for (query, code) in [("", "identity-missing"), ("email=", "identity-invalid"), ("email=" + String(repeating: "a", count: 400), "identity-invalid")] {
                try await client.execute(uri: "/v1/processing?\(query)", method: .get, headers: auth) { response in
                    #expect(response.status == .badRequest)
                    let problem = try Self.problem(response)
                    #expect(problem["type"] as? String == "https://registre.dev/problems/\(code)", "\(query)")
                }
            }
        }
    }

    /// Post-mortem directives through the API, as the command line records and applies them.
    @Test func directivesAreRecordedAndAppliedThroughTheAPI() async throws {
        try await Self.withServer(over: .live) { client, store, _ in
            let token = "rg_test_token_0123456789abcdef"
            try await store.createToken(name: "dpo", tokenHash: KeyedHasher.sha256(token), actor: "test")
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            func call(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: HTTPFields = auth) async throws -> (HTTPResponse.Status, Any) {
                try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
                    (response.status, try JSONSerialization.jsonObject(with: Data(buffer: response.body), options: [.fragmentsAllowed]))
                }
            }
            func problem(_ answer: (HTTPResponse.Status, Any)) -> String {
                let type = ((answer.1 as? [String: Any])?["type"] as? String)?.replacingOccurrences(of: "https://registre.dev/problems/", with: "") ?? "-"
                return "\(answer.0.code) \(type)"
            }
            let record = #"{"instruction":"erase","identities":["email=Jeanne@Exemple.fr"],"executor":"Marie Dupont <marie@exemple.fr>","note":"tout effacer"}"#
            #expect(try await call(.post, "/v1/directives", record, headers: [.contentType: "application/json"]).0 == .unauthorized)
            let recorded = try await call(.post, "/v1/directives", record)
            let directive = try #require(recorded.1 as? [String: Any])
            #expect(recorded.0 == .created && directive["id"] as? Int == 1 && directive["instruction"] as? String == "erase", "\(directive)")
            _ = try await call(.post, "/v1/directives", #"{"instruction":"keep","identities":["email=jeanne@exemple.fr"],"executor":"Marie Dupont"}"#)
            #expect(problem(try await call(.post, "/v1/directives", #"{"instruction":"forget","identities":["email=a@b.fr"],"executor":"M"}"#)) == "422 instruction-unknown")
            #expect(problem(try await call(.post, "/v1/directives", #"{"instruction":"erase","identities":[],"executor":"M"}"#)) == "422 identity-missing")
            #expect(problem(try await call(.post, "/v1/directives", #"{"instruction":"erase","identities":["email=a@b.fr"],"executor":" "}"#)) == "422 executor-missing")
            #expect(problem(try await call(.post, "/v1/directives", #"{"instruction":"erase""#)) == "400 json-invalid")

            // Looked up by identity in the body (e-mail case does not matter), withdrawn, then the death.
            let found = try await call(.post, "/v1/directives/search", #"{"identities":["email=JEANNE@exemple.fr"]}"#)
            #expect((found.1 as? [[String: Any]])?.count == 2)
            #expect(try await call(.post, "/v1/directives/2/revoke", #"{"reason":"changed her mind"}"#).0 == .ok)
            #expect(problem(try await call(.post, "/v1/directives/2/revoke")) == "409 directive-closed")
            #expect(problem(try await call(.post, "/v1/directives/9/revoke")) == "404 directive-unknown")
            let died = try await call(.post, "/v1/deaths", #"{"identities":["email=jeanne@exemple.fr"],"notified_by":"Marie Dupont, executor, death certificate"}"#)
            let applied = try #require((died.1 as? [String: Any])?["applied"] as? [[String: Any]])
            #expect(died.0 == .ok && applied.count == 1 && applied.first?["id"] as? Int == 1, "\(died.1)")
            // The erase directive opened an erasure request, in progress.
            let requests = try await call(.get, "/v1/requests")
            #expect((requests.1 as? [[String: Any]])?.first { $0["right"] as? String == "erasure" }?["state"] as? String == "in_progress", "\(requests.1)")
            let nobody = try await call(.post, "/v1/deaths", #"{"identities":["email=paul@exemple.fr"],"notified_by":"his son"}"#)
            #expect(((nobody.1 as? [String: Any])?["note"] as? String)?.contains("art. 85 II") == true)
            #expect(problem(try await call(.post, "/v1/deaths", #"{"identities":["email=paul@exemple.fr"],"notified_by":" "}"#)) == "422 notifier-missing")
        }
    }

    @Test func theDPOCarriesARequestThroughTheAPI() async throws {
        try await Self.withServer(over: .live) { client, store, registre in
            let token = "rg_test_token_0123456789abcdef"
            try await store.createToken(name: "dpo", tokenHash: KeyedHasher.sha256(token), actor: "test")
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            func call(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: HTTPFields = auth) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
                    let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body), options: [.fragmentsAllowed])
                    return (response.status, (object as? [String: Any]) ?? ["list": object])
                }
            }
            func problem(_ answer: (HTTPResponse.Status, [String: Any])) -> String {
                "\(answer.0.code) \((answer.1["type"] as? String)?.replacingOccurrences(of: "https://registre.dev/problems/", with: "") ?? "-")"
            }

            #expect(try await call(.post, "/v1/requests", #"{"right":"erasure","identities":["email=a@b.fr"]}"#, headers: [.contentType: "application/json"]).0 == .unauthorized)
            let opened = try await call(.post, "/v1/requests", #"{"right":"erasure","identities":["email=Karim.Benali@Example.com"]}"#)
            #expect(opened.0 == .created && opened.1["state"] as? String == "received" && opened.1["id"] as? Int == 1)

            #expect(problem(try await call(.post, "/v1/requests", #"{"right":"forgetting","identities":["email=a@b.fr"]}"#)) == "422 right-unknown")
            #expect(problem(try await call(.post, "/v1/requests", #"{"right":"access","identities":[]}"#)) == "422 identity-missing")
            #expect(problem(try await call(.post, "/v1/requests", #"{"right":"access","identities":["nope"]}"#)) == "422 identity-invalid")
            #expect(problem(try await call(.post, "/v1/requests", #"{"right":"restriction","identities":["email=a@b.fr"]}"#)) == "422 ground-missing")
            #expect(problem(try await call(.post, "/v1/requests", #"{"right":"restriction","identities":["email=a@b.fr"],"ground":"bored"}"#)) == "400 field-invalid")
            #expect(problem(try await call(.post, "/v1/requests", #"{"right":"access","#)) == "400 json-invalid")
            #expect(problem(try await call(.post, "/v1/requests", #"{"identities":["email=a@b.fr"]}"#)) == "400 field-missing")
            #expect(problem(try await call(.post, "/v1/requests", #"{"right":"rectification","identities":["email=a@b.fr"],"corrections":["phone"]}"#)) == "422 correction-invalid")

            // A code mailed to the person, given back through the API (a portal's form).
            _ = try await call(.post, "/v1/requests", #"{"right":"access","identities":["email=paul@exemple.fr"]}"#)
            #expect(problem(try await call(.post, "/v1/requests/2/verify", #"{"code":"12345678"}"#)) == "409 code-missing")
            let desk = RequestDesk(store: store, hasher: registre.hasher)
            let mailed = Mutex<String>("")
            _ = try await desk.issueIdentityCode(2, at: Date(), actor: "test") { code, _, _ in mailed.withLock { $0 = code } }
            let code = mailed.withLock { $0 }
            #expect(problem(try await call(.post, "/v1/requests/2/verify", #"{"code":"\#(code == "00000000" ? "11111111" : "00000000")"}"#)) == "422 code-wrong")
            let verified = try await call(.post, "/v1/requests/2/verify", #"{"code":"\#(code)"}"#)
            #expect(verified.0 == .ok && verified.1["state"] as? String == "in_progress")
            _ = try await call(.post, "/v1/requests/2/cancel", #"{"reason":"test"}"#)

            let confirmed = try await call(.post, "/v1/requests/1/confirm")
            #expect(confirmed.0 == .ok && confirmed.1["state"] as? String == "in_progress" && confirmed.1["due_on"] != nil)
            #expect(problem(try await call(.post, "/v1/requests/1/extend", "{}")) == "400 field-missing")
            let extended = try await call(.post, "/v1/requests/1/extend", #"{"reason":"three back offices to search"}"#)
            #expect(extended.0 == .ok && extended.1["extended_to"] != nil)
            #expect(problem(try await call(.post, "/v1/requests/1/extend", #"{"reason":"again"}"#)) == "409 already-extended")

            let listed = try await call(.get, "/v1/requests")
            #expect((listed.1["list"] as? [[String: Any]])?.map { $0["id"] as? Int } == [1])
            let shown = try await call(.get, "/v1/requests/1")
            #expect(shown.1["identities"] as? [String] == ["email=karim.benali@example.com"])
            let statusPath = try #require(shown.1["status_path"] as? String)
            #expect(statusPath.hasPrefix("/rights/requests/1-"))
            let statusPage = try await client.execute(uri: statusPath, method: .get) { $0.status }
            #expect(statusPage == .ok, "the path the DPO gives the person leads to the request's status page")
            #expect(problem(try await call(.get, "/v1/requests/99")) == "404 request-unknown")
            #expect(problem(try await call(.get, "/v1/requests/abc")) == "400 id-invalid")

            #expect(problem(try await call(.post, "/v1/requests/1/complete", #"{"result":"  "}"#)) == "422 result-missing")
            let completed = try await call(.post, "/v1/requests/1/complete", #"{"result":"erased by hand in the CRM"}"#)
            #expect(completed.0 == .ok && completed.1["state"] as? String == "completed")
            #expect(problem(try await call(.post, "/v1/requests/1/refuse", #"{"reason":"late"}"#)) == "409 state-invalid")
            #expect((try await call(.get, "/v1/requests").1["list"] as? [Any])?.isEmpty == true, "closed requests are listed only with all=true")
            #expect((try await call(.get, "/v1/requests?all=true").1["list"] as? [Any])?.count == 2)

            let audit = try await store.auditEntries(after: 0, limit: 20).filter { $0.draft.action.hasPrefix("request.") }
            #expect(audit.map(\.draft.action) == [
                "request.received", "request.received", "request.code_sent", "request.code_failed", "request.identity_confirmed", "request.cancelled",
                "request.identity_confirmed", "request.extended", "request.completed",
            ])
            #expect(audit.allSatisfy { ($0.draft.actor == "token:dpo" || $0.draft.action == "request.code_sent") && !$0.draft.payload.contains("karim") })
        }
    }

    @Test func unknownRoutesAndMethodsAreProblemsToo() async throws {
        try await Self.withServer { client, _, _ in
            try await client.execute(uri: "/v1/nothing", method: .get) { response in
                let problem = try Self.problem(response)
                #expect(response.status == .notFound && problem["type"] as? String == "https://registre.dev/problems/not-found")
            }
            try await client.execute(uri: "/v1/banner?lang=de", method: .get) { response in
                let problem = try Self.problem(response)
                #expect(response.status == .notFound && problem["detail"] as? String == "the banner exists in en, fr")
            }
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        merged.append(contentsOf: other)
        return merged
    }
}

extension ServerTests {
    @Test func theBannerIsSmallAndNeedsNothingFromElsewhere() async throws {
        try await Self.withServer { client, _, registre in
            let script = try await client.execute(uri: "/consent/banner.js", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(response.headers[.accessControlAllowOrigin] == nil || response.headers[.accessControlAllowOrigin] == "*")
                return String(buffer: response.body)
            }
            #expect(!script.contains("http://") && !script.contains("https://"), "no outside dependency")
            for language in ["fr", "en"] {
                let banner = try #require(registre.banners.banners[language])
                #expect(script.contains(banner.hash), "the script cites the \(language) banner's hash")
            }
            // Under 15 KB once gzipped, as served to a browser.
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            gzip.arguments = ["gzip", "-9c"]
            let input = Pipe(), output = Pipe()
            gzip.standardInput = input
            gzip.standardOutput = output
            try gzip.run()
            input.fileHandleForWriting.write(Data(script.utf8))
            try input.fileHandleForWriting.close()
            let compressed = output.fileHandleForReading.readDataToEndOfFile()
            gzip.waitUntilExit()
            #expect(compressed.count > 1000 && compressed.count < 15 * 1024, "banner.js is \(compressed.count) bytes gzipped")
            try await client.execute(uri: "/consent/banner.css", method: .get) { #expect($0.status == .ok && String(buffer: $0.body).contains("#registre-banner")) }
            try await client.execute(uri: "/demo?lang=en", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<script type=\"text/plain\" data-category=\"statistics\">") && page.contains("<html lang=\"en\">"))
            }
        }
    }

    @Test func aPolicyTextCannotBreakOutOfTheInlinedScript() throws {
        let text = try String(contentsOfFile: Self.repository.appendingPathComponent("Examples/exemple-sas.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "name: {fr: Statistiques, en: Statistics}", with: "name: {fr: \"</script><script>alert(1)</script>\", en: Statistics}")
        let policy = try #require(try PolicyLoader.load(text: text, file: "x.yaml").policy)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("registre-xss-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let ledger = ConsentLedger(policy: policy, store: try SQLiteStore(path: path), hasher: try KeyedHasher(secret: Data(repeating: 1, count: 32)))
        let assets = BannerAssets(catalog: BannerCatalog(policy: policy), ledger: ledger)
        #expect(!assets.javascript.contains("</script>"))
        #expect(assets.javascript.contains("<\\/script>"))
    }
}

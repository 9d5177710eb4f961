#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HTTPTypes
import Hummingbird

/// The reverse proxies and load balancers in front of the server, whose word on the client's
/// address is believed. Behind a proxy every connection comes from the proxy: without this the
/// whole site would share one rate limit and every consent would record the proxy's network.
///
/// The header a proxy appends to is read from right to left, skipping the trusted proxies; the
/// first address that is not one is the client. Entries further left were written by the client
/// itself and are never believed. A request from a peer that is not trusted keeps its peer's
/// address whatever its headers say.
public struct TrustedProxies: Sendable {
    /// The header the proxies write the client's address into.
    public enum Header: String, Sendable, CaseIterable {
        /// `X-Forwarded-For: client, proxy1`: what nginx, HAProxy and most load balancers send.
        case xForwardedFor = "x-forwarded-for"
        /// RFC 7239 `Forwarded: for=client;proto=https, for="[2001:db8::1]:4711"`.
        case forwarded

        var fieldName: HTTPField.Name {
            switch self {
            case .xForwardedFor: HTTPField.Name("X-Forwarded-For")!
            case .forwarded: HTTPField.Name("Forwarded")!
            }
        }
    }

    /// An IP network: an address and how many of its leading bits count. IPv4 networks are kept
    /// as IPv4-mapped IPv6 ones, so one comparison serves both families.
    public struct Network: Sendable, Equatable, CustomStringConvertible {
        let bytes: [UInt8]
        let prefixLength: Int
        public let description: String

        /// Parses `10.0.0.0/8`, `fd00::/8`, or a single address (`127.0.0.1`, `::1`).
        public init?(_ text: String) {
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let (bytes, isIPv4) = Self.parseAddress(String(parts[0])) else { return nil }
            let familyBits = isIPv4 ? 32 : 128
            var length = familyBits
            if parts.count == 2 {
                guard let given = Int(parts[1]), parts[1].allSatisfy(\.isASCII), (0...familyBits).contains(given) else { return nil }
                length = given
            }
            self.bytes = bytes
            self.prefixLength = isIPv4 ? length + 96 : length
            self.description = text
        }

        /// Whether `address` (16 bytes) lies in the network.
        func contains(_ address: [UInt8]) -> Bool {
            var remaining = prefixLength
            for index in 0..<16 where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if address[index] & mask != bytes[index] & mask { return false }
                remaining -= bits
            }
            return true
        }

        /// An IP address as 16 bytes (IPv4 as `::ffff:a.b.c.d`), and whether it was IPv4.
        static func parseAddress(_ text: String) -> (bytes: [UInt8], isIPv4: Bool)? {
            var v4 = in_addr()
            if inet_pton(AF_INET, text, &v4) == 1 {
                return (Array(repeating: 0, count: 10) + [0xFF, 0xFF] + withUnsafeBytes(of: v4) { Array($0) }, true)
            }
            var v6 = in6_addr()
            if inet_pton(AF_INET6, text, &v6) == 1 { return (withUnsafeBytes(of: v6) { Array($0) }, false) }
            return nil
        }
    }

    /// The trusted networks.
    public let networks: [Network]
    /// The header they write.
    public let header: Header

    /// No proxy is trusted: the client is the connection's peer.
    public static let none = TrustedProxies(networks: [], header: .xForwardedFor)

    /// Trusts `networks`, which write the client's address into `header`.
    public init(networks: [Network], header: Header = .xForwardedFor) {
        self.networks = networks
        self.header = header
    }

    /// Whether any proxy is trusted.
    public var isEmpty: Bool { networks.isEmpty }

    /// The client of a request whose connection comes from `peer` with `headers`.
    public func clientAddress(peer: String?, headers: HTTPFields) -> String? {
        guard let peer, isTrusted(peer) else { return peer }
        let lines = headers[values: header.fieldName]
        guard !lines.isEmpty else { return peer }
        let hops = lines.flatMap { $0.split(separator: ",") }.map { Self.address(of: $0, in: header) }
        var client = peer
        for hop in hops.reversed() {
            // Something that is not an address (`unknown`, an obfuscated name, garbage) ends the
            // walk: the last address read is the best anyone can say.
            guard let hop, Network.parseAddress(hop) != nil else { break }
            client = hop
            if !isTrusted(hop) { break }
        }
        return client
    }

    func isTrusted(_ address: String) -> Bool {
        guard let (bytes, _) = Network.parseAddress(address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The address of one hop: `X-Forwarded-For` lists bare addresses; a `Forwarded` element is
    /// `for=...` among other pairs, quoted when it holds a port or an IPv6 address.
    static func address(of hop: Substring, in header: Header) -> String? {
        switch header {
        case .xForwardedFor:
            return hop.trimmingSpaces
        case .forwarded:
            for pair in hop.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingSpaces.lowercased() == "for" else { continue }
                var value = Substring(parts[1].trimmingSpaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
                if value.hasPrefix("[") {
                    guard let close = value.firstIndex(of: "]") else { return nil }
                    return String(value[value.index(after: value.startIndex)..<close])
                }
                if Network.parseAddress(String(value)) == nil, let colon = value.firstIndex(of: ":") { value = value[..<colon] }
                return String(value)
            }
            return nil
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// Sets the context's client address from the trusted proxies' header, before anything reads it.
struct ForwardedClientMiddleware: RouterMiddleware {
    typealias Context = RegistreRequestContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = proxies.clientAddress(peer: context.clientAddress, headers: request.headers)
        return try await next(request, context)
    }
}

import Hummingbird
import NIOCore
import RegistreStore

/// The context of a request: the connection's address, for rate limiting and the truncated
/// address of a consent, and the API token an admin request proved.
public struct RegistreRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's core context.
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection.
    public let remoteAddress: SocketAddress?
    /// The token of an authenticated admin request.
    public var token: APIToken?

    /// Public bodies are small: a consent is a few hundred bytes (64 KiB is generous).
    public var maxUploadSize: Int { 64 * 1024 }

    /// Creates a context for a request on `source`'s channel.
    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        clientAddress = remoteAddress?.ipAddress
    }

    /// The client's IP address as text: the connection's peer, or the address a trusted proxy
    /// forwarded (``ForwardedClientMiddleware``).
    var clientAddress: String?
}

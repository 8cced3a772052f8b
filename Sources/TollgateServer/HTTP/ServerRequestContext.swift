import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage and the client's address
/// (the rate-limit key of anonymous requests).
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or `unknown`.
    public let remoteAddress: String
    /// The connection, for its TLS client certificate (`--tls-client-ca`).
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        channel = source.channel
    }

    /// The request id Hummingbird put in the logger's metadata. (`RequestContext.id` unwraps it and
    /// traps under a log handler that keeps no metadata.)
    var requestID: String {
        logger[metadataKey: "hb.request.id"]?.description ?? "-"
    }
}

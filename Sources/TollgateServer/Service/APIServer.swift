import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import UnixSignals
import Synchronization
import TollgateData
import TollgateLedger
import TollgateTransparency

/// The Tollgate server: Hummingbird 2 serving `APIRoutes.all`, and the `StateLoader`, in one
/// swift-service-lifecycle `ServiceGroup`.
///
/// SIGTERM or SIGINT shuts it down gracefully: the HTTP server stops accepting connections and
/// finishes the requests in flight (each acknowledged write is already durable: the ledger and the
/// stores commit before a response is sent), then the loader signs a last checkpoint.
public final class APIServer: Sendable {
    /// The address it listens on, once bound (`host:port`).
    public let address: String
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(address: String, port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.address = address
        self.port = port
        self.group = group
        self.task = task
    }

    /// Validates the configuration, starts serving, and returns once the port is bound (the stores
    /// may still be loading: `/readyz`). `signals` are the graceful-shutdown signals (none in tests).
    public static func start(_ configuration: ServerConfiguration, logger: Logger,
                             signals: [UnixSignal] = [.sigterm, .sigint]) async throws -> APIServer {
        // Configuration mistakes stop start-up at once, with their reason; only an unreachable
        // database is waited for.
        let ledgerConfig = try configuration.location.loadConfig()
        let signer = try configuration.location.signer(for: ledgerConfig)
        let state = ServerState(configuration: configuration)
        let limiter = RateLimiter(perSecond: configuration.limits.requestsPerSecond, burst: configuration.limits.burst)
        let routes = APIRoutes.all
        let router = Router(context: ServerRequestContext.self)
        if let origin = configuration.corsOrigin {
            router.add(middleware: CORSMiddleware<ServerRequestContext>(allowOrigin: CORSMiddleware<ServerRequestContext>.AllowOriginExtended.custom(origin),
                                                  allowMethods: [.get, .post, .put, .delete, .head, .options]))
        }
        router.add(middleware: APIMiddleware(routes: routes, tls: configuration.tlsCertificate != nil))
        // Request latency per route (swift-metrics, exported at /metrics).
        _ = ServerMetrics.registry
        router.add(middleware: MetricsMiddleware<ServerRequestContext>())
        let dispatcher = RouteDispatcher(server: state, limiter: limiter)
        for route in routes {
            router.on(RouterPath(route.routerPath), method: route.method) { request, context in
                await dispatcher.respond(route, request, context)
            }
        }
        DashboardRoutes.register(on: router, server: state, dispatcher: dispatcher,
                                 dashboard: try Dashboard(tls: configuration.tlsCertificate != nil, index: state.index))
        MetricsRoute.register(on: router, server: state)
        let bound = AsyncStream<Int>.makeStream()
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(75)))
        let serverBuilder: HTTPServerBuilder
        if let certificate = configuration.tlsCertificate, let key = configuration.tlsKey {
            serverBuilder = try .tls(http1, tlsConfiguration: try tlsConfiguration(certificate: certificate, key: key,
                                                                                             clientCA: configuration.tlsClientCA))
        } else {
            serverBuilder = http1
        }
        let app = Application(router: router, server: serverBuilder,
                              configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                                   serverName: nil),
                              onServerRunning: { channel in
                                  bound.continuation.yield(channel.localAddress?.port ?? configuration.port)
                                  bound.continuation.finish()
                              },
                              logger: logger)
        let loader = StateLoader(server: state, config: ledgerConfig, signer: signer, logger: logger)
        // Services stop in reverse order: the HTTP server first (in-flight requests finish), the loader last.
        let group = ServiceGroup(configuration: .init(services: [loader, app], gracefulShutdownSignals: signals, logger: logger))
        let task = Task {
            defer { bound.continuation.finish() }
            try await group.run()
        }
        var iterator = bound.stream.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The group ended before binding: report why.
            try await task.value
            throw ServerError(.invalidConfiguration, "the server stopped before it listened on \(configuration.host):\(configuration.port)")
        }
        return APIServer(address: "\(configuration.host):\(port)", port: port, group: group, task: task)
    }

    /// Waits until the server stops (a signal, or `shutdown()`).
    public func wait() async throws {
        try await task.value
    }

    /// Shuts down gracefully and waits for it.
    public func shutdown() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    static func tlsConfiguration(certificate: String, key: String, clientCA: String? = nil) throws -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
            tls.minimumTLSVersion = .tlsv12
            if let clientCA {
                // A client certificate is optional (token clients have none); one presented must chain
                // to `clientCA`, and only then may it stand for the API server (RouteDispatcher).
                tls.certificateVerification = .optionalVerification
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(clientCA))
            }
            return tls
        } catch {
            throw ServerError(.invalidConfiguration, "cannot load the TLS certificate '\(certificate)' and key '\(key)'"
                              + (clientCA.map { " or the client CA '\($0)'" } ?? ""))
        }
    }
}

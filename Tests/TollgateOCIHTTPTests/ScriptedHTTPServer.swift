import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server whose every answer comes from `respond`, and which remembers the
/// requests it saw: a registry, token service or blob store that behaves as a test needs.
final class ScriptedHTTPServer: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: [UInt8] = []

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: [UInt8] = []
    }

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let seen: NIOLockedValueBox<[Request]>
    /// `HOST:PORT`.
    let address: String

    var requests: [Request] { seen.withLockedValue { $0 } }

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, seen: NIOLockedValueBox<[Request]>, host: String) {
        self.group = group
        self.channel = channel
        self.seen = seen
        address = "\(host):\(channel.localAddress?.port ?? 0)"
    }

    static func start(host: String = "127.0.0.1", _ respond: @escaping @Sendable (Request) -> Response) async throws -> ScriptedHTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let seen = NIOLockedValueBox<[Request]>([])
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Responder(respond: respond, seen: seen))
                }
            }
            .bind(host: host, port: 0).get()
        return ScriptedHTTPServer(group: group, channel: channel, seen: seen, host: host)
    }

    func stop() async throws {
        try await channel.close().get()
        try await group.shutdownGracefully()
    }
}

private final class Responder: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let respond: @Sendable (ScriptedHTTPServer.Request) -> ScriptedHTTPServer.Response
    let seen: NIOLockedValueBox<[ScriptedHTTPServer.Request]>
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(respond: @escaping @Sendable (ScriptedHTTPServer.Request) -> ScriptedHTTPServer.Response, seen: NIOLockedValueBox<[ScriptedHTTPServer.Request]>) {
        self.respond = respond
        self.seen = seen
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer): body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let request = ScriptedHTTPServer.Request(method: head.method.rawValue, uri: head.uri,
                                                     headers: head.headers.map { ($0.name, $0.value) }, body: body)
            seen.withLockedValue { $0.append(request) }
            let response = respond(request)
            var headers = HTTPHeaders(response.headers)
            headers.replaceOrAdd(name: "content-length", value: "\(response.body.count)")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: response.status),
                                                                 headers: headers))), promise: nil)
            if head.method != .HEAD { context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

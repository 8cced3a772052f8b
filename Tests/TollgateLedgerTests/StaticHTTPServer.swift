import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server that serves the files under `root` (404 when absent), so
/// `tollgate ledger verify --log http://…` is tested against a real socket without a network.
final class StaticHTTPServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    /// `http://127.0.0.1:PORT/`.
    let url: String

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.group = group
        self.channel = channel
        url = "http://127.0.0.1:\(channel.localAddress?.port ?? 0)/"
    }

    static func start(root: URL) async throws -> StaticHTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FileResponder(root: root))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return StaticHTTPServer(group: group, channel: channel)
    }

    /// Serves each of `roots` on its own port while `body` runs (given their URLs), then stops them.
    static func serving<T>(_ roots: [URL], _ body: ([String]) async throws -> T) async throws -> T {
        var servers: [StaticHTTPServer] = []
        for root in roots { servers.append(try await start(root: root)) }
        do {
            let result = try await body(servers.map(\.url))
            for server in servers { try await server.stop() }
            return result
        } catch {
            for server in servers { try? await server.stop() }
            throw error
        }
    }

    func stop() async throws {
        try await channel.close().get()
        try await group.shutdownGracefully()
    }
}

/// Answers each GET with the file at the request path below `root`.
private final class FileResponder: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let root: URL

    init(root: URL) {
        self.root = root
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let path = head.uri.split(separator: "?").first.map { String($0.drop { $0 == "/" }) } ?? ""
        var isDirectory: ObjCBool = false
        let file = root.appendingPathComponent(path)
        let body: Data? = path.contains("..") || !FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory)
            || isDirectory.boolValue ? nil : try? Data(contentsOf: file)
        var headers = HTTPHeaders()
        headers.add(name: "content-length", value: "\(body?.count ?? 0)")
        let status: HTTPResponseStatus = body == nil ? .notFound : .ok
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body ?? Data())))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

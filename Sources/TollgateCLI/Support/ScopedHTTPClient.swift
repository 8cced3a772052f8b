import AsyncHTTPClient
import NIOCore

/// An AsyncHTTPClient for one command's reads: five redirects at most, no reconnection loop (a
/// source that cannot be reached fails at once), a read timeout; shut down when `body` returns.
enum ScopedHTTPClient {
    static func with<T: Sendable>(timeout: TimeAmount, _ body: (HTTPClient) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false),
                                                     timeout: .init(connect: .seconds(10), read: timeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let result: T
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }
}

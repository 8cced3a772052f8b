/// The one HTTP operation keyless signing needs: a JSON `POST`. TollgateSigstore opens no
/// connection itself; the caller injects a transport (the CLI's is AsyncHTTPClient-based), so
/// the library stays free of NIO and tests can answer from memory or loopback.
public protocol SigstoreHTTPTransport: Sendable {
    /// POSTs `body` to `url` with `headers` and returns the status and body (at most `limit`
    /// bytes). Throws only when there is no answer (unreachable, timeout, body too long).
    func post(_ url: String, body: [UInt8], headers: [String: String], limit: Int) async throws -> SigstoreHTTPResponse
}

/// An HTTP answer: its status code and body.
public struct SigstoreHTTPResponse: Sendable {
    public let status: Int
    public let body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

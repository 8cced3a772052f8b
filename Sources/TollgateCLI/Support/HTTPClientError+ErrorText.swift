import AsyncHTTPClient
import TollgateModel

/// AsyncHTTPClient's errors as sentences; its `description` is `HTTPClientError.<code>`.
extension HTTPClientError: ErrorTextConvertible {
    public var errorText: String {
        switch self {
        case .connectTimeout: "the connection timed out"
        case .readTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout: "the server did not answer in time"
        case .tlsHandshakeTimeout: "the TLS handshake timed out"
        case .remoteConnectionClosed: "the server closed the connection"
        case .invalidURL, .emptyHost: "the URL is not a valid http(s) URL"
        case .redirectCycleDetected: "the server redirects in a cycle"
        case .cancelled, .alreadyShutdown: "the request was cancelled"
        default: "the HTTP request failed"
        }
    }
}

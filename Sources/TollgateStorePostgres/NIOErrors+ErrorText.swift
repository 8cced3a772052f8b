import Foundation
import PostgresNIO
import TollgateModel

// SwiftNIO's socket and connection errors as sentences. They live here because this is the lowest
// Tollgate module that links SwiftNIO's connection code (through PostgresNIO); the CLI's HTTP tile
// source meets the same errors.

/// A failed system call, as the operating system's message (`Connection refused`).
extension IOError: ErrorTextConvertible {
    public var errorText: String { String(cString: strerror(errnoCode)) }
}

/// A failed connection, by its cause: the host name did not resolve, or the first address's socket
/// error. The caller's message names the server.
extension NIOConnectionError: ErrorTextConvertible {
    public var errorText: String {
        if dnsAError != nil || dnsAAAAError != nil {
            return "cannot resolve the host name '\(host)'"
        }
        return connectionErrors.first.map { ErrorText.describe($0.error) } ?? "the connection failed"
    }
}

/// A channel that timed out or was closed under an operation.
extension ChannelError: ErrorTextConvertible {
    public var errorText: String {
        switch self {
        case .connectTimeout(let amount): "the connection timed out after \(amount.nanoseconds / 1_000_000) ms"
        case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof: "the connection was closed"
        case .writeHostUnreachable: "the host is unreachable"
        default: "the network operation failed"
        }
    }
}

import PostgresNIO
import TollgateModel

/// PostgresNIO's errors as the server's own message, or what happened to the connection. Its
/// `description` is a fixed placeholder (so it cannot leak query data), which tells a user nothing.
extension PSQLError: ErrorTextConvertible {
    public var errorText: String {
        if let message = serverInfo?[.message] {
            return "PostgreSQL: \(message)" + (serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        // A connection error is said by its cause alone ("Connection refused"): the caller names the server.
        if code == .connectionError, let underlying { return ErrorText.describe(underlying) }
        let what = switch code {
        case .connectionError: "cannot connect to PostgreSQL"
        case .serverClosedConnection: "PostgreSQL closed the connection"
        case .clientClosedConnection, .poolClosed: "the connection to PostgreSQL is already closed"
        case .sslUnsupported: "the PostgreSQL server does not support TLS"
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError: "PostgreSQL authentication failed"
        case .queryCancelled: "the PostgreSQL query was cancelled"
        default: "the PostgreSQL driver failed (\(code))"
        }
        return underlying.map { "\(what): \(ErrorText.describe($0))" } ?? what
    }
}

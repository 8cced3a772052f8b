import TollgateModel

/// The error type of `TollgateServer`: what a request did wrong, or why the server cannot answer.
/// Every one becomes `{"code", "message"}` with its HTTP status (docs/server.md#errors).
public typealias ServerError = ModuleError<ServerErrorKind>

/// The stable kinds of `ServerError`. The raw value is the documented code.
public enum ServerErrorKind: String, TollgateErrorKind {
    /// The request is malformed: not JSON, a missing or mistyped field, a bad digest or query.
    case badRequest = "server.bad-request"
    /// No credentials, or credentials that do not authenticate (unknown, expired, revoked token;
    /// an OIDC token that fails verification or matches no trust rule).
    case unauthenticated = "server.unauthenticated"
    /// Authenticated, but the principal's role does not grant the endpoint.
    case forbidden = "server.forbidden"
    case notFound = "server.not-found"
    case methodNotAllowed = "server.method-not-allowed"
    /// The resource exists in a state that conflicts with the request.
    case conflict = "server.conflict"
    /// The body is larger than the limit.
    case tooLarge = "server.too-large"
    case unsupportedMediaType = "server.unsupported-media-type"
    /// Well-formed, but refused: evidence that fails verification, a policy that does not parse.
    case unprocessable = "server.unprocessable"
    /// The principal sent more requests than its rate allows.
    case rateLimited = "server.rate-limited"
    /// The server is starting (stores or trusted root not loaded), a store is unreachable, or the
    /// request took longer than the time limit.
    case unavailable = "server.unavailable"
    /// A bug: the message says nothing more (the log has the reason).
    case `internal` = "server.internal"
    /// The server's own configuration (listen address, TLS files, trust file) is invalid.
    case invalidConfiguration = "server.invalid-configuration"

    /// The HTTP status of a response carrying this error.
    public var httpStatus: Int {
        switch self {
        case .badRequest: 400
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .conflict: 409
        case .tooLarge: 413
        case .unsupportedMediaType: 415
        case .unprocessable: 422
        case .rateLimited: 429
        case .unavailable: 503
        case .internal: 500
        case .invalidConfiguration: 500
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidConfiguration: .usage
        case .unavailable, .internal: .environment
        default: .invalidInput
        }
    }
}

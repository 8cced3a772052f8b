import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TollgateLedger
import TollgateModel
import TollgateStore

/// Turns any error into the JSON `{code, message}` response with the right status. Errors about
/// the request keep their reason; anything else is logged with the request id and answered
/// `server.internal` without details, so no stack trace, type dump or secret reaches a client.
enum ErrorMapper {
    static func response(for error: any Error, requestID: String, logger: Logger) -> Response {
        switch error {
        case let error as RateLimitedError:
            return APIResponse.error(code: ServerErrorKind.rateLimited.rawValue,
                                     message: "too many requests; retry after \(error.retryAfter) s",
                                     status: 429, headers: [(.retryAfter, String(error.retryAfter))])
        case let error as ServerError:
            if error.kind == .internal || error.kind == .invalidConfiguration { return internalError(error, requestID, logger) }
            var headers: [(HTTPField.Name, String)] = []
            if error.kind == .unauthenticated { headers.append((.wwwAuthenticate, "Bearer realm=\"tollgate\"")) }
            return APIResponse.error(code: error.code, message: error.reason, status: error.kind.httpStatus, headers: headers)
        case let error as StoreError:
            switch error.kind {
            case .notFound: return APIResponse.error(code: error.code, message: error.reason, status: 404)
            case .conflict: return APIResponse.error(code: error.code, message: error.reason, status: 409)
            case .unavailable:
                logger.warning("store unavailable", metadata: ["request": "\(requestID)", "reason": "\(error.reason)"])
                return APIResponse.error(code: ServerErrorKind.unavailable.rawValue, message: "the store is unavailable; retry later", status: 503)
            default: return internalError(error, requestID, logger)
            }
        case let error as LedgerError where error.kind == .indexOutOfRange || error.kind == .missingNode:
            return APIResponse.error(code: ServerErrorKind.notFound.rawValue, message: error.reason, status: 404)
        case let error as HTTPError:
            let status = error.status.code
            let kind: ServerErrorKind = status == 404 ? .notFound : status == 413 ? .tooLarge : status == 405 ? .methodNotAllowed : .badRequest
            guard status < 500 else { return internalError(error, requestID, logger) }
            return APIResponse.error(code: kind.rawValue, message: error.body ?? HTTPResponse.Status(code: status).reasonPhrase, status: status)
        case let error as any TollgateError where error.exitStatus == .invalidInput || error.exitStatus == .usage:
            // A library refused the request's input (a policy, a document): it is unprocessable.
            return APIResponse.error(code: error.code, message: error.reason, status: 422)
        case is CancellationError:
            return APIResponse.error(code: ServerErrorKind.unavailable.rawValue, message: "the server is shutting down; retry", status: 503)
        default:
            return internalError(error, requestID, logger)
        }
    }

    private static func internalError(_ error: any Error, _ requestID: String, _ logger: Logger) -> Response {
        logger.error("request failed", metadata: ["request": "\(requestID)", "reason": "\(ErrorText.describe(error))"])
        return APIResponse.error(code: ServerErrorKind.internal.rawValue, message: "internal error (request \(requestID)); the server log has the reason",
                                 status: 500)
    }
}

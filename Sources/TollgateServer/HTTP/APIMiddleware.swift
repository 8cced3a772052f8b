import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: JSON errors for what the router itself refuses (no route: 404, or
/// 405 with `Allow` when the path exists with other methods), and security headers on every
/// response (`nosniff`, no framing, a `default-src 'none'` CSP, no referrer, `no-store` unless
/// the route set a cache policy, and HSTS under TLS).
struct APIMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    let routes: [APIRoute]
    let tls: Bool

    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.filter { $0.matches(path: request.uri.path) }.map(\.method.rawValue)
            if allowed.isEmpty {
                response = APIResponse.error(code: ServerErrorKind.notFound.rawValue, message: "no such endpoint: \(request.uri.path.prefix(200))", status: 404)
            } else {
                response = APIResponse.error(code: ServerErrorKind.methodNotAllowed.rawValue,
                                             message: "\(request.method.rawValue) is not allowed here; use \(allowed.joined(separator: ", "))",
                                             status: 405, headers: [(.allow, allowed.joined(separator: ", "))])
            }
        } catch {
            response = ErrorMapper.response(for: error, requestID: context.requestID, logger: context.logger)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.frameOptions] = "DENY"
        // The dashboard's pages set their own (styles from this server, forms to it); nothing else does.
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        }
        response.headers[Self.referrerPolicy] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if tls { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the dashboard's pages with swift-mustache from `DashboardTemplates`, as HTML responses
/// with the dashboard's content security policy (styles from the server only; no script at all).
struct DashboardRenderer: Sendable {
    let library: MustacheLibrary

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// Compiles every template (a template that does not parse stops the server at start-up).
    init() throws {
        var library = MustacheLibrary()
        for (name, text) in DashboardTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                throw ServerError(.internal, "the dashboard template '\(name)' does not parse: \(error)")
            }
        }
        self.library = library
    }

    func html(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok,
              headers extra: [(HTTPField.Name, String)] = []) -> Response {
        let text = library.render(context, withTemplate: template) ?? "<!doctype html><title>Tollgate</title><p>page template missing</p>"
        let bytes = Array(text.utf8)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLength] = String(bytes.count)
        headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        for (name, value) in extra { headers.append(HTTPField(name: name, value: value)) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

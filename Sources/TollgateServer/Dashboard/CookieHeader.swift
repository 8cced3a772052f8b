import Foundation
import HTTPTypes

/// The cookies of a request's `Cookie` headers, by name (the first of a repeated name wins).
struct CookieHeader {
    let values: [String: String]

    init(_ fields: HTTPFields) {
        var values: [String: String] = [:]
        for field in fields where field.name == .cookie {
            for pair in field.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                if values[name] == nil { values[name] = parts[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        self.values = values
    }

    subscript(_ name: String) -> String? { values[name] }

    /// A `Set-Cookie` value: HttpOnly, SameSite=Strict, limited to the dashboard, Secure under TLS.
    static func set(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/dashboard; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }
}

import TollgateStore

/// Who a request acts for: an API token's holder or a CI job's OIDC identity, with the role it
/// was granted. `actor` is written into every ledger entry the request causes.
public struct Principal: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case token
        case oidc
        /// The Kubernetes API server's TLS client certificate, verified against `--tls-client-ca`:
        /// accepted for `POST /v1/admission` only, with the `deployer` role.
        case certificate
    }

    public let kind: Kind
    /// The token's name, or the OIDC token's subject (`sub`).
    public let name: String
    public let role: Role
    /// What logs may name: the token id, or `ISSUER#SUBJECT`.
    public let id: String

    public init(kind: Kind, name: String, role: Role, id: String) {
        self.kind = kind
        self.name = name
        self.role = role
        self.id = id
    }

    /// The ledger actor: `token:NAME`, `oidc:ISSUER#SUBJECT` or `certificate:sha256:…`.
    public var actor: String {
        let text = switch kind {
        case .token: "token:\(name)"
        case .oidc: "oidc:\(id)"
        case .certificate: "certificate:\(id)"
        }
        // An entry's actor is at most 1024 bytes; an OIDC subject is chosen by the issuer.
        return text.utf8.count <= 1024 ? text : String(decoding: Array(text.utf8.prefix(1000)), as: UTF8.self) + "…"
    }
}

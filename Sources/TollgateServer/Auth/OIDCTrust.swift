import Foundation
import TollgatePolicy
import TollgateStore
import Yams

/// The OIDC trust file (`--oidc-trust FILE`): which CI identity providers the server accepts,
/// for which audience, with which keys, and which role a job gets by its claims.
///
/// ```yaml
/// apiVersion: tollgate.dev/v1
/// kind: OIDCTrust
/// clockSkew: 60s                    # bounded leeway for exp, nbf and iat (at most 5m)
/// issuers:
///   - issuer: https://token.actions.githubusercontent.com
///     audience: https://tollgate.example.com
///     jwks: { url: https://token.actions.githubusercontent.com/.well-known/jwks, refresh: 1h }   # or { file: jwks.json }
///     rules:                        # the first rule whose every pattern matches gives the role
///       - role: publisher
///         claims: { repository: "acme/*", workflow_ref: "acme/*/.github/workflows/release.yml@refs/tags/v*", ref: "refs/tags/v*" }
/// ```
///
/// Patterns are `GlobPattern`s (`*` does not cross `/`, `**` does); a rule that names a claim the
/// token lacks does not match. Unknown keys are errors: a misspelled claim must never widen trust.
public struct OIDCTrust: Sendable {
    public struct Issuer: Sendable {
        public let issuer: String
        public let audience: String
        public let keys: KeySource
        public let rules: [Rule]
    }

    public enum KeySource: Sendable, Equatable {
        /// A JWKS file (read at start-up, path relative to the trust file).
        case file(String)
        /// A JWKS URL, fetched when first needed and again after `refresh` or on an unknown key id.
        case url(String, refresh: TimeInterval)
    }

    public struct Rule: Sendable {
        public let role: Role
        /// Claim name → pattern.
        public let claims: [(claim: String, pattern: GlobPattern)]

        /// Whether every pattern matches its claim.
        func matches(_ value: (String) -> String?) -> Bool {
            claims.allSatisfy { claim, pattern in value(claim).map(pattern.matches) ?? false }
        }
    }

    /// The claims a rule may match.
    public static let matchableClaims = ["repository", "workflow_ref", "ref", "environment", "sub"]
    public static let maxClockSkew: TimeInterval = 300

    public let issuers: [Issuer]
    public let clockSkew: TimeInterval

    public init(issuers: [Issuer], clockSkew: TimeInterval = 60) {
        self.issuers = issuers
        self.clockSkew = clockSkew
    }

    /// Reads the trust file at `path`.
    public static func load(path: String) throws -> OIDCTrust {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
            throw ServerError(.invalidConfiguration, "cannot read the OIDC trust file '\(path)' (missing, unreadable or over 1 MiB)")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses a trust document; `file` names it in messages and anchors relative JWKS paths.
    public static func parse(_ text: String, file: String = "<oidc-trust>") throws -> OIDCTrust {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw fail(file, "the document is empty") }
            root = node
        } catch let error as ServerError {
            throw error
        } catch {
            throw fail(file, "not YAML: \(error.localizedDescription)")
        }
        let top = try mapping(root, allowed: ["apiVersion", "kind", "clockSkew", "issuers"], at: "", file: file)
        guard top["apiVersion"]?.string == "tollgate.dev/v1", top["kind"]?.string == "OIDCTrust" else {
            throw fail(file, "expected apiVersion: tollgate.dev/v1 and kind: OIDCTrust")
        }
        var skew: TimeInterval = 60
        if let value = top["clockSkew"] {
            guard let text = value.string, let duration = PolicyDuration(parsing: text), duration.seconds <= maxClockSkew else {
                throw fail(file, "clockSkew: expected a duration up to 5m such as 60s")
            }
            skew = duration.seconds
        }
        guard let list = top["issuers"]?.sequence, !list.isEmpty else { throw fail(file, "issuers: expected a non-empty list") }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        var issuers: [Issuer] = []
        for (position, node) in list.enumerated() {
            let at = "issuers[\(position)]"
            let fields = try mapping(node, allowed: ["issuer", "audience", "jwks", "rules"], at: at, file: file)
            guard let issuer = fields["issuer"]?.string, issuer.hasPrefix("https://") || issuer.hasPrefix("http://") else {
                throw fail(file, "\(at).issuer: expected the issuer URL exactly as tokens carry it in iss")
            }
            guard let audience = fields["audience"]?.string, !audience.isEmpty else {
                throw fail(file, "\(at).audience: expected the audience CI jobs request their tokens for")
            }
            guard let jwksNode = fields["jwks"] else { throw fail(file, "\(at).jwks: expected { file: PATH } or { url: URL }") }
            let jwks = try mapping(jwksNode, allowed: ["file", "url", "refresh"], at: "\(at).jwks", file: file)
            let keys: KeySource
            switch (jwks["file"]?.string, jwks["url"]?.string) {
            case (let path?, nil):
                keys = .file(path.hasPrefix("/") ? path : directory.appendingPathComponent(path).path)
            case (nil, let url?):
                guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw fail(file, "\(at).jwks.url: expected an http(s) URL") }
                var refresh: TimeInterval = 3600
                if let text = jwks["refresh"]?.string {
                    guard let duration = PolicyDuration(parsing: text), duration.seconds >= 60 else {
                        throw fail(file, "\(at).jwks.refresh: expected a duration of at least 1m")
                    }
                    refresh = duration.seconds
                }
                keys = .url(url, refresh: refresh)
            default:
                throw fail(file, "\(at).jwks: give exactly one of file and url")
            }
            guard let ruleNodes = fields["rules"]?.sequence, !ruleNodes.isEmpty else {
                throw fail(file, "\(at).rules: expected a non-empty list of { role, claims }")
            }
            var rules: [Rule] = []
            for (index, ruleNode) in ruleNodes.enumerated() {
                let ruleAt = "\(at).rules[\(index)]"
                let rule = try mapping(ruleNode, allowed: ["role", "claims"], at: ruleAt, file: file)
                guard let roleText = rule["role"]?.string, let role = Role(rawValue: roleText) else {
                    throw fail(file, "\(ruleAt).role: expected one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let claimsNode = rule["claims"] else {
                    throw fail(file, "\(ruleAt).claims: expected at least one of \(matchableClaims.joined(separator: ", "))")
                }
                let claimFields = try mapping(claimsNode, allowed: matchableClaims, at: "\(ruleAt).claims", file: file)
                var claims: [(String, GlobPattern)] = []
                for claim in matchableClaims {
                    guard let node = claimFields[claim] else { continue }
                    guard let pattern = node.string, !pattern.isEmpty else { throw fail(file, "\(ruleAt).claims.\(claim): expected a pattern") }
                    claims.append((claim, GlobPattern(pattern)))
                }
                guard !claims.isEmpty else {
                    throw fail(file, "\(ruleAt).claims: expected at least one of \(matchableClaims.joined(separator: ", "))")
                }
                rules.append(Rule(role: role, claims: claims))
            }
            issuers.append(Issuer(issuer: issuer, audience: audience, keys: keys, rules: rules))
        }
        guard Set(issuers.map(\.issuer)).count == issuers.count else { throw fail(file, "an issuer is listed twice") }
        return OIDCTrust(issuers: issuers, clockSkew: skew)
    }

    private static func mapping(_ node: Node, allowed: [String], at path: String, file: String) throws -> [String: Node] {
        guard let mapping = node.mapping else { throw fail(file, "\(path.isEmpty ? "the document" : path): expected a mapping") }
        var out: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                throw fail(file, "\(path.isEmpty ? "" : path + ".")\(key.string ?? "?"): unknown key; expected one of \(allowed.joined(separator: ", "))")
            }
            out[name] = value
        }
        return out
    }

    private static func fail(_ file: String, _ message: String) -> ServerError {
        ServerError(.invalidConfiguration, "\(file): \(message)")
    }
}

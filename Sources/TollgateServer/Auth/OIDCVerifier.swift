import Foundation
import JWTKit
import TollgateModel

/// Verifies CI jobs' OIDC tokens against the trust file and maps them to principals.
///
/// Each step refuses with a reason (HTTP 401): the token's shape; its `alg` (asymmetric only, never
/// `none` or HMAC) and `kid` (known to the issuer's JWKS, of a key that may sign with that `alg`);
/// the issuer (listed in the trust file); the signature (jwt-kit); `iss` and `aud` exactly; `exp`,
/// `nbf` and `iat` with the trust file's bounded clock skew; and finally the first rule whose claim
/// patterns all match gives the role.
public struct OIDCVerifier: Sendable {
    public let trust: OIDCTrust
    let caches: [String: JWKSCache]
    let clock: @Sendable () -> Date

    /// The longest token accepted (GitHub's are ~1.5 KiB).
    static let maxTokenBytes = 16 * 1024

    public init(trust: OIDCTrust, fetch: @escaping @Sendable (String) async throws -> Data,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.trust = trust
        self.clock = clock
        var caches: [String: JWKSCache] = [:]
        for issuer in trust.issuers { caches[issuer.issuer] = JWKSCache(source: issuer.keys, fetch: fetch, clock: clock) }
        self.caches = caches
    }

    /// Reads every JWKS file now (a bad one is a configuration error at start-up).
    public func preload() async throws {
        for cache in caches.values { try await cache.preload() }
    }

    /// Whether `token` has the shape of a JWT (three base64url parts).
    static func looksLikeJWT(_ token: String) -> Bool {
        token.utf8.count <= maxTokenBytes && token.split(separator: ".", omittingEmptySubsequences: false).count == 3
    }

    /// The principal for `token`, or `server.unauthenticated` with the reason it is refused.
    public func verify(_ token: String) async throws -> Principal {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= Self.maxTokenBytes, parts.count == 3 else { throw refuse("the bearer token is not a JWT") }
        let header = try Self.json(parts[0], "header")
        guard let alg = header["alg"]?.stringValue else { throw refuse("the JWT header has no alg") }
        guard alg.lowercased() != "none" else { throw refuse("unsigned tokens (alg none) are refused") }
        guard JWKSKeys.accepted.contains(alg) else {
            throw refuse("alg \(alg.prefix(16)) is not accepted; an OIDC token is signed with the issuer's public-key algorithm (RS256, ES256, …)")
        }
        guard let kid = header["kid"]?.stringValue, !kid.isEmpty, kid.utf8.count <= 256 else { throw refuse("the JWT header has no kid") }
        // The issuer only chooses which keys to try; it is checked again once the signature verified.
        guard let claimedIssuer = try Self.json(parts[1], "payload")["iss"]?.stringValue else { throw refuse("the token has no iss") }
        guard let issuer = trust.issuers.first(where: { $0.issuer == claimedIssuer }), let cache = caches[issuer.issuer] else {
            throw refuse("issuer \(claimedIssuer.prefix(200)) is not trusted")
        }
        let keys = try await cache.keys(for: kid)
        guard let algorithms = keys.algorithms[kid] else { throw refuse("the issuer has no key \(kid.prefix(64))") }
        guard algorithms.contains(alg) else {
            throw refuse("key \(kid.prefix(64)) does not sign with \(alg); it signs with \(algorithms.sorted().joined(separator: ", "))")
        }
        let claims: OIDCClaims
        do {
            claims = try await keys.collection.verify(token, as: OIDCClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw refuse("the token's signature does not verify with the issuer's key \(kid.prefix(64))")
        } catch {
            throw refuse("the token is not valid: its signature or claims cannot be read")
        }
        guard claims.iss == issuer.issuer else { throw refuse("iss is not \(issuer.issuer)") }
        guard claims.aud.value.contains(issuer.audience) else {
            throw refuse("the token's audience (\(claims.aud.value.joined(separator: ", ").prefix(200))) is not \(issuer.audience)")
        }
        let now = clock()
        let skew = trust.clockSkew
        guard claims.exp.value.addingTimeInterval(skew) > now else {
            throw refuse("the token expired at \(Self.instant(claims.exp.value))")
        }
        if let nbf = claims.nbf, nbf.value > now.addingTimeInterval(skew) {
            throw refuse("the token is not valid before \(Self.instant(nbf.value))")
        }
        if let iat = claims.iat, iat.value > now.addingTimeInterval(skew) {
            throw refuse("the token was issued in the future (\(Self.instant(iat.value)))")
        }
        guard let subject = claims.sub, !subject.isEmpty else { throw refuse("the token has no sub") }
        guard let rule = issuer.rules.first(where: { $0.matches(claims.value(of:)) }) else {
            let seen = OIDCTrust.matchableClaims.compactMap { claim in claims.value(of: claim).map { "\(claim)=\($0.prefix(200))" } }
            throw refuse("no trust rule of \(issuer.issuer) matches the token (\(seen.joined(separator: ", ")))")
        }
        return Principal(kind: .oidc, name: subject, role: rule.role, id: "\(issuer.issuer)#\(subject)")
    }

    private func refuse(_ reason: String) -> ServerError {
        ServerError(.unauthenticated, "OIDC token refused: \(reason)")
    }

    private static func json(_ part: Substring, _ what: String) throws -> JSONValue {
        guard let bytes = Base64Text.decodeURL(part), let value = try? JSONValue.parse(bytes, maxBytes: maxTokenBytes, maxDepth: 8),
              value.objectValue != nil else {
            throw ServerError(.unauthenticated, "OIDC token refused: the JWT \(what) is not base64url JSON")
        }
        return value
    }

    private static func instant(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

import Foundation
import TollgateModel

/// The claims of an OIDC identity token that keyless signing reads before sending the token to
/// Fulcio: `sub`, `iss`, `aud`, `exp`/`nbf` and, for the issuers Fulcio certifies by email, `email`. The token's own
/// signature is Fulcio's to check (it holds the issuers' keys); Tollgate only refuses a token it
/// can already tell Fulcio would refuse, with a clearer reason.
public struct OIDCIdentityToken: Sendable {
    /// The audience Fulcio requires.
    public static let sigstoreAudience = "sigstore"
    /// Tokens are short; anything longer is not one.
    public static let maxBytes = 64 << 10

    /// The issuers whose tokens Fulcio binds by their `email` claim (Fulcio's configuration, as
    /// sigstore-python and cosign list them); any other issuer's token is bound by `sub`.
    public static let emailIssuers: Set<String> = ["https://accounts.google.com", "https://oauth2.sigstore.dev/auth",
                                                   "https://oauth2.sigstage.dev/auth"]

    public let raw: String
    public let subject: String
    /// What the proof of possession signs: the `email` claim for ``emailIssuers``, else `sub`.
    public let identity: String
    public let issuer: String
    public let audiences: [String]
    /// The issuer Fulcio names in the certificate: `federated_claims.connector_id` for a token from a
    /// federating issuer (Sigstore's Dex at oauth2.sigstore.dev), else `iss`.
    public let certificateIssuer: String
    public let expiry: Date?

    /// Parses the JWT `raw` (three base64url parts) and checks it names a subject, an issuer, the
    /// `sigstore` audience and has not expired at `now`.
    public init(_ raw: String, now: Date = Date()) throws(SigstoreError) {
        let token = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw SigstoreError(.identityToken, "the identity token is empty") }
        guard token.utf8.count <= Self.maxBytes else {
            throw SigstoreError(.identityToken, "the identity token is longer than \(Self.maxBytes) bytes")
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64Text.decodeURL(parts[1]),
              let claims = try? JSONValue.parse(payload, maxBytes: Self.maxBytes), claims.objectValue != nil else {
            throw SigstoreError(.identityToken, "the identity token is not a JWT (three base64url parts with a JSON claims object)")
        }
        guard let subject = claims["sub"]?.stringValue, !subject.isEmpty else {
            throw SigstoreError(.identityToken, "the identity token has no 'sub' claim")
        }
        guard let issuer = claims["iss"]?.stringValue, !issuer.isEmpty else {
            throw SigstoreError(.identityToken, "the identity token has no 'iss' claim")
        }
        let audiences: [String] = if let single = claims["aud"]?.stringValue { [single] }
            else { claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        guard audiences.contains(Self.sigstoreAudience) else {
            throw SigstoreError(.identityToken, "the identity token's audience is \(audiences.isEmpty ? "missing" : audiences.map { "'\($0)'" }.joined(separator: ", ")); Fulcio needs '\(Self.sigstoreAudience)'")
        }
        if Self.emailIssuers.contains(issuer) {
            guard let email = claims["email"]?.stringValue, !email.isEmpty else {
                throw SigstoreError(.identityToken, "the identity token of \(issuer) has no 'email' claim, which Fulcio certifies")
            }
            identity = email
        } else {
            identity = subject
        }
        expiry = claims["exp"]?.intValue.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        if let expiry, expiry < now {
            throw SigstoreError(.identityToken, "the identity token expired at \(expiry) (issuer \(issuer))")
        }
        if let notBefore = claims["nbf"]?.intValue.map({ Date(timeIntervalSince1970: TimeInterval($0)) }), notBefore > now.addingTimeInterval(5) {
            throw SigstoreError(.identityToken, "the identity token is not valid before \(notBefore)")
        }
        certificateIssuer = claims["federated_claims"]?["connector_id"]?.stringValue ?? issuer
        self.raw = token
        self.subject = subject
        self.issuer = issuer
        self.audiences = audiences
    }
}

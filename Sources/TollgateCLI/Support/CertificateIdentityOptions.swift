import ArgumentParser
import TollgateSigstore

/// The certificate identity flags (cosign's names) shared by `verify-bundle` and
/// `provenance verify`: who must have signed a keyless (Fulcio certificate) signature.
struct CertificateIdentityOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("certificate-identity"), help: "Expected certificate SAN (exact).")
    var identity: String?

    @Option(name: .customLong("certificate-identity-regexp"), help: "Expected certificate SAN (whole-string regular expression).")
    var identityRegexp: String?

    @Option(name: .customLong("certificate-oidc-issuer"), help: "Expected OIDC issuer (exact).")
    var issuer: String?

    @Option(name: .customLong("certificate-oidc-issuer-regexp"), help: "Expected OIDC issuer (whole-string regular expression).")
    var issuerRegexp: String?

    /// True when an expected identity (exact or regexp) is given.
    var hasIdentity: Bool { identity != nil || identityRegexp != nil }

    /// True when any of the four flags is given.
    var isGiven: Bool { hasIdentity || issuer != nil || issuerRegexp != nil }

    /// The identity policy the flags describe.
    func policy() throws -> IdentityPolicy {
        try IdentityPolicy.certificate(subject: identity, subjectRegexp: identityRegexp, issuer: issuer, issuerRegexp: issuerRegexp)
    }

    /// The policy for an exact `identity` (and `issuer`, else the flags' issuer), as a batch line gives them.
    func policy(identity: String, issuer lineIssuer: String?) throws -> IdentityPolicy {
        try IdentityPolicy.certificate(subject: identity, issuer: lineIssuer ?? issuer,
                                       issuerRegexp: lineIssuer == nil ? issuerRegexp : nil)
    }
}

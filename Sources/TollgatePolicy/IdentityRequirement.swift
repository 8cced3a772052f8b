/// A keyless signer the policy trusts: an OIDC issuer and a certificate subject (SAN), each exact
/// or a regular expression, as cosign's `--certificate-identity[-regexp]` and
/// `--certificate-oidc-issuer[-regexp]` and Sigstore policy-controller `keyless.identities` do.
public struct IdentityRequirement: Sendable, Hashable, CustomStringConvertible {
    public var issuer: StringMatcher
    public var subject: StringMatcher

    public init(issuer: StringMatcher, subject: StringMatcher) {
        self.issuer = issuer
        self.subject = subject
    }

    public func matches(issuer actualIssuer: String, subject actualSubject: String) -> Bool {
        issuer.matches(actualIssuer) && subject.matches(actualSubject)
    }

    public var description: String { "issuer \(issuer) subject \(subject)" }
}

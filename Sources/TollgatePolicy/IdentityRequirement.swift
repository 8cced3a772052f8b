import TollgateModel

/// A keyless signer the policy trusts: an OIDC issuer and a certificate subject (SAN), each exact
/// or a regular expression, as cosign's `--certificate-identity[-regexp]` and
/// `--certificate-oidc-issuer[-regexp]` and Sigstore policy-controller `keyless.identities` do.
///
/// It may also pin the Fulcio CI extensions the certificate carries, as `gh attestation verify
/// --signer-workflow / --source-ref / --deny-self-hosted-runners` does: `sourceRepository`
/// (1.3.6.1.4.1.57264.1.12, compared as `host/owner/name` by glob), `sourceRef` (.14),
/// `buildSignerURI` (.9), `runnerEnvironment` (.11) and `trigger` (.20). A pinned extension the
/// certificate lacks does not match.
public struct IdentityRequirement: Sendable, Hashable, CustomStringConvertible {
    public var issuer: StringMatcher
    public var subject: StringMatcher
    public var sourceRepository: GlobPattern?
    public var sourceRef: StringMatcher?
    public var buildSignerURI: StringMatcher?
    public var runnerEnvironment: String?
    public var trigger: String?

    public init(issuer: StringMatcher, subject: StringMatcher, sourceRepository: GlobPattern? = nil,
                sourceRef: StringMatcher? = nil, buildSignerURI: StringMatcher? = nil, runnerEnvironment: String? = nil,
                trigger: String? = nil) {
        self.issuer = issuer
        self.subject = subject
        self.sourceRepository = sourceRepository
        self.sourceRef = sourceRef
        self.buildSignerURI = buildSignerURI
        self.runnerEnvironment = runnerEnvironment
        self.trigger = trigger
    }

    /// True when the certificate's issuer, subject and every pinned extension match.
    public func matches(issuer actualIssuer: String, subject actualSubject: String,
                        certificate: FulcioCertificateFacts? = nil) -> Bool {
        guard issuer.matches(actualIssuer), subject.matches(actualSubject) else { return false }
        if let sourceRepository {
            guard let value = certificate?.sourceRepository, sourceRepository.matches(value) else { return false }
        }
        if let sourceRef {
            guard let value = certificate?.sourceRepositoryRef, sourceRef.matches(value) else { return false }
        }
        if let buildSignerURI {
            guard let value = certificate?.buildSignerURI, buildSignerURI.matches(value) else { return false }
        }
        if let runnerEnvironment {
            guard certificate?.runnerEnvironment == runnerEnvironment else { return false }
        }
        if let trigger {
            guard certificate?.buildTrigger == trigger else { return false }
        }
        return true
    }

    public var description: String {
        var text = "issuer \(issuer) subject \(subject)"
        if let sourceRepository { text += " sourceRepository \(sourceRepository.pattern)" }
        if let sourceRef { text += " sourceRef \(sourceRef)" }
        if let buildSignerURI { text += " buildSignerURI \(buildSignerURI)" }
        if let runnerEnvironment { text += " runnerEnvironment \(runnerEnvironment)" }
        if let trigger { text += " trigger \(trigger)" }
        return text
    }
}

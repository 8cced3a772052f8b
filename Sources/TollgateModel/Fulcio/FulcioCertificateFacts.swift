/// What a Fulcio signing certificate asserts about the workload that signed: the OIDC issuer, the
/// subject (SAN) and the CI extensions 1.3.6.1.4.1.57264.1.8 to .22.
///
/// Reference: Fulcio `docs/oid-info.md`. The certificate authority vouches for these values (it
/// copied them from the CI provider's OIDC token), so the gate prefers them over what a signed
/// statement claims. Every field is `nil` when the certificate does not carry it.
public struct FulcioCertificateFacts: Sendable, Hashable, Codable {
    /// The certificate's subject alternative name (workflow URI, email, ...).
    public var subject: String?
    /// 1.3.6.1.4.1.57264.1.8 Issuer (V2).
    public var issuer: String?
    /// 1.3.6.1.4.1.57264.1.9 Build Signer URI, e.g. the reusable workflow that signed.
    public var buildSignerURI: String?
    /// 1.3.6.1.4.1.57264.1.10 Build Signer Digest.
    public var buildSignerDigest: String?
    /// 1.3.6.1.4.1.57264.1.11 Runner Environment: `github-hosted` or `self-hosted`.
    public var runnerEnvironment: String?
    /// 1.3.6.1.4.1.57264.1.12 Source Repository URI, e.g. `https://github.com/acme/app`.
    public var sourceRepositoryURI: String?
    /// 1.3.6.1.4.1.57264.1.13 Source Repository Digest (the commit).
    public var sourceRepositoryDigest: String?
    /// 1.3.6.1.4.1.57264.1.14 Source Repository Ref, e.g. `refs/tags/v1.2.0`.
    public var sourceRepositoryRef: String?
    /// 1.3.6.1.4.1.57264.1.15 Source Repository Identifier (stable id).
    public var sourceRepositoryIdentifier: String?
    /// 1.3.6.1.4.1.57264.1.16 Source Repository Owner URI.
    public var sourceRepositoryOwnerURI: String?
    /// 1.3.6.1.4.1.57264.1.17 Source Repository Owner Identifier.
    public var sourceRepositoryOwnerIdentifier: String?
    /// 1.3.6.1.4.1.57264.1.18 Build Config URI, e.g. `https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1`.
    public var buildConfigURI: String?
    /// 1.3.6.1.4.1.57264.1.19 Build Config Digest.
    public var buildConfigDigest: String?
    /// 1.3.6.1.4.1.57264.1.20 Build Trigger, e.g. `push`.
    public var buildTrigger: String?
    /// 1.3.6.1.4.1.57264.1.21 Run Invocation URI.
    public var runInvocationURI: String?
    /// 1.3.6.1.4.1.57264.1.22 Source Repository Visibility At Signing: `public` or `private`.
    public var sourceRepositoryVisibility: String?

    public init(subject: String? = nil, issuer: String? = nil, buildSignerURI: String? = nil,
                buildSignerDigest: String? = nil, runnerEnvironment: String? = nil, sourceRepositoryURI: String? = nil,
                sourceRepositoryDigest: String? = nil, sourceRepositoryRef: String? = nil,
                sourceRepositoryIdentifier: String? = nil, sourceRepositoryOwnerURI: String? = nil,
                sourceRepositoryOwnerIdentifier: String? = nil, buildConfigURI: String? = nil,
                buildConfigDigest: String? = nil, buildTrigger: String? = nil, runInvocationURI: String? = nil,
                sourceRepositoryVisibility: String? = nil) {
        self.subject = subject
        self.issuer = issuer
        self.buildSignerURI = buildSignerURI
        self.buildSignerDigest = buildSignerDigest
        self.runnerEnvironment = runnerEnvironment
        self.sourceRepositoryURI = sourceRepositoryURI
        self.sourceRepositoryDigest = sourceRepositoryDigest
        self.sourceRepositoryRef = sourceRepositoryRef
        self.sourceRepositoryIdentifier = sourceRepositoryIdentifier
        self.sourceRepositoryOwnerURI = sourceRepositoryOwnerURI
        self.sourceRepositoryOwnerIdentifier = sourceRepositoryOwnerIdentifier
        self.buildConfigURI = buildConfigURI
        self.buildConfigDigest = buildConfigDigest
        self.buildTrigger = buildTrigger
        self.runInvocationURI = runInvocationURI
        self.sourceRepositoryVisibility = sourceRepositoryVisibility
    }

    /// True when the certificate carries any CI build or source extension (not just an issuer).
    public var describesBuild: Bool {
        sourceRepositoryURI != nil || buildSignerURI != nil || runnerEnvironment != nil || buildConfigURI != nil
            || sourceRepositoryRef != nil || sourceRepositoryDigest != nil || buildTrigger != nil
    }

    /// The source repository as `host/owner/name` (the form provenance rules compare).
    public var sourceRepository: String? { sourceRepositoryURI.map(ProvenanceFacts.normalise(repository:)) }

    /// The workflow file path inside the repository, from the build config URI
    /// (`https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1` → `.github/workflows/release.yml`).
    public var workflowPath: String? {
        guard var uri = buildConfigURI else { return nil }
        if let at = uri.lastIndex(of: "@") { uri = String(uri[..<at]) }
        guard let range = uri.range(of: "/.github/") ?? uri.range(of: "/.gitlab-ci") else { return nil }
        return String(uri[uri.index(after: range.lowerBound)...])
    }
}

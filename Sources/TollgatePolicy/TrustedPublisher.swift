/// `install.trustedPublishers[]`: the identities (Trusted Publishers: repository, workflow) that
/// may publish the packages matching `packages`, as PyPI's Trusted Publishing and npm provenance
/// record them in the Sigstore signing certificate.
///
/// `packages` are globs over the package URL without version (`pkg:pypi/sampleproject`,
/// `pkg:npm/@acme/*`) or the bare name as the ecosystem writes it.
///
/// `environment` names the deployment environment (GitHub Actions environment) the publisher must
/// have published from. The Fulcio certificate does not carry it: only the index's PEP 740
/// provenance object (`attestation_bundles[].publisher.environment`) does, so it counts only when
/// the index the file came from served that object, and the decision records that index as who
/// vouches for it.
public struct TrustedPublisher: Sendable, Hashable {
    public var packages: [GlobPattern]
    public var identities: [IdentityRequirement]
    public var environment: String?

    public init(packages: [GlobPattern], identities: [IdentityRequirement], environment: String? = nil) {
        self.packages = packages
        self.identities = identities
        self.environment = environment
    }
}

/// `install.trustedPublishers[]`: the identities (Trusted Publishers: repository, workflow) that
/// may publish the packages matching `packages`, as PyPI's Trusted Publishing and npm provenance
/// record them in the Sigstore signing certificate.
///
/// `packages` are globs over the package URL without version (`pkg:pypi/sampleproject`,
/// `pkg:npm/@acme/*`) or the bare name as the ecosystem writes it.
public struct TrustedPublisher: Sendable, Hashable {
    public var packages: [GlobPattern]
    public var identities: [IdentityRequirement]

    public init(packages: [GlobPattern], identities: [IdentityRequirement]) {
        self.packages = packages
        self.identities = identities
    }
}

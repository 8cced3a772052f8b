/// `install`: the install boundary, where `tollgate pip install` and `tollgate npm ci` decide
/// whether each package may be installed, before anything of it runs (docs/install-gates.md).
///
/// - `trustedPublishers`: per package pattern, who may publish it (PEP 740 / npm provenance
///   attestations, verified as Sigstore bundles; the certificate's identity must match).
/// - `requireAttestations`: every package needs a verified attestation from one of its trusted
///   publishers (an allowlisted package with a pinned hash is excused, `ComponentRules`).
/// - `allowSdist`: source distributions (arbitrary code at build time) are refused unless true.
/// - `internalNamespaces` / `internalIndex`: names in the internal namespaces may come only from the
///   internal index (dependency confusion); an unreachable internal index is an error, never a fallback.
/// - `vulnerabilities`: the vulnerability budget, written like `artifact.vulnerabilities`.
/// - `installScripts`: npm packages whose install scripts may run (after verification).
///
/// `MAL-` advisories (OSV malicious-package records) always deny, whatever their severity; no
/// exception covers them.
public struct InstallRules: Sendable, Hashable {
    public var trustedPublishers: [TrustedPublisher]
    public var requireAttestations: Bool
    public var allowSdist: Bool
    /// Package-name globs (`acme-*`, `@acme/*`) that are internal.
    public var internalNamespaces: [GlobPattern]
    /// The index internal names must come from (a PEP 503 simple URL or an npm registry URL).
    public var internalIndex: String?
    public var vulnerabilities: VulnerabilityRule?
    /// Package patterns (purl globs) whose install scripts may run.
    public var installScripts: [GlobPattern]
    public var action: RuleAction

    public init(trustedPublishers: [TrustedPublisher] = [], requireAttestations: Bool = false, allowSdist: Bool = false,
                internalNamespaces: [GlobPattern] = [], internalIndex: String? = nil, vulnerabilities: VulnerabilityRule? = nil,
                installScripts: [GlobPattern] = [], action: RuleAction = .deny) {
        self.trustedPublishers = trustedPublishers
        self.requireAttestations = requireAttestations
        self.allowSdist = allowSdist
        self.internalNamespaces = internalNamespaces
        self.internalIndex = internalIndex
        self.vulnerabilities = vulnerabilities
        self.installScripts = installScripts
        self.action = action
    }

    /// The publishers trusted for a package (every entry whose pattern matches one of its names).
    public func publishers(for names: [String]) -> [IdentityRequirement] {
        publisherEntries(for: names).flatMap(\.identities)
    }

    /// The `trustedPublishers` entries whose pattern matches one of the package's names.
    public func publisherEntries(for names: [String]) -> [TrustedPublisher] {
        trustedPublishers.filter { entry in entry.packages.contains { pattern in names.contains(where: pattern.matches) } }
    }

    /// True when `name` (as the ecosystem writes it, normalised) is in an internal namespace.
    public func isInternal(_ name: String) -> Bool {
        internalNamespaces.contains { $0.matches(name) }
    }

    /// True when a package (any of its names) may run install scripts.
    public func mayRunInstallScripts(_ names: [String]) -> Bool {
        installScripts.contains { pattern in names.contains(where: pattern.matches) }
    }
}

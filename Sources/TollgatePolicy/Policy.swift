import TollgateModel

/// A Tollgate policy (`apiVersion: tollgate.dev/v1`, `kind: Policy`): rules grouped by the
/// boundary they guard (source, build, artifact, deploy), time-bound exceptions and settings.
/// Reference: `docs/policy.md`; editor schema: `schemas/policy.schema.json`.
public struct Policy: Sendable, Hashable {
    public static let apiVersion = "tollgate.dev/v1"
    public static let kind = "Policy"

    public var name: String
    public var description: String?
    public var source: SourceRules
    public var build: BuildRules
    public var artifact: ArtifactRules
    public var deploy: DeployRules
    /// The install boundary (`tollgate pip install`, `tollgate npm ci`); `nil` when the policy has no `install` block.
    public var install: InstallRules?
    /// The component allowlist and denylist (artifact and install boundaries).
    public var components: ComponentRules?
    public var exceptions: [PolicyException]
    public var settings: PolicySettings
    /// How the server's remediation queue assigns this policy's findings (`remediation:`).
    public var remediation = RemediationSettings()
    /// The file the policy was read from (for messages).
    public var file: String
    /// SHA-256 of the policy document it was parsed from (nil for a policy built in code); every
    /// decision names it, so a decision says exactly which rules it applied.
    public var digest: Digest?

    public init(
        name: String, description: String? = nil, source: SourceRules = .init(), build: BuildRules = .init(),
        artifact: ArtifactRules = .init(), deploy: DeployRules = .init(), exceptions: [PolicyException] = [],
        settings: PolicySettings = .init(), file: String = "<policy>"
    ) {
        self.name = name
        self.description = description
        self.source = source
        self.build = build
        self.artifact = artifact
        self.deploy = deploy
        self.exceptions = exceptions
        self.settings = settings
        self.file = file
    }

    /// Parses a policy document. See `PolicyParser`.
    public init(yaml bytes: some Collection<UInt8>, file: String = "<policy>") throws(PolicyError) {
        self = try PolicyParser(file: file).parse(bytes)
        digest = DigestAlgorithm.sha256.hash(Array(bytes))
    }

    /// The ids of the rules this policy enables, in evaluation order.
    public var enabledRules: [RuleID] {
        var rules: [RuleID] = []
        if !source.repositories.isEmpty { rules.append(.sourceRepositories) }
        if !source.refs.isEmpty { rules.append(.sourceRefs) }
        if source.requireCommit == true { rules.append(.sourceCommit) }
        if source.continuity != nil { rules.append(.sourceContinuity) }
        if source.branchProtection != nil { rules.append(.sourceBranchProtection) }
        if source.workflowOwners == true { rules.append(.sourceWorkflowOwners) }
        if !build.builders.isEmpty { rules.append(.buildBuilders) }
        if !build.buildTypes.isEmpty { rules.append(.buildTypes) }
        if !build.workflows.isEmpty { rules.append(.buildWorkflows) }
        if !build.forbiddenTriggers.isEmpty || !build.allowedTriggers.isEmpty { rules.append(.buildTriggers) }
        if build.pinnedDependencies != nil { rules.append(.buildPinnedDependencies) }
        if build.oidcCredentials == true { rules.append(.buildOIDCCredentials) }
        if build.pinnedActions == true { rules.append(.buildPinnedActions) }
        if build.untrustedCodeIsolated == true { rules.append(.buildUntrustedCodeIsolated) }
        if build.recordedInputs == true { rules.append(.buildRecordedInputs) }
        if artifact.signature != nil { rules.append(.artifactSignature) }
        if artifact.algorithms != nil { rules.append(.artifactAlgorithms) }
        if let provenance = artifact.provenance {
            rules.append(.artifactProvenance)
            if !provenance.builders.isEmpty { rules.append(.artifactProvenanceBuilders) }
            if !provenance.sourceRepositories.isEmpty { rules.append(.artifactProvenanceSourceRepositories) }
        }
        if artifact.sbom != nil { rules.append(.artifactSBOM) }
        if artifact.sbom?.matchesArtifact == true { rules.append(.artifactSBOMMatchesArtifact) }
        if let vulnerabilities = artifact.vulnerabilities {
            rules.append(.vulnerabilitiesMaxSeverity)
            if !vulnerabilities.remediationDays.isEmpty { rules.append(.vulnerabilitiesRemediation) }
            if vulnerabilities.maxScanAge != nil { rules.append(.vulnerabilitiesScanAge) }
            rules.append(.vulnerabilitiesDatabaseAge)
        }
        if artifact.licenses != nil { rules.append(.artifactLicenses) }
        if artifact.reproducible != nil { rules.append(.artifactReproducible) }
        if deploy.byDigest != nil { rules.append(.deployByDigest) }
        rules.append(contentsOf: componentRules)
        return rules
    }

    /// `components.deny` and `components.allow`, when listed (both boundaries evaluate them).
    public var componentRules: [RuleID] {
        var rules: [RuleID] = []
        if let components {
            if !components.deny.isEmpty { rules.append(.componentsDeny) }
            if !components.allow.isEmpty { rules.append(.componentsAllow) }
        }
        return rules
    }

    /// The rules the install boundary evaluates for each package, in order. Integrity, registry
    /// signatures, source distributions and the `MAL-` check always run; without an `install`
    /// block the defaults of `InstallRules` apply.
    public var enabledInstallRules: [RuleID] {
        let rules = install ?? InstallRules()
        var enabled: [RuleID] = componentRules
        enabled.append(contentsOf: [.installMalicious, .installIntegrity, .installRegistrySignature])
        if rules.requireAttestations || !rules.trustedPublishers.isEmpty { enabled.append(.installAttestations) }
        enabled.append(.installSdist)
        if !rules.internalNamespaces.isEmpty { enabled.append(.installInternalNamespaces) }
        if rules.vulnerabilities != nil { enabled.append(.installVulnerabilities) }
        return enabled
    }

    /// Who the policy trusts for one kind of evidence. A kind whose signers are left out takes the
    /// `artifact.signature` signers; it never defaults to "anyone", so the result may be empty,
    /// and then nothing of that kind counts.
    public func signers(for kind: EvidenceKind) -> TrustedSigners {
        let fallback = artifact.signature?.signers ?? TrustedSigners()
        switch kind {
        case .artifactSignature: return fallback
        case .provenance: return artifact.provenance?.signers ?? fallback
        case .sbom: return artifact.sbom?.signers ?? fallback
        case .vulnerabilityScan: return artifact.vulnerabilities?.scanners ?? fallback
        case .vex: return artifact.vulnerabilities?.vexAuthors ?? fallback
        // An artifact signer is not thereby trusted to audit the source: auditors are named or nobody is.
        case .sourceAudit: return source.auditors ?? TrustedSigners()
        // No fallback: the release's own signer is not an independent rebuilder. One trusted
        // signature makes one rebuild count; `artifact.reproducible.threshold` counts rebuilders.
        case .rebuild: return artifact.reproducible.map { TrustedSigners(keys: $0.rebuilders.keys, identities: $0.rebuilders.identities) } ?? TrustedSigners()
        }
    }
}

import Foundation
import TollgatePolicy

/// The gate: evidence and a policy produce a `Decision`, at an injected instant.
///
/// The same code serves the CLI, the REST API, the admission webhook and background
/// re-evaluation, so an exception or a rule behaves the same everywhere. Every enabled rule
/// yields exactly one `Finding`; any `fail` denies, otherwise any `warn` warns.
public struct Gate: Sendable {
    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// Evaluates every rule the policy enables against `evidence` at `now`.
    public func evaluate(_ evidence: Evidence, now: Date) -> Decision {
        let context = RuleContext(policy: policy, evidence: evidence, now: now,
                                  exceptions: ExceptionBook(exceptions: policy.exceptions, artifact: evidence.artifact,
                                                            verifiedNames: evidence.provenance?.subjects ?? [], now: now))
        var findings: [Finding] = []
        findings.reserveCapacity(RuleID.allCases.count)
        for rule in policy.enabledRules {
            findings.append(evaluate(rule, in: context))
        }
        var expired: [String] = []
        for finding in findings {
            for exception in finding.exceptions where exception.status == .expired && !expired.contains(exception.id) {
                expired.append(exception.id)
            }
        }
        return Decision(decision: Decision.outcome(of: findings), policy: policy.name, policyDigest: policy.digest,
                        artifact: evidence.artifact,
                        evaluatedAt: now, rules: findings, expiredExceptions: expired.sorted(),
                        problems: evidence.problems, database: evidence.scan?.database)
    }

    func evaluate(_ rule: RuleID, in context: RuleContext) -> Finding {
        let source = policy.source
        let build = policy.build
        let artifact = policy.artifact
        switch rule {
        case .sourceRepositories:
            return ProvenanceEvaluator.patterns(rule, what: "source repository", patterns: source.repositories,
                                                fact: .sourceRepository, action: source.action, in: context)
        case .sourceRefs:
            return ProvenanceEvaluator.patterns(rule, what: "source ref", patterns: source.refs,
                                                fact: .sourceRef, action: source.action, in: context)
        case .sourceCommit:
            return ProvenanceEvaluator.commit(source, in: context)
        case .buildWorkflows:
            return ProvenanceEvaluator.patterns(rule, what: "workflow", patterns: build.workflows,
                                                fact: .workflow, action: build.action, in: context)
        case .sourceContinuity:
            return ContinuityEvaluator.evaluate(source.continuity ?? ContinuityRule(), in: context)
        case .sourceBranchProtection:
            return SourceAuditEvaluator.branchProtection(source.branchProtection ?? BranchProtectionRule(), action: source.action, in: context)
        case .sourceWorkflowOwners:
            return SourceAuditEvaluator.fact(rule, action: source.action, in: context)
        case .buildOIDCCredentials, .buildPinnedActions, .buildUntrustedCodeIsolated:
            return SourceAuditEvaluator.fact(rule, action: build.action, in: context)
        case .buildBuilders:
            return ProvenanceEvaluator.patterns(rule, what: "builder", patterns: build.builders,
                                                fact: .builder, action: build.action, in: context)
        case .buildTypes:
            return ProvenanceEvaluator.patterns(rule, what: "build type", patterns: build.buildTypes,
                                                fact: .buildType, action: build.action, in: context)
        case .buildTriggers:
            return ProvenanceEvaluator.triggers(build, in: context)
        case .buildPinnedDependencies:
            return ProvenanceEvaluator.pinned(build, in: context)
        case .buildRecordedInputs:
            return RecordedInputsEvaluator.evaluate(build, in: context)
        case .artifactSignature:
            return SignatureEvaluator.evaluate(artifact.signature ?? SignatureRule(), in: context)
        case .artifactAlgorithms:
            return AlgorithmEvaluator.evaluate(artifact.algorithms ?? AlgorithmRule(), in: context)
        case .artifactProvenance:
            return ProvenanceEvaluator.presence(artifact.provenance ?? ProvenanceRule(), in: context)
        case .artifactProvenanceBuilders:
            let rule = artifact.provenance ?? ProvenanceRule()
            return ProvenanceEvaluator.patterns(.artifactProvenanceBuilders, what: "builder", patterns: rule.builders,
                                                fact: .builder, action: rule.action, in: context)
        case .artifactProvenanceSourceRepositories:
            let rule = artifact.provenance ?? ProvenanceRule()
            return ProvenanceEvaluator.patterns(.artifactProvenanceSourceRepositories, what: "source repository",
                                                patterns: rule.sourceRepositories, fact: .sourceRepository,
                                                action: rule.action, in: context)
        case .artifactSBOM:
            return SBOMEvaluator.evaluate(artifact.sbom ?? SBOMRule(), in: context)
        case .artifactSBOMMatchesArtifact:
            return SBOMEvaluator.matchesArtifact(artifact.sbom ?? SBOMRule(), in: context)
        case .vulnerabilitiesMaxSeverity:
            let rule = artifact.vulnerabilities ?? VulnerabilityRule()
            return VulnerabilityEvaluator.maxSeverity(rule, rule.maxSeverity, in: context)
        case .vulnerabilitiesRemediation:
            return VulnerabilityEvaluator.remediation(artifact.vulnerabilities ?? VulnerabilityRule(), in: context)
        case .vulnerabilitiesScanAge:
            let rule = artifact.vulnerabilities ?? VulnerabilityRule()
            return VulnerabilityEvaluator.scanAge(rule, rule.maxScanAge ?? PolicyDuration(seconds: 0), in: context)
        case .vulnerabilitiesDatabaseAge:
            return VulnerabilityEvaluator.databaseAge(artifact.vulnerabilities ?? VulnerabilityRule(), in: context)
        case .artifactLicenses:
            return LicenseEvaluator.evaluate(artifact.licenses ?? LicenseRule(), in: context)
        case .artifactReproducible:
            return ReproducibleEvaluator.evaluate(artifact.reproducible ?? ReproducibleRule(rebuilders: TrustedSigners()), in: context)
        case .deployByDigest:
            return DeployEvaluator.evaluate(policy.deploy, in: context)
        case .componentsDeny:
            return ComponentsEvaluator.deny(policy.components ?? ComponentRules(), in: context)
        case .componentsAllow:
            return ComponentsEvaluator.allow(policy.components ?? ComponentRules(), in: context)
        case .installMalicious, .installIntegrity, .installRegistrySignature, .installAttestations, .installSdist,
             .installInternalNamespaces, .installVulnerabilities:
            return InstallEvaluator.evaluate(rule, in: context)
        }
    }
}

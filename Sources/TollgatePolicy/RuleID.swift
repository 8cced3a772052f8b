/// The stable name of every rule, as it appears in findings, exceptions (`match.rules`) and reports.
/// The name is the rule's path in the policy document.
public enum RuleID: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case sourceRepositories = "source.repositories"
    case sourceRefs = "source.refs"
    case sourceCommit = "source.commit"
    case sourceContinuity = "source.continuity"
    case buildBuilders = "build.builders"
    case buildTypes = "build.buildTypes"
    case buildWorkflows = "build.workflows"
    case buildTriggers = "build.triggers"
    case buildPinnedDependencies = "build.pinnedDependencies"
    case buildRecordedInputs = "build.recordedInputs"
    case artifactSignature = "artifact.signature"
    case artifactAlgorithms = "artifact.algorithms"
    case artifactProvenance = "artifact.provenance"
    case artifactProvenanceBuilders = "artifact.provenance.builders"
    case artifactProvenanceSourceRepositories = "artifact.provenance.sourceRepositories"
    case artifactSBOM = "artifact.sbom"
    case vulnerabilitiesMaxSeverity = "artifact.vulnerabilities.maxSeverity"
    case vulnerabilitiesRemediation = "artifact.vulnerabilities.remediationDays"
    case vulnerabilitiesScanAge = "artifact.vulnerabilities.maxScanAge"
    case vulnerabilitiesDatabaseAge = "artifact.vulnerabilities.maxDatabaseAge"
    case artifactLicenses = "artifact.licenses"
    case artifactReproducible = "artifact.reproducible"
    case deployByDigest = "deploy.byDigest"

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.order < rhs.order }
}

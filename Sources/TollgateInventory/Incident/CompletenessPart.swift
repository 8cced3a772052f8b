import TollgateStore

/// How complete the data behind an answer is ("312 artifacts have no SBOM; 4 deployments have no
/// recorded digest"). An answer never says "no affected artifacts" without it.
public struct CompletenessPart: Sendable, Hashable, Codable {
    public var complete: Bool
    public var artifacts: Int
    public var artifactsWithoutSBOM: Int
    public var artifactsWithoutTrustedProvenance: Int
    public var deployments: Int
    public var deploymentsWithoutDigest: Int
    public var deploymentsOfUnknownArtifacts: Int
    public var componentRows: Int
    /// Each gap that matters for the query, as a sentence.
    public var gaps: [String]
    public var statement: String

    /// The gaps that matter for a query of `kind` (SBOMs for a component or advisory, trusted
    /// provenance for a CI path, deployment digests for every kind); every gap when `kind` is nil.
    public init(_ coverage: InventoryCoverage, for kind: IncidentQuery.Kind? = nil) {
        var gaps: [String] = []
        if coverage.artifacts == 0 { gaps.append("the inventory holds no artifacts") }
        let sboms = kind == nil || kind == .component || kind == .advisory
        let provenance = kind == nil || kind == .builder || kind == .workflow || kind == .repository
        if sboms, coverage.artifactsWithoutSBOM > 0 {
            gaps.append(Counted.clause(coverage.artifactsWithoutSBOM, "artifact", "no SBOM"))
        }
        if provenance, coverage.artifactsWithoutTrustedProvenance > 0 {
            gaps.append(Counted.clause(coverage.artifactsWithoutTrustedProvenance, "artifact", "no provenance from a trusted source"))
        }
        if coverage.deploymentsWithoutDigest > 0 {
            gaps.append(Counted.clause(coverage.deploymentsWithoutDigest, "deployment", "no recorded digest"))
        }
        if coverage.deploymentsOfUnknownArtifacts > 0 {
            gaps.append(Counted.clause(coverage.deploymentsOfUnknownArtifacts, "running deployment", has: "runs", have: "run",
                                       "a digest the inventory knows nothing else about"))
        }
        var have: [String] = []
        if sboms { have.append("an SBOM") }
        if provenance { have.append("provenance from a trusted source") }
        let all = coverage.artifacts == 1 ? "the one artifact has" : "every one of the \(coverage.artifacts) artifacts has"
        complete = gaps.isEmpty
        statement = gaps.isEmpty
            ? "complete: " + (have.isEmpty ? "" : "\(all) \(have.joined(separator: " and ")), and ") + "every deployment has a known digest"
            : "incomplete: " + gaps.joined(separator: "; ")
        artifacts = coverage.artifacts
        artifactsWithoutSBOM = coverage.artifactsWithoutSBOM
        artifactsWithoutTrustedProvenance = coverage.artifactsWithoutTrustedProvenance
        deployments = coverage.deployments
        deploymentsWithoutDigest = coverage.deploymentsWithoutDigest
        deploymentsOfUnknownArtifacts = coverage.deploymentsOfUnknownArtifacts
        componentRows = coverage.componentRows
        self.gaps = gaps
    }

    /// How many artifacts a query of `kind` could look into, and the phrase for them.
    static func searched(_ kind: IncidentQuery.Kind, _ coverage: InventoryCoverage) -> (Int, String) {
        switch kind {
        case .component, .advisory:
            let count = coverage.artifacts - coverage.artifactsWithoutSBOM
            return (count, "the \(Counted.noun(count, "artifact")) with an SBOM")
        case .builder, .workflow, .repository:
            let count = coverage.artifacts - coverage.artifactsWithoutTrustedProvenance
            return (count, "the \(Counted.noun(count, "artifact")) with trusted provenance")
        case .artifact:
            return (coverage.artifacts, "the \(Counted.noun(coverage.artifacts, "artifact")) in the inventory")
        }
    }
}

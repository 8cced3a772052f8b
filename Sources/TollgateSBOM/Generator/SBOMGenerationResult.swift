/// An SBOM generated from lockfiles, with what was read and what could not be resolved.
public struct SBOMGenerationResult: Sendable {
    public var sbom: SBOM
    /// Unpinned requirements, unreadable or skipped lockfiles, unknown entries.
    public var warnings: [SBOMWarning]
    /// The lockfiles read, relative to the generation root, with their package counts.
    public var lockfiles: [LockfileSummary]

    public init(sbom: SBOM, warnings: [SBOMWarning], lockfiles: [LockfileSummary]) {
        self.sbom = sbom
        self.warnings = warnings
        self.lockfiles = lockfiles
    }
}

/// One lockfile that contributed to a generated SBOM.
public struct LockfileSummary: Sendable, Hashable, Codable {
    public var path: String
    public var kind: LockfileKind
    public var packages: Int

    public init(path: String, kind: LockfileKind, packages: Int) {
        self.path = path
        self.kind = kind
        self.packages = packages
    }
}

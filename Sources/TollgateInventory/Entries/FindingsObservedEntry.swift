import TollgateModel

/// The payload of a `findings.observed` entry (`tollgate.dev/ledger/findings-observed/v1`): the
/// vulnerability findings of a gate's scan of an artifact. Remediation SLOs count from each
/// finding's first sighting.
public struct FindingsObservedEntry: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = "tollgate.dev/ledger/findings-observed/v1"

    public var schemaVersion: String
    /// The artifact scanned; nil for findings migrated from the old inventory file.
    public var artifact: Digest?
    public var findings: [ObservedFinding]

    public init(artifact: Digest?, findings: [ObservedFinding]) {
        schemaVersion = Self.currentSchemaVersion
        self.artifact = artifact
        self.findings = findings
    }
}

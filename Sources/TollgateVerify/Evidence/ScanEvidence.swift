import Foundation

/// The vulnerability findings for the artifact's components, with who vouches for them: the
/// gate's own scan of the trusted SBOM, or a signed scan attestation from a trusted scanner.
public struct ScanEvidence: Sendable, Hashable {
    /// When the scan ran: the decision time for the gate's own scan, the signed predicate's
    /// `scanFinishedOn` for an attestation.
    public let scannedAt: Date
    public let findings: [VulnerabilityEvidence]
    public let origin: FactOrigin
    /// The advisory database the findings rely on, when known.
    public let database: AdvisoryDatabaseState?
    public let source: String

    package init(scannedAt: Date, findings: [VulnerabilityEvidence], origin: FactOrigin,
                 database: AdvisoryDatabaseState?, source: String) {
        self.scannedAt = scannedAt
        self.findings = findings
        self.origin = origin
        self.database = database
        self.source = source
    }
}

import Foundation

/// A vulnerability scan of the artifact's components.
public struct ScanEvidence: Sendable, Hashable {
    /// When the scan ran (its advisory data was current then).
    public var scannedAt: Date
    public var findings: [VulnerabilityEvidence]
    public var source: String

    public init(scannedAt: Date, findings: [VulnerabilityEvidence], source: String) {
        self.scannedAt = scannedAt
        self.findings = findings
        self.source = source
    }
}

import TollgateModel
/// The versioned result of a scan (`tollgate.dev/scan/v1`): findings, unscannable components, counts.
public struct ScanReport: Sendable, Codable, Hashable {
    public static let schema = "tollgate.dev/scan/v1"

    public struct Summary: Sendable, Codable, Hashable {
        public let components: Int
        public let scanned: Int
        public let unscannable: Int
        public let findings: Int
        public let suppressed: Int
        public let unconfirmed: Int
        /// Unsuppressed findings by severity.
        public let bySeverity: [String: Int]
    }

    public var schemaVersion = ScanReport.schema
    /// What was scanned (a path or an SBOM name).
    public let source: String?
    public let summary: Summary
    public let findings: [VulnerabilityFinding]
    public let unscannable: [UnscannableComponent]
    /// Problems that did not stop the scan (an SBOM that bends its spec, a VEX statement with no target).
    public let warnings: [String]

    /// True when an unsuppressed finding is at or above `threshold` (`--fail-on`). A finding of unknown
    /// severity counts as reaching any threshold: a gate must not pass what it cannot rate.
    public func hasFinding(atOrAbove threshold: Severity) -> Bool {
        findings.contains { !$0.suppressed && ($0.severity == .unknown || $0.severity >= threshold) }
    }
}

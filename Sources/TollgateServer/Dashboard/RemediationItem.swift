import Foundation
import TollgateModel

/// One piece of remediation work: a finding (an advisory in a component) of an artifact that runs
/// somewhere, with its due date from the policy's SLO for the severity (docs/dashboard.md#remediation).
struct RemediationItem: Sendable, Encodable {
    enum Status: String, Sendable, Encodable, CaseIterable {
        /// Inside its SLO (or no SLO names its severity).
        case open
        /// Past its due date.
        case overdue
        /// An active exception of a policy that decided the artifact covers it.
        case excepted
    }

    let advisory: String
    let purl: String
    let artifact: Digest
    let artifactName: String?
    let environments: [String]
    let severity: Severity
    /// When Tollgate first saw the finding (the SLO counts from it).
    let firstSeen: Date?
    /// First seen plus the strictest `remediationDays` for the severity among the policies; nil when none names one.
    let due: Date?
    let status: Status
    /// The covering exception's owner, else the artifact's policies' exception owners are unknown: `unassigned`.
    let owner: String
    /// `POLICY/ID` of the covering exception.
    let exception: String?
    let policies: [String]
}

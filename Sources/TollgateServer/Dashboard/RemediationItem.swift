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
        /// A later scan of the artifact no longer found it (`fixedAt`).
        case fixed

        /// The `?status=` filter of the API and the page (400 for anything else).
        static func filter(_ text: String?) throws -> Status? {
            guard let text else { return nil }
            guard let status = Status(rawValue: text) else {
                throw ServerError(.badRequest, "status: expected one of \(allCases.map(\.rawValue).joined(separator: ", ")), found '\(text.prefix(32))'")
            }
            return status
        }
    }

    /// Where an item's owner comes from, in order of precedence.
    enum OwnerSource: String, Sendable, Encodable {
        /// The covering exception's owner.
        case exception
        /// The CODEOWNERS owners a trusted source audit of the artifact's source commit names.
        case codeowners
        /// The policy's `remediation.defaultOwner`.
        case policy
        /// Nobody: `unassigned`.
        case unassigned
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
    /// The time of the scan that no longer found it (status `fixed`).
    let fixedAt: Date?
    /// Who owns the work (`ownerSource` says where that came from), or `unassigned`.
    let owner: String
    let ownerSource: OwnerSource
    /// `POLICY/ID` of the covering exception.
    let exception: String?
    let policies: [String]
}

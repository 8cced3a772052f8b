import Foundation
import TollgateModel
import TollgatePolicy

/// The remediation queue: an item for every finding of every running artifact (the ledger index's
/// latest `findings.observed` per artifact and running deployments), due by the SLO of the newest
/// published version of the policies that decided the artifact (`remediationDays`, the strictest
/// when several name the severity), `excepted` when an active exception of those policies covers
/// it, and `fixed` (with the scan's time) once a later scan of the artifact no longer finds it.
/// Items are derived from the ledger, not stored.
///
/// The owner: the covering exception's owner; else the CODEOWNERS owners a trusted source audit
/// names for the artifact's source (recorded with its `artifact.registered` entry); else the first
/// of its policies' `remediation.defaultOwner`; else `unassigned`.
enum RemediationQueue {
    static func items(state: LoadedState, index: DashboardIndex, now: Date = Date()) async throws -> [RemediationItem] {
        let running = await index.running()
        let published = Set(try await state.policies.latest().map(\.name))
        var policies: [String: Policy] = [:]
        var pending: [(digest: Digest, environments: [String], finding: DashboardIndex.FindingKey, fixedAt: Date?, names: [String])] = []
        var advisories: Set<String> = []
        for (digest, environments) in running {
            let findings = await index.findings(of: digest), fixed = await index.fixedFindings(of: digest)
            guard !findings.isEmpty || !fixed.isEmpty else { continue }
            let names = Set(await index.decisions(of: digest, limit: 1000).map(\.policy)).filter(published.contains).sorted()
            for name in names where policies[name] == nil {
                policies[name] = try await state.policyLibrary.policy(name, version: nil, state: state).0
            }
            for finding in findings {
                pending.append((digest, environments.sorted(), finding, nil, names))
                advisories.insert(finding.advisory)
            }
            for (finding, time) in fixed {
                pending.append((digest, environments.sorted(), finding, time, names))
                advisories.insert(finding.advisory)
            }
        }
        let severities = try await SeverityLookup.severities(advisories, state: state)
        var items: [RemediationItem] = []
        for entry in pending {
            let severity = severities[entry.finding.advisory] ?? .unknown
            let firstSeen = try await state.stores.inventory.firstSeen(advisory: entry.finding.advisory, purl: entry.finding.purl)
            let applying = entry.names.compactMap { policies[$0] }
            // An unrated finding ranks as the policy's `unknownSeverity` (critical by default), as the gate ranks it.
            let days = applying.compactMap { policy in
                policy.artifact.vulnerabilities.flatMap { $0.remediationDays[severity == .unknown ? $0.unknownSeverity : severity] }
            }.min()
            let due = days.flatMap { days in firstSeen.map { $0.addingTimeInterval(Double(days) * 86_400) } }
            let covering = applying.lazy.flatMap { policy in policy.exceptions.map { (policy.name, $0) } }.first { _, exception in
                exception.expires > now && exception.match.matches(component: entry.finding.purl)
                    && (exception.match.advisory.map { $0.caseInsensitiveCompare(entry.finding.advisory) == .orderedSame } ?? true)
                    && (exception.match.artifact.map { $0 == entry.digest.description } ?? true)
            }
            let status: RemediationItem.Status = entry.fixedAt != nil ? .fixed
                : covering != nil ? .excepted : (due.map { $0 < now } ?? false) ? .overdue : .open
            let (owner, source) = await Self.owner(covering: covering?.1, digest: entry.digest, policies: applying, index: index)
            items.append(RemediationItem(advisory: entry.finding.advisory, purl: entry.finding.purl, artifact: entry.digest,
                                         artifactName: await index.artifact(entry.digest)?.name, environments: entry.environments,
                                         severity: severity, firstSeen: firstSeen, due: due, status: status, fixedAt: entry.fixedAt,
                                         owner: owner, ownerSource: source, exception: covering.map { "\($0.0)/\($0.1.id)" },
                                         policies: entry.names))
        }
        // Overdue first, then open, excepted and fixed; by due date (none last), then severity, advisory and artifact.
        let rank: [RemediationItem.Status: Int] = [.overdue: 0, .open: 1, .excepted: 2, .fixed: 3]
        return items.sorted {
            (rank[$0.status] ?? 4, $0.due ?? .distantFuture, SeverityLookup.order.firstIndex(of: $0.severity) ?? 9, $0.advisory, $0.artifact.description)
                < (rank[$1.status] ?? 4, $1.due ?? .distantFuture, SeverityLookup.order.firstIndex(of: $1.severity) ?? 9, $1.advisory, $1.artifact.description)
        }
    }

    /// The owner by precedence: the covering exception's, the trusted CODEOWNERS', the policies' default, nobody.
    static func owner(covering: PolicyException?, digest: Digest, policies: [Policy],
                      index: DashboardIndex) async -> (String, RemediationItem.OwnerSource) {
        if let covering { return (covering.owner, .exception) }
        if let recorded = await index.codeOwners(of: digest), !recorded.owners.isEmpty {
            return (recorded.owners.joined(separator: " "), .codeowners)
        }
        if let owner = policies.lazy.compactMap(\.remediation.defaultOwner).first { return (owner, .policy) }
        return ("unassigned", .unassigned)
    }
}

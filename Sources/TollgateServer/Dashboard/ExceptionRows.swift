import Foundation
import TollgateModel
import TollgatePolicy

/// The exceptions the dashboard lists: those of the newest version of every published policy (as
/// `GET /v1/exceptions` reports them) and those seen applied in recorded decisions (a policy given
/// to `tollgate verify --record` as a file), each with the artifacts whose decisions it covered.
struct ExceptionRows {
    struct Row {
        let policy: String
        let id: String
        let owner: String
        let reason: String
        let control: String?
        let expires: Date
        let status: String
        let daysLeft: Int
        let covers: [String]
        /// The artifacts whose decisions it covered: how many, and the first 50.
        var artifactCount: Int
        var artifacts: [Digest]
    }

    let rows: [Row]

    init(state: LoadedState, index: DashboardIndex, now: Date, within window: TimeInterval? = nil) async throws {
        var policies: [Policy] = []
        for latest in try await state.policies.latest() {
            policies.append(try await state.policyLibrary.policy(latest.name, version: latest.version, state: state).0)
        }
        let seen = await index.coveringExceptions()
        var rows: [String: Row] = [:]
        for entry in ExceptionReport(policies: policies, now: now).exceptions {
            let key = "\(entry.policy)/\(entry.id)"
            rows[key] = Row(policy: entry.policy, id: entry.id, owner: entry.owner, reason: entry.reason, control: entry.compensatingControl,
                            expires: entry.expires, status: entry.status, daysLeft: entry.daysLeft,
                            covers: Self.describe(entry.match), artifactCount: seen[key]?.artifactCount ?? 0, artifacts: seen[key]?.sample ?? [])
        }
        for (key, covering) in seen where rows[key] == nil {
            let exception = covering.exception
            let left = exception.expires.timeIntervalSince(now)
            rows[key] = Row(policy: covering.policy, id: exception.id, owner: exception.owner, reason: exception.reason,
                            control: exception.compensatingControl, expires: exception.expires,
                            status: left <= 0 ? "expired" : left <= 14 * 86_400 ? "expiring" : "active",
                            daysLeft: Int((left / 86_400).rounded(.down)), covers: exception.covers,
                            artifactCount: covering.artifactCount, artifacts: covering.sample)
        }
        self.rows = rows.values
            .filter { window == nil || $0.expires.timeIntervalSince(now) <= window! }
            .sorted { ($0.expires, $0.policy, $0.id) < ($1.expires, $1.policy, $1.id) }
    }

    static func describe(_ match: ExceptionMatch) -> [String] {
        var out: [String] = []
        if let advisory = match.advisory { out.append("advisory: \(advisory)") }
        if let component = match.component { out.append("component: \(component)") }
        if let artifact = match.artifact { out.append("artifact: \(artifact)") }
        if !match.rules.isEmpty { out.append("rules: \(match.rules.map(\.rawValue).joined(separator: ", "))") }
        return out
    }
}

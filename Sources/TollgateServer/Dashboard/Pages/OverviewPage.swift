import Foundation
import Hummingbird
import TollgateModel

/// The overview (reader): artifacts, deployments by environment, open findings by severity and
/// over time, decisions per day, recent denials, exceptions expiring within 14 days, and the age
/// of the advisory database.
enum OverviewPage {
    static let days = 30

    @Sendable static func render(_ call: DashboardCall) async throws -> Response {
        try call.require(.reader)
        let state = try call.state
        let index = try await call.index(state)
        let now = Date()
        var context = await call.page("Overview", current: "/dashboard")
        context["artifactCount"] = await index.artifactCount
        context["decisionCount"] = await index.decisionCount
        context["denialCount"] = await index.denialCount

        let age = try await advisoryAge(state, now: now)
        context["advisoryAge"] = age.text
        context["advisoryStale"] = age.stale

        context["environments"] = await index.deploymentsByEnvironment().map {
            ["environment": $0.environment, "running": $0.running, "artifacts": $0.artifacts] as [String: Any]
        }

        let open = await index.openFindingsPerAdvisory()
        let history = await index.findingHistoryByDay(last: days)
        var ids = Set(open.keys)
        for day in history { ids.formUnion(day.perAdvisory.keys) }
        let severity = try await SeverityLookup.severities(ids, state: state)
        var counts: [Severity: (findings: Int, advisories: Int)] = [:]
        for (advisory, count) in open {
            let level = severity[advisory] ?? .unknown
            counts[level, default: (0, 0)].findings += count
            counts[level, default: (0, 0)].advisories += 1
        }
        context["openFindings"] = open.values.reduce(0, +)
        context["severities"] = SeverityLookup.order.compactMap { level in
            counts[level].map { ["severity": level.rawValue, "count": $0.findings, "advisories": $0.advisories] as [String: Any] }
        }
        let levels = SeverityLookup.order.filter { $0 != .none }
        context["findingsChart"] = SVGChart(
            label: "Open findings by severity at the end of each day with a scan",
            days: history.map(\.day),
            series: levels.map { level in
                (level.rawValue, history.map { day in day.perAdvisory.reduce(0) { $0 + ((severity[$1.key] ?? .unknown) == level ? $1.value : 0) } })
            }).context(.lines)

        let decisions = await index.decisionHistoryByDay(last: days)
        context["decisionsChart"] = SVGChart(
            label: "Decisions per day",
            days: decisions.map(\.day),
            series: ["allow", "warn", "deny"].map { outcome in (outcome, decisions.map { $0.outcomes[outcome] ?? 0 }) }).context(.stackedBars)

        context["denials"] = await index.recentDenials(10).map { denial in
            ["time": DashboardCall.time(denial.time), "href": DashboardCall.href(denial.digest),
             "label": denial.name ?? denial.digest.description, "policy": denial.policy, "reasons": denial.reasons] as [String: Any]
        }
        let expiring = try await ExceptionRows(state: state, index: index, now: now, within: 14 * 86_400)
        context["expiring"] = expiring.rows.map {
            ["policy": $0.policy, "id": $0.id, "owner": $0.owner, "expires": DashboardCall.time($0.expires), "status": $0.status,
             "daysLeft": $0.daysLeft] as [String: Any]
        }
        let remediation = try await call.dashboard.remediation.items(state: state, index: index, now: now)
        context["sloBreaches"] = remediation.filter { $0.status == .overdue }.count
        context["sloBreached"] = remediation.contains { $0.status == .overdue }
        let outbox = try await state.stores.alerts.counts()
        context["alertsPending"] = outbox[.pending] ?? 0
        context["alertsDead"] = outbox[.dead] ?? 0
        context["alertsFailing"] = (outbox[.dead] ?? 0) > 0
        context["deadLetters"] = try await state.stores.alerts.deliveries(status: .dead, limit: 10).map {
            ["time": DashboardCall.time($0.updated), "kind": $0.kind, "subject": $0.subject, "sink": AlertDispatcher.label(of: $0.sink),
             "attempts": $0.attempts, "problem": $0.problem ?? ""] as [String: Any]
        }
        return call.dashboard.renderer.html("overview", context)
    }

    /// The advisory database's age as text, and whether it is older than a week (or missing).
    static func advisoryAge(_ state: LoadedState, now: Date) async throws -> (text: String, stale: Bool, seconds: Double?) {
        guard let advisories = state.advisories else { return ("no database", true, nil) }
        guard let imported = try await advisories.lastImport() else { return ("never imported", true, nil) }
        let seconds = max(0, now.timeIntervalSince(imported))
        let days = Int(seconds / 86_400), hours = Int(seconds.truncatingRemainder(dividingBy: 86_400) / 3600)
        return (days > 0 ? "\(days) d \(hours) h" : "\(hours) h \(Int(seconds.truncatingRemainder(dividingBy: 3600) / 60)) min",
                seconds > 7 * 86_400, seconds)
    }
}

import Foundation
import Logging
import TollgateAdmission
import TollgateInventory
import TollgateModel
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// The events that raise alerts (issue #18, docs/dashboard.md#alerts), each as one function the
/// route that sees the event calls; the alert goes to the outbox in the background.
enum AlertTriggers {
    /// Rules whose failure with evidence present is a provenance discrepancy (the certificate
    /// against the claim, an unfamiliar source repository or fork, an unexpected builder).
    static let provenanceRules: Set<RuleID> = [.artifactProvenance, .artifactProvenanceBuilders, .artifactProvenanceSourceRepositories,
                                               .sourceRepositories, .sourceContinuity, .buildBuilders, .buildWorkflows]
    /// Rules that read the vulnerability scan.
    static let scanRules: Set<RuleID> = [.vulnerabilitiesMaxSeverity, .vulnerabilitiesRemediation, .vulnerabilitiesScanAge,
                                         .vulnerabilitiesDatabaseAge]

    /// `verification.failed`: an uploaded signature or attestation did not verify.
    static func uploadFailed(_ digest: Digest, kind: String, reasons: [String], state: LoadedState, server: ServerState, logger: Logger) {
        AlertDispatcher.raise(Alert(kind: "verification.failed", subject: digest.description,
                                    summary: "a \(kind) uploaded for \(digest) did not verify and was not stored",
                                    details: ["kind": kind, "reasons": reasons.prefix(5).joined(separator: "; ")]),
                              state: state, server: server, logger: logger)
    }

    /// After a decision: `decision.denied` for a denial, `scan.failed` when a vulnerability rule
    /// could not run (no trusted scan) or the scan is too old, and `provenance.discrepancy` when
    /// provenance that was there contradicts the policy or its certificate.
    static func decided(_ decision: Decision, state: LoadedState, server: ServerState, logger: Logger) {
        let subject = decision.artifact.digest.description, name = decision.artifact.name ?? subject
        if decision.decision == .deny { AlertDispatcher.denied(decision, state: state, server: server, logger: logger) }
        let scan = decision.rules.filter {
            scanRules.contains($0.rule) && $0.result != .pass && $0.result != .skipped
                && ($0.reason.hasPrefix("cannot evaluate:") || $0.rule == .vulnerabilitiesScanAge)
        }
        if !scan.isEmpty {
            AlertDispatcher.raise(Alert(kind: "scan.failed", subject: subject,
                                        summary: "\(name): the vulnerability scan is missing, failed or stale (policy \(decision.policy))",
                                        details: details(scan)), state: state, server: server, logger: logger)
        }
        let provenance = decision.rules.filter {
            provenanceRules.contains($0.rule) && $0.result == .fail && !$0.reason.hasPrefix("cannot evaluate:")
        }
        if !provenance.isEmpty {
            AlertDispatcher.raise(Alert(kind: "provenance.discrepancy", subject: subject,
                                        summary: "\(name): its provenance contradicts policy \(decision.policy)",
                                        details: details(provenance)), state: state, server: server, logger: logger)
        }
    }

    /// `admission.denied`: the admission webhook denied a workload in an `enforce` namespace.
    static func admission(_ result: AdmissionResult, state: LoadedState, server: ServerState, logger: Logger) {
        guard result.mode == .enforce, !result.response.allowed else { return }
        let denied = result.verdicts.filter { $0.outcome == .deny }
        guard !denied.isEmpty else { return }
        let images = denied.map { $0.digest?.description ?? $0.container.image }.sorted()
        AlertDispatcher.raise(Alert(kind: "admission.denied", subject: images.joined(separator: ","),
                                    summary: "admission denied \(denied.map(\.container.image).joined(separator: ", ")) (policy \(result.policy ?? "?"))",
                                    details: ["policy": result.policy ?? "", "reason": denied.map(\.reason).joined(separator: " | ")]),
                              state: state, server: server, logger: logger)
    }

    /// `tag.moved`: deployments about to be recorded whose tag was last seen at another digest.
    static func movedTags(_ requests: [DeploymentResolver.Request], state: LoadedState, server: ServerState, logger: Logger) async throws {
        let resolver = DeploymentResolver(store: state.stores.inventory)
        var seen: Set<String> = []
        for request in requests {
            guard let observation = try await resolver.resolve(request, now: Date(), pending: []).observation else { continue }
            let key = "\(observation.repository):\(observation.tag)@\(observation.digest)"
            guard seen.insert(key).inserted else { continue }
            let history = try await state.stores.inventory.tagObservations(repository: observation.repository, tag: observation.tag)
            guard let last = history.max(by: { $0.time < $1.time }), last.digest != observation.digest else { continue }
            AlertDispatcher.raise(Alert(kind: "tag.moved", subject: "\(observation.repository):\(observation.tag)",
                                        summary: "\(observation.repository):\(observation.tag) moved from \(last.digest) to \(observation.digest)",
                                        details: ["from": last.digest.description, "to": observation.digest.description,
                                                  "environment": request.environment]),
                                  state: state, server: server, logger: logger)
        }
    }

    /// `exception.expiring` (within 14 days) and `exception.expired`, for every exception of the
    /// newest version of each published policy; once a day per exception and status.
    static func exceptions(state: LoadedState, server: ServerState, logger: Logger, now: Date = Date()) async {
        do {
            var policies: [Policy] = []
            for latest in try await state.policies.latest() {
                policies.append(try await state.policyLibrary.policy(latest.name, version: latest.version, state: state).0)
            }
            for entry in ExceptionReport(policies: policies, now: now, expiringWithin: PolicyDuration(parsing: "14d")).exceptions
            where entry.status != "active" {
                let alert = Alert(kind: "exception.\(entry.status)", subject: "\(entry.policy)/\(entry.id)",
                                  summary: entry.status == "expired"
                                      ? "exception \(entry.id) of policy \(entry.policy) has expired: what it excused is denied again"
                                      : "exception \(entry.id) of policy \(entry.policy) expires in \(entry.daysLeft) days",
                                  details: ["owner": entry.owner, "expires": DashboardCall.time(entry.expires), "reason": entry.reason])
                _ = try await server.alerts.raise(alert, outbox: state.stores.alerts, dedupeWindow: 86_400)
            }
        } catch {
            logger.warning("the exceptions could not be checked for alerts", metadata: ["reason": "\(ErrorText.describe(error))"])
        }
    }

    /// The remediation queue's tracker export (docs/dashboard.md#tracker-export): `remediation.opened`
    /// for each item not fixed (a new finding on a running artifact), `remediation.overdue` for one past
    /// its SLO due date (once a day), and `remediation.fixed` once a later scan no longer finds it; each
    /// (kind, subject) at most once per `trackerDedupeWindow`. The subject, `DIGEST ADVISORY PURL`, is the
    /// item's key in the tracker; the details (`trackerDetails`) are the payload its webhook receives.
    /// Opened and fixed are raised only when a webhook sink is configured: without a tracker to export
    /// to they would only fill the ledger with a note per item.
    static func remediation(state: LoadedState, server: ServerState, logger: Logger, now: Date = Date()) async {
        let tracker = server.configuration.alertSinks.contains { $0.format == .webhook }
        do {
            let items = try await RemediationQueue.items(state: state, index: try await server.index.current(state), now: now)
            for item in items where tracker || item.status == .overdue {
                let name = item.artifactName ?? item.artifact.description
                let opened = ("remediation.opened", "\(item.advisory) in \(item.purl) of \(name) needs remediation (owner \(item.owner))", trackerDedupeWindow)
                let raised: [(kind: String, summary: String, window: TimeInterval)] = switch item.status {
                case .fixed:
                    [("remediation.fixed", "\(item.advisory) in \(item.purl) of \(name) is fixed: a later scan no longer finds it", trackerDedupeWindow)]
                case .overdue:
                    (tracker ? [opened] : []) + [("remediation.overdue", "\(item.advisory) in \(item.purl) of \(name) is past its remediation SLO (due \(item.due.map(DashboardCall.time) ?? ""))", 86_400)]
                case .open, .excepted:
                    [opened]
                }
                for (kind, summary, window) in raised {
                    let alert = Alert(kind: kind, subject: "\(item.artifact) \(item.advisory) \(item.purl)", summary: summary,
                                      details: trackerDetails(item))
                    _ = try await server.alerts.raise(alert, outbox: state.stores.alerts, dedupeWindow: window)
                }
            }
        } catch {
            logger.warning("the remediation queue could not be checked for alerts", metadata: ["reason": "\(ErrorText.describe(error))"])
        }
    }

    /// How long a `remediation.opened` or `remediation.fixed` of one item is not raised again: a tracker
    /// that missed one hears it again within 30 days.
    static let trackerDedupeWindow: TimeInterval = 30 * 86_400

    /// The tracker payload's `details` (docs/dashboard.md#tracker-export); absent values are left out.
    static func trackerDetails(_ item: RemediationItem) -> [String: String] {
        var details = ["advisory": item.advisory, "component": item.purl, "artifact": item.artifact.description,
                       "severity": item.severity.rawValue, "status": item.status.rawValue,
                       "environments": item.environments.joined(separator: ", "), "policies": item.policies.joined(separator: ", "),
                       "owner": item.owner, "ownerSource": item.ownerSource.rawValue]
        details["artifactName"] = item.artifactName
        details["firstSeen"] = item.firstSeen.map(DashboardCall.time)
        details["due"] = item.due.map(DashboardCall.time)
        details["fixedAt"] = item.fixedAt.map(DashboardCall.time)
        details["exception"] = item.exception
        return details
    }

    static func details(_ findings: [Finding]) -> [String: String] {
        Dictionary(findings.map { ($0.rule.rawValue, $0.reason) }, uniquingKeysWith: { first, _ in first })
    }
}

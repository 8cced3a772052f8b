import Foundation
import Logging
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateVerify

/// Continuous monitoring (docs/dashboard.md#re-evaluation): when the advisory database changes,
/// every running artifact is decided again, with the newest version of each policy that decided it
/// before, through `ServerDecision` (the same collector and gate as `POST /v1/decisions`). Each
/// decision is recorded in the ledger; new denials raise `decision.denied`, new findings raise
/// `advisory.new` (the advisories, where the artifact runs), and running digests that no decision
/// covers raise `deployment.undecided`. The run itself is a `reevaluation.run` ledger entry.
enum Reevaluation {
    static let actor = "tollgate-server:reevaluation"

    /// Re-evaluates every running artifact; returns the `reevaluation.run` entry and its ledger index.
    /// `requestedBy` names the principal of an on-demand run (`POST /v1/reevaluations`).
    @discardableResult
    static func run(trigger: String, requestedBy: String? = nil, state: LoadedState, server: ServerState,
                    logger: Logger) async throws -> (event: ReevaluationRunEvent, ledgerIndex: UInt64) {
        let started = Date()
        let advisory = try await state.advisories?.state()
        let index = try await server.index.current(state)
        let running = await index.running()
        let published = Set(try await state.policies.latest().map(\.name))
        var artifacts: [ReevaluationRunEvent.Artifact] = [], undecided: [String] = [], problems: [String] = []
        for (digest, environments) in running.sorted(by: { $0.key < $1.key }) {
            // The newest decision of each policy that decided this artifact before.
            var previous: [String: String] = [:]
            for decision in await index.decisions(of: digest, limit: 1000) where previous[decision.policy] == nil {
                previous[decision.policy] = decision.outcome
            }
            let policies = previous.keys.filter(published.contains).sorted()
            guard !policies.isEmpty else {
                undecided.append(digest.description)
                AlertDispatcher.raise(Alert(kind: "deployment.undecided", subject: digest.description,
                                            summary: "\(digest) runs in \(environments.sorted().joined(separator: ", ")) with no recorded decision of a published policy",
                                            details: ["environments": environments.sorted().joined(separator: ", ")]),
                                      state: state, server: server, logger: logger)
                continue
            }
            let before = await index.findings(of: digest)
            var decisions: [String: String] = [:], newDenials: [String] = [], indexes: [UInt64] = []
            for policy in policies {
                do {
                    let (decision, receipt) = try await ServerDecision.decide(digest, policy: policy, version: nil, reference: nil, actor: actor,
                                                                              state: state, server: server, logger: logger)
                    decisions[policy] = decision.decision.rawValue
                    indexes.append(receipt.index)
                    if decision.decision == .deny, previous[policy] != Outcome.deny.rawValue { newDenials.append(policy) }
                } catch {
                    problems.append("\(digest) against \(policy): \(ErrorText.describe(error))")
                }
            }
            try await index.refresh()
            let added = Set(await index.findings(of: digest).subtracting(before).map(\.advisory)).sorted()
            if !added.isEmpty {
                AlertDispatcher.raise(Alert(kind: "advisory.new", subject: digest.description,
                                            summary: "\(added.count) new \(added.count == 1 ? "advisory affects" : "advisories affect") \(digest), running in \(environments.sorted().joined(separator: ", "))",
                                            details: ["advisories": added.joined(separator: ", "), "environments": environments.sorted().joined(separator: ", "),
                                                      "decisions": decisions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")]),
                                      state: state, server: server, logger: logger)
            }
            artifacts.append(.init(digest: digest.description, environments: environments.sorted(), decisions: decisions, newDenials: newDenials,
                                   newAdvisories: added, ledgerIndexes: indexes))
        }
        let event = ReevaluationRunEvent(trigger: trigger, advisoryRevision: advisory?.revision, advisoryImport: advisory?.lastImport,
                                         started: started, finished: Date(), artifacts: artifacts, undecided: undecided, problems: problems,
                                         requestedBy: requestedBy)
        let receipt = try await state.ledger.append(kind: .reevaluationRun, actor: actor, payload: try LedgerJSON.encode(event))
        logger.info("re-evaluated the running artifacts", metadata: [
            "trigger": "\(trigger)", "artifacts": "\(artifacts.count)", "newDenials": "\(artifacts.reduce(0) { $0 + $1.newDenials.count })",
            "undecided": "\(undecided.count)", "problems": "\(problems.count)"])
        // New findings on running artifacts reach the tracker now, not at the next hourly check.
        await AlertTriggers.remediation(state: state, server: server, logger: logger)
        return (event, receipt.index)
    }

    /// Re-evaluates whenever the advisory database's revision changes (an import by `tollgate db
    /// import` in another process, or a scheduled one), checking every `interval`, until cancelled.
    static func watch(state: LoadedState, server: ServerState, interval: Duration, logger: Logger) async {
        guard let advisories = state.advisories else { return }
        var seen = try? await advisories.revision()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard let revision = try? await advisories.revision(), revision != seen else { continue }
            do {
                try await run(trigger: "advisory-database-changed", state: state, server: server, logger: logger)
                seen = revision
            } catch {
                logger.error("the re-evaluation failed; retrying at the next check", metadata: ["reason": "\(ErrorText.describe(error))"])
            }
        }
    }
}

import Foundation
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateStore

/// Resolves and records deployments for `deploy record` and `deploy import`, and reports each: the
/// digest and how it was found ("resolved through tag observation of … at …"), or that there is none.
struct DeploymentRecording {
    /// Deployments recorded per ledger request.
    static let chunk = 500

    struct Recorded: Encodable {
        let environment: String
        let cluster: String?
        let namespace: String?
        let service: String?
        let image: String
        let digest: Digest?
        let running: Bool
        /// `reference`, `given`, `tag-observation` or `unresolved`.
        let digestFrom: String
        let explanation: String
        let resolution: TagResolution?
        let ledgerIndex: UInt64
    }

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/deploy/v1"
        let deployments: [Recorded]
        let unresolved: Int
    }

    static func record(_ requests: [DeploymentResolver.Request], with recorder: InventoryRecorder) async throws -> Report {
        let resolver = DeploymentResolver(store: recorder.store)
        var recorded: [Recorded] = []
        for start in stride(from: 0, to: requests.count, by: chunk) {
            let now = Date()
            var drafts: [LedgerEntryDraft] = []
            var resolved: [(DeploymentResolver.Request, DeploymentResolver.Resolved, Int)] = []
            var pending: [TagObservationRecord] = []
            for request in requests[start..<min(requests.count, start + chunk)] {
                let result = try await resolver.resolve(request, now: now, pending: pending)
                if let observation = result.observation {
                    drafts.append(try recorder.draft(.tagObserved, observation))
                    pending.append(TagObservationRecord(repository: observation.repository, tag: observation.tag,
                                                        digest: observation.digest, time: observation.observedAt ?? now))
                }
                drafts.append(try recorder.draft(.deploymentRecorded, result.deployment))
                resolved.append((request, result, drafts.count - 1))
            }
            let receipts = try await recorder.record(drafts)
            for (request, result, position) in resolved {
                let deployment = result.deployment
                let from = deployment.resolution != nil ? "tag-observation"
                    : deployment.digest == nil ? "unresolved" : (request.digest != nil ? "given" : "reference")
                recorded.append(Recorded(environment: deployment.environment, cluster: deployment.cluster, namespace: deployment.namespace,
                                         service: deployment.service, image: request.image, digest: deployment.digest,
                                         running: deployment.running, digestFrom: from, explanation: result.explanation,
                                         resolution: deployment.resolution, ledgerIndex: receipts[position].index))
            }
        }
        return Report(deployments: recorded, unresolved: recorded.filter { $0.digest == nil }.count)
    }

    static func print(_ report: Report, json: Bool, to out: ReportOutput) throws {
        for item in report.deployments where item.digest == nil {
            Console.err("warning: \(slot(item)) \(item.image): no digest; recorded without one (deploy by digest, or record the tag with `deploy record --image \(item.image) --digest …`)")
        }
        if json {
            try out.json(report)
            return
        }
        for item in report.deployments {
            out.line("recorded \(slot(item)): \(item.image) → \(item.digest?.description ?? "no digest")\(item.running ? "" : " (stopped)") (\(item.explanation)); ledger entry \(item.ledgerIndex)")
        }
        if report.deployments.count > 1 || report.unresolved > 0 {
            out.line("\(report.deployments.count) deployments recorded, \(report.unresolved) without a digest")
        }
    }

    static func slot(_ item: Recorded) -> String {
        DeploymentSlot.describe(environment: item.environment, cluster: item.cluster, namespace: item.namespace, service: item.service)
    }
}

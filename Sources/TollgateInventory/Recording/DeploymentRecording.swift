import Foundation
import TollgateLedger
import TollgateModel
import TollgateStore

/// Resolves and records deployments for `deploy record`, `deploy import` and the server's
/// `POST /v1/deployments`, and reports each (`tollgate.dev/deploy/v1`): the digest and how it was
/// found ("resolved through tag observation of … at …"), or that there is none.
public enum DeploymentRecording {
    /// Deployments recorded per ledger request.
    public static let chunk = 500

    public struct Recorded: Sendable, Codable {
        public let environment: String
        public let cluster: String?
        public let namespace: String?
        public let service: String?
        public let image: String
        public let digest: Digest?
        public let running: Bool
        /// `reference`, `given`, `tag-observation` or `unresolved`.
        public let digestFrom: String
        public let explanation: String
        public let resolution: TagResolution?
        public let ledgerIndex: UInt64
    }

    public struct Report: Sendable, Codable {
        public var schemaVersion = "tollgate.dev/deploy/v1"
        public let deployments: [Recorded]
        public let unresolved: Int
    }

    public static func record(_ requests: [DeploymentResolver.Request], with recorder: InventoryRecorder) async throws -> Report {
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
}

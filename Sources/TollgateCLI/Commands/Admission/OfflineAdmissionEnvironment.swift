import Foundation
import TollgateAdmission
import TollgateInventory
import TollgateModel
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// `tollgate admission test`'s environment: policies from files, no stored evidence, no tag
/// history, nothing recorded. The gate runs exactly as in the server, over no evidence, so what a
/// policy demands of a digest (a signature, provenance) shows as the denial it would be for an
/// image nobody has attested, and `deploy.byDigest` and tag handling behave as in the cluster.
struct OfflineAdmissionEnvironment: AdmissionEnvironment {
    let policies: [String: Policy]
    let now: Date

    func policy(named name: String) async throws -> Policy {
        guard let policy = policies[name] else {
            throw CLIError(.usage, "the admission configuration names policy '\(name)', which no --policy file defines (defined: \(policies.keys.sorted().joined(separator: ", ")))")
        }
        return policy
    }

    func trustState() async throws -> AdmissionTrustState {
        AdmissionTrustState(trustedRootVersion: "offline", advisoryRevision: nil)
    }

    func tagObservations(repository: String, tag: String) async throws -> [TagObservationRecord] { [] }

    func verify(_ subject: ArtifactSubject, policy: Policy, record: Bool, now: Date) async throws -> Decision {
        let evidence = await EvidenceCollector(policy: policy, now: { now }).collect(EvidenceCollector.Inputs(artifact: subject))
        return Gate(policy: policy).evaluate(evidence, now: now)
    }

    func recordDeployments(_ deployments: [DeploymentResolver.Request]) async throws {}

    func recordDenial(_ denial: AdmissionDenial) async throws {}
}

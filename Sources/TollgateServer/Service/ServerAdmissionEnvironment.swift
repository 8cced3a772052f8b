import Foundation
import TollgateAdmission
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateOCI
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// Admission over the server's stores: policies published to the server, its trusted root and
/// advisory database, the inventory's tag history, the evidence stored for each artifact, and the
/// ledger, where inline verifications, admitted deployments and denials are recorded with the
/// caller (the API server's token) as actor.
struct ServerAdmissionEnvironment: AdmissionEnvironment {
    let state: LoadedState
    let actor: String
    /// Also read the evidence the image's registry attaches (`registryEvidence: true`).
    var registryEvidence = false
    var allowHTTPRegistry = false

    func policy(named name: String) async throws -> Policy {
        try await state.policyLibrary.policy(name, version: nil, state: state).0
    }

    /// Read at every request, like the policy: a key revoked in the registry (`tollgate key revoke` on
    /// the same data, or another replica) changes the cache key at once.
    func trustState() async throws -> AdmissionTrustState {
        AdmissionTrustState(trustedRootVersion: state.trustedRootVersion, advisoryRevision: try await state.advisories?.revision(),
                            keyRegistryRevision: KeyRecord.revision(of: try await state.stores.keys.keys()))
    }

    func tagObservations(repository: String, tag: String) async throws -> [TagObservationRecord] {
        try await state.stores.inventory.tagObservations(repository: repository, tag: tag)
    }

    func verify(_ subject: ArtifactSubject, policy: Policy, record: Bool, now: Date) async throws -> Decision {
        var artifact = subject
        if let registered = try await state.evidence.artifact(subject.digest) {
            artifact.name = registered.name ?? subject.name
            artifact.purl = registered.purl
        }
        var inputs = EvidenceCollector.Inputs(artifact: artifact)
        try await StoredEvidence.add(of: subject.digest, to: &inputs, state: state)
        if registryEvidence, let name = subject.name {
            inputs.image = try await AdmissionRegistryEvidence.fetch(try Repository(parsing: name), digest: subject.digest,
                                                                     allowHTTP: allowHTTPRegistry)
        }
        return try await ServerDecision.evaluate(inputs, policy: policy, recordAs: record ? actor : nil, state: state, now: now).0
    }

    func recordDeployments(_ deployments: [DeploymentResolver.Request]) async throws {
        _ = try await DeploymentRecording.record(deployments, with: InventoryRecorder(ledger: state.ledger, store: state.stores.inventory,
                                                                                      actor: actor))
    }

    func recordDenial(_ denial: AdmissionDenial) async throws {
        _ = try await state.ledger.append(kind: .note, actor: actor, payload: try LedgerJSON.encode(denial))
    }
}

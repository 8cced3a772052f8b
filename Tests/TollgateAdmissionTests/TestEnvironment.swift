import Foundation
import Synchronization
import TollgateAdmission
import TollgateInventory
import TollgateModel
import TollgatePolicy
import TollgateStore
import TollgateVerify
import TollgateVerifyTesting

/// An admission environment held in memory: published policies, tag observations, the digests a
/// trusted key has signed, and what got recorded. Verification is the real `Gate` over evidence
/// with (or without) that key's signature, so decisions follow the policy's rules.
final class TestEnvironment: AdmissionEnvironment {
    static let trustedKey = String(repeating: "ab", count: 32)

    struct State {
        var policies: [String: Policy] = [:]
        var trust = AdmissionTrustState(trustedRootVersion: "sha256:root-1", advisoryRevision: 1)
        var observations: [TagObservationRecord] = []
        var signed: Set<Digest> = []
        /// When not empty, only these repositories' copies of `signed` carry the signature (as a
        /// cosign signature names its repository).
        var signedRepositories: Set<String> = []
        var verifications: [Digest] = []
        var recordedVerifications = 0
        var deployments: [DeploymentResolver.Request] = []
        var denials: [AdmissionDenial] = []
        var verifyDelay: Duration = .zero
        var failRecording = false
    }

    let state = Mutex(State())

    init(policies: [String] = [TestEnvironment.signedPolicy]) throws {
        for yaml in policies { try publish(yaml) }
    }

    func publish(_ yaml: String) throws {
        let policy = try Policy(yaml: Array(yaml.utf8))
        state.withLock { $0.policies[policy.name] = policy }
    }

    /// Requires a signature by `trustedKey`.
    static let signedPolicy = """
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata: { name: production }
        artifact:
          signature: { required: true, keys: ["\(trustedKey)"] }
        """

    static let byDigestPolicy = """
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata: { name: pinned }
        artifact:
          signature: { required: true, keys: ["\(trustedKey)"] }
        deploy:
          byDigest: true
        """

    func policy(named name: String) async throws -> Policy {
        guard let policy = state.withLock({ $0.policies[name] }) else {
            throw PolicyError(.invalidValue, "no policy named \(name)")
        }
        return policy
    }

    func trustState() async throws -> AdmissionTrustState { state.withLock { $0.trust } }

    func tagObservations(repository: String, tag: String) async throws -> [TagObservationRecord] {
        state.withLock { $0.observations.filter { $0.repository == repository && $0.tag == tag } }
    }

    func verify(_ subject: ArtifactSubject, policy: Policy, record: Bool, now: Date) async throws -> Decision {
        let (delay, signed) = state.withLock { state in
            state.verifications.append(subject.digest)
            if record { state.recordedVerifications += 1 }
            let repositoryMatches = state.signedRepositories.isEmpty || state.signedRepositories.contains(subject.name ?? "")
            return (state.verifyDelay, state.signed.contains(subject.digest) && repositoryMatches)
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        let signatures = signed ? [EvidenceBuilder.signature(.key(id: Self.trustedKey))] : []
        return Gate(policy: policy).evaluate(EvidenceBuilder.evidence(artifact: subject, signatures: signatures), now: now)
    }

    func recordDeployments(_ deployments: [DeploymentResolver.Request]) async throws {
        try state.withLock { state in
            if state.failRecording { throw StoreError(.unavailable, "the database is down") }
            state.deployments += deployments
        }
    }

    func recordDenial(_ denial: AdmissionDenial) async throws {
        state.withLock { $0.denials.append(denial) }
    }

    var verifications: [Digest] { state.withLock { $0.verifications } }
}

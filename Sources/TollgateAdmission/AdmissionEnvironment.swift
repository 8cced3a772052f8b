import Foundation
import TollgateInventory
import TollgateModel
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// What admission needs from the server (or from `tollgate admission test`): policies by name,
/// the trust state, the recorded tag history, inline verification and recording.
public protocol AdmissionEnvironment: Sendable {
    /// The current version of the policy `name` (its `digest` is part of the cache key).
    func policy(named name: String) async throws -> Policy
    /// The trusted root and advisory revision in force now.
    func trustState() async throws -> AdmissionTrustState
    /// The recorded observations of `repository:tag` (any order).
    func tagObservations(repository: String, tag: String) async throws -> [TagObservationRecord]
    /// Verifies `subject` inline with the evidence held for it and returns the gate's decision,
    /// recorded in the ledger when `record` is true (not on dryRun).
    func verify(_ subject: ArtifactSubject, policy: Policy, record: Bool, now: Date) async throws -> Decision
    /// Records admitted workloads as deployments.
    func recordDeployments(_ deployments: [DeploymentResolver.Request]) async throws
    /// Records a denied (or, in warn and audit mode, would-be denied) request.
    func recordDenial(_ denial: AdmissionDenial) async throws
}

/// The ledger payload of a denied admission request (`tollgate.dev/admission/denied/v1`, in a
/// `note` entry): who asked to run what where, under which policy and mode, and why each image
/// was refused. The gate's own decisions are `decision.made` entries recorded at verification.
public struct AdmissionDenial: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = "tollgate.dev/admission/denied/v1"

    public var schemaVersion = AdmissionDenial.currentSchemaVersion
    public let uid: String
    public let cluster: String?
    public let namespace: String
    public let kind: String
    public let name: String?
    public let operation: String
    public let user: String?
    public let mode: NamespaceMode
    /// False in warn and audit mode: the request was admitted anyway.
    public let enforced: Bool
    public let policy: String
    public let policyDigest: Digest?
    public let images: [ImageVerdict]
    /// Why the request as a whole was denied, when no image was judged (a malformed workload object).
    public var reason: String?
}

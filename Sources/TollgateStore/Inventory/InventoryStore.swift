import Foundation
import TollgateModel

/// The inventory: an index of artifacts, their SBOM components, provenance facts, signatures, gate
/// decisions, deployments and tag observations, for the incident questions ("which artifacts contain
/// X, where do they run, were they built by trusted workflows"). Implemented by
/// `InventoryStoreSQLite` (the embedded default, `DIR/inventory.sqlite` beside the ledger) and
/// `InventoryStorePostgres`.
///
/// The inventory is derived data: every write comes from a ledger entry (and the evidence documents
/// the ledger names by digest), so `tollgate inventory rebuild` can replay the ledger into an empty
/// store. For that, `apply(_:)` is **idempotent and order-independent**: applying the same batches
/// in any order, any number of times, gives the same query answers (first-seen is a minimum,
/// last-seen a maximum, sets are unions). Several processes may apply batches at once; nothing is
/// lost.
public protocol InventoryStore: Sendable {
    /// Creates the schema when missing. Idempotent.
    func prepare() async throws

    /// Applies one batch in one transaction.
    func apply(_ batch: InventoryBatch) async throws

    /// Deletes every row (before `inventory rebuild`).
    func reset() async throws

    // MARK: Artifacts

    /// The artifacts with the given digests (absent ones omitted), in digest order.
    func artifacts(_ digests: [Digest]) async throws -> [InventoryArtifactRow]

    /// Other artifacts of the same package (`InventoryArtifactRecord.packageKey`), oldest first.
    func artifacts(packageKey: String) async throws -> [InventoryArtifactRow]

    // MARK: Components

    /// The distinct versions recorded for a package (a purl without version, qualifiers and
    /// subpath, lowercased: `pkg:npm/lodash`). The caller filters them with a `vers:` range.
    func componentVersions(packageKey: String) async throws -> [String]

    /// Every (artifact, component) pair for the package, limited to `versions` when given.
    func artifactsContaining(packageKey: String, versions: [String]?) async throws -> [InventoryComponentMatch]

    /// `artifactsContaining(packageKey:versions:)` for each package, answers in the order asked
    /// (one read where the store can; by default one call each).
    func artifactsContaining(packages: [(packageKey: String, versions: [String]?)]) async throws -> [[InventoryComponentMatch]]

    /// The components of one artifact.
    func components(of artifact: Digest) async throws -> [InventoryComponentRecord]

    // MARK: Provenance, signatures, decisions

    func provenance(of digests: [Digest]) async throws -> [InventoryProvenanceRecord]

    /// Artifacts with a provenance fact whose `field` equals `value` (exactly), of any trust source.
    func artifacts(withProvenance field: InventoryProvenanceField, equalTo value: String) async throws -> [Digest]

    func signatures(of digests: [Digest]) async throws -> [InventorySignatureRecord]

    /// When each of `signers` (as recorded: `key:ID`, or a certificate subject) last signed recorded
    /// evidence; signers never seen are absent. For key access reviews (`tollgate key review`).
    func lastSignatureTimes(signers: Set<String>) async throws -> [String: Date]

    func decisions(of digests: [Digest]) async throws -> [InventoryDecisionRecord]

    // MARK: Deployments and tags

    /// Every deployment row of the given digests.
    func deployments(of digests: [Digest]) async throws -> [InventoryDeploymentRow]

    /// Deployments recorded without a digest.
    func deploymentsWithoutDigest() async throws -> [InventoryDeploymentRow]

    /// Observations of tags that ever pointed at one of `digests`, and the whole history of each
    /// such tag, oldest first.
    func tagHistory(of digests: [Digest]) async throws -> [TagObservationRecord]

    /// The observations of one tag, oldest first.
    func tagObservations(repository: String, tag: String) async throws -> [TagObservationRecord]

    // MARK: Findings and exceptions (the gate's continuity rules)

    /// When a finding was first seen, if ever.
    func firstSeen(advisory: String, purl: String) async throws -> Date?

    /// Exception events already recorded ("granted:POLICY:ID", "expired:POLICY:ID").
    func exceptionEvents() async throws -> Set<String>

    // MARK: Completeness

    /// How complete the data is, over the whole inventory.
    func coverage() async throws -> InventoryCoverage

    /// A number that every `apply` and `reset` changes, by any process: an answer computed from the
    /// inventory at one revision is still the answer while the revision is the same. Nil when the
    /// store cannot tell (then nothing may be cached).
    func revision() async throws -> Int64?
}

extension InventoryStore {
    public func revision() async throws -> Int64? { nil }

    public func artifactsContaining(packages: [(packageKey: String, versions: [String]?)]) async throws -> [[InventoryComponentMatch]] {
        var answers: [[InventoryComponentMatch]] = []
        for package in packages {
            answers.append(try await artifactsContaining(packageKey: package.packageKey, versions: package.versions))
        }
        return answers
    }
}

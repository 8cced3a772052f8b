import TollgateModel

/// The payload of a `drill.run` entry (`tollgate.dev/ledger/drill-run/v1`): an incident query run
/// as an exercise against the live inventory, the SHA-256 of its answer (`tollgate.dev/incident/v1`,
/// canonical JSON) and how long it took. Evidence for auditors that drills happen.
public struct DrillRunEntry: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = "tollgate.dev/ledger/drill-run/v1"

    public var schemaVersion: String
    public var query: IncidentQuery
    public var answerDigest: Digest
    public var durationMilliseconds: Double
    /// `affected`, `not-affected` or `incomplete`.
    public var status: String
    public var affectedArtifacts: Int
    public var runningDeployments: Int

    public init(query: IncidentQuery, answerDigest: Digest, durationMilliseconds: Double, status: String,
                affectedArtifacts: Int, runningDeployments: Int) {
        schemaVersion = Self.currentSchemaVersion
        self.query = query
        self.answerDigest = answerDigest
        self.durationMilliseconds = durationMilliseconds
        self.status = status
        self.affectedArtifacts = affectedArtifacts
        self.runningDeployments = runningDeployments
    }
}

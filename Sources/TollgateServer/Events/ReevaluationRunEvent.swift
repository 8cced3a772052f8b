import Foundation

/// The `reevaluation.run` ledger entry (`tollgate.dev/ledger/reevaluation-run/v1`): why the server
/// re-evaluated the running artifacts, against which advisory database, and what changed.
struct ReevaluationRunEvent: Codable, Sendable, Equatable {
    struct Artifact: Codable, Sendable, Equatable {
        let digest: String
        let environments: [String]
        /// Policy name → the decision now (`allow`, `warn`, `deny`).
        let decisions: [String: String]
        /// The policies whose decision turned into a denial in this run.
        let newDenials: [String]
        /// Advisories found now that the artifact's previous findings did not have.
        let newAdvisories: [String]
        /// Ledger index of each decision recorded.
        let ledgerIndexes: [UInt64]
    }

    var schemaVersion = "tollgate.dev/ledger/reevaluation-run/v1"
    /// `advisory-database-changed` or `requested`.
    let trigger: String
    /// The advisory database's revision and last import the run used.
    let advisoryRevision: Int?
    let advisoryImport: Date?
    let started: Date
    let finished: Date
    /// Running artifacts with a recorded decision, re-evaluated.
    let artifacts: [Artifact]
    /// Running digests no recorded decision covers (deployed outside the pipeline).
    let undecided: [String]
    /// What could not be evaluated, and why.
    let problems: [String]
    /// Who asked for the run (`POST /v1/reevaluations`: the principal); absent when the advisory database changed.
    var requestedBy: String?
}

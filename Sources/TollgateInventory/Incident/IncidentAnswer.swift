/// The answer to an incident query (`tollgate.dev/incident/v1`): the six parts the response needs
/// and how complete the data behind them is. The same document is printed by `tollgate incident
/// --format json`, rendered by `--format markdown`, and digested by `tollgate drill`.
///
/// It is a function of the inventory, the advisory database and the policy: it carries no time of
/// its own, so an unchanged inventory (or one rebuilt from the ledger) gives the same bytes.
public struct IncidentAnswer: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = "tollgate.dev/incident/v1"

    public var schemaVersion = IncidentAnswer.currentSchemaVersion
    public var query: IncidentQuery
    public var status: IncidentStatus
    /// One sentence: what is affected and how complete the data is.
    public var summary: String
    public var affectedComponent: AffectedComponentPart
    public var artifactSearch: ArtifactSearchPart
    public var runtimeSearch: RuntimeSearchPart
    public var provenanceCheck: ProvenanceCheckPart
    public var containment: ContainmentPart
    public var recovery: RecoveryPart
    public var completeness: CompletenessPart

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, query, status, summary, completeness, containment, recovery
        case affectedComponent = "affected_component"
        case artifactSearch = "artifact_search"
        case runtimeSearch = "runtime_search"
        case provenanceCheck = "provenance_check"
    }
}

/// The headline of an incident answer, and of its exit status (docs/exit-codes.md).
public enum IncidentStatus: String, Sendable, Hashable, Codable {
    /// Affected artifacts were found (exit 1), whatever the completeness.
    case affected
    /// None found, and the inventory has the data to say so (exit 0).
    case notAffected = "not-affected"
    /// None found among the artifacts with data, but some lack it (exit 5): never "not affected".
    case incomplete
}

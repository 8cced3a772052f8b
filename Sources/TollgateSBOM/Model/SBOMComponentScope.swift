/// Whether a component is needed at run time (CycloneDX `scope`, extended with `development`).
public enum SBOMComponentScope: String, Sendable, Hashable, Codable {
    /// Needed at run time (CycloneDX `required`).
    case required
    /// Optional at run time (CycloneDX `optional`; npm/poetry optional dependencies).
    case optional
    /// Only needed to develop or build (npm devDependencies, Pipfile `develop`, ...).
    /// CycloneDX has no such scope; it is written as `excluded` with a `tollgate:scope` property.
    case development
}

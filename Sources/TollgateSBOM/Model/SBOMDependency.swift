/// The direct dependencies of one component, by `bomRef` (CycloneDX `dependencies`, SPDX
/// `DEPENDS_ON` / `DEPENDENCY_OF` relationships).
public struct SBOMDependency: Sendable, Hashable, Codable {
    public var ref: String
    public var dependsOn: [String]

    public init(ref: String, dependsOn: [String]) {
        self.ref = ref
        self.dependsOn = dependsOn
    }
}

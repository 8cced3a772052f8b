/// The build and source facts the `source.*` and `build.*` rules read.
public enum BuildFact: String, Sendable, Hashable, Codable, CaseIterable {
    case builder
    case buildType
    case sourceRepository
    case sourceRef
    case sourceCommit
    case workflow
    case trigger
    case runnerEnvironment
    case dependencies
}

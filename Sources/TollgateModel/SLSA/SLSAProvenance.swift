import Foundation

/// A SLSA provenance predicate of either supported version, with the facts the gate evaluates.
///
/// Specs: <https://slsa.dev/spec/v0.2/provenance>, <https://slsa.dev/spec/v1.0/provenance>.
public enum SLSAProvenance: Sendable, Hashable {
    case v0_2(SLSAProvenanceV02)
    case v1(SLSAProvenanceV1)

    /// The predicate types Tollgate accepts. SLSA v1.1 kept the v1 predicate type.
    public static let predicateTypes: Set<String> = [SLSAProvenanceV02.predicateType, SLSAProvenanceV1.predicateType]

    /// Parses the predicate of an in-toto statement whose `predicateType` is a SLSA provenance type.
    public init(predicateType: String, predicate: JSONValue) throws(ModelError) {
        switch predicateType {
        case SLSAProvenanceV1.predicateType: self = .v1(try SLSAProvenanceV1(parsing: predicate))
        case SLSAProvenanceV02.predicateType: self = .v0_2(try SLSAProvenanceV02(parsing: predicate))
        default:
            throw ModelError(.invalidProvenance,
                             "expected predicateType \(SLSAProvenanceV1.predicateType) or \(SLSAProvenanceV02.predicateType), found \(predicateType)")
        }
    }

    /// The normalised facts the policy rules read (builder, source, ref, commit, trigger, dependencies).
    public var facts: ProvenanceFacts {
        switch self {
        case .v1(let p): Self.facts(v1: p)
        case .v0_2(let p): Self.facts(v02: p)
        }
    }

    private static func facts(v1 p: SLSAProvenanceV1) -> ProvenanceFacts {
        let external = p.externalParameters
        let workflow = external["workflow"]
        var repositoryURI = workflow?["repository"]?.stringValue
            ?? external["repository"]?.stringValue
            ?? external["source"]?.stringValue
            ?? external["source"]?["uri"]?.stringValue
        var ref = workflow?["ref"]?.stringValue ?? external["ref"]?.stringValue
        let workflowPath = workflow?["path"]?.stringValue ?? external["workflow"]?.stringValue
        let internals = p.internalParameters
        let trigger = internals?["github"]?["event_name"]?.stringValue
            ?? internals?["gitlab"]?["pipeline_source"]?.stringValue
            ?? internals?["event_name"]?.stringValue
            ?? external["event_name"]?.stringValue
        let runner = internals?["github"]?["runner_environment"]?.stringValue
        // The source commit is the resolved dependency that names the source repository (a
        // `git+` URI) and carries a commit digest.
        var commit: String?
        for dependency in p.resolvedDependencies {
            guard let value = dependency.digest["gitCommit"] ?? dependency.digest["sha1"] else { continue }
            let uri = dependency.uri ?? ""
            if repositoryURI == nil || ProvenanceFacts.normalise(repository: uri) == ProvenanceFacts.normalise(repository: repositoryURI ?? "") {
                commit = value
                if repositoryURI == nil, !uri.isEmpty { repositoryURI = uri }
                if ref == nil, let at = uri.lastIndex(of: "@") { ref = String(uri[uri.index(after: at)...]) }
                break
            }
        }
        return ProvenanceFacts(
            slsaVersion: .v1, builderID: p.builderID, buildType: p.buildType,
            sourceRepository: repositoryURI.map(ProvenanceFacts.normalise(repository:)),
            sourceRef: ref, sourceCommit: commit, workflowPath: workflowPath, triggerEvent: trigger,
            runnerEnvironment: runner, invocationID: p.invocationID, dependencies: p.resolvedDependencies)
    }

    private static func facts(v02 p: SLSAProvenanceV02) -> ProvenanceFacts {
        let uri = p.configSource?.uri
        var ref: String?
        if let uri, let at = uri.lastIndex(of: "@") { ref = String(uri[uri.index(after: at)...]) }
        let environment = p.environment
        ref = ref ?? environment?["github_ref"]?.stringValue
        let trigger = environment?["github_event_name"]?.stringValue
            ?? environment?["event_name"]?.stringValue
            ?? environment?["CI_PIPELINE_SOURCE"]?.stringValue
        let commit = p.configSource?.digest["sha1"] ?? p.configSource?.digest["gitCommit"]
        var dependencies = p.materials
        // The config source is the build's source, not a dependency; drop its duplicate material.
        if let uri { dependencies.removeAll { $0.uri == uri } }
        return ProvenanceFacts(
            slsaVersion: .v0_2, builderID: p.builderID, buildType: p.buildType,
            sourceRepository: uri.map(ProvenanceFacts.normalise(repository:)),
            sourceRef: ref, sourceCommit: commit, workflowPath: p.entryPoint, triggerEvent: trigger,
            runnerEnvironment: environment?["github_runner_environment"]?.stringValue,
            invocationID: p.buildInvocationID, dependencies: dependencies)
    }

    static func timestamp(_ value: JSONValue?, at path: String) throws(ModelError) -> Date? {
        guard let text = try SLSAJSON.optionalString(value, at: path) else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw ModelError(.invalidProvenance, "\(path) must be an RFC 3339 timestamp, found '\(text)'")
    }

    static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    static func json(descriptor: SLSAResourceDescriptor) -> JSONValue {
        var object: [String: JSONValue] = [:]
        if let uri = descriptor.uri { object["uri"] = .string(uri) }
        if !descriptor.digest.isEmpty { object["digest"] = .object(descriptor.digest.mapValues { .string($0) }) }
        if let name = descriptor.name { object["name"] = .string(name) }
        return .object(object)
    }
}

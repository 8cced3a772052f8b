import Foundation
import TollgateModel

/// Writes SLSA v1 provenance (<https://slsa.dev/spec/v1.0/provenance>) for subjects from a
/// `BuildContext`, as an in-toto v1 statement.
public struct ProvenanceGenerator: Sendable {
    /// GitHub's workflow build type, used for GitHub Actions builds (the shape GitHub's own
    /// artifact attestations use, so other verifiers read it too).
    public static let githubBuildType = "https://actions.github.io/buildtypes/workflow/v1"
    /// Tollgate's build type for other CI systems and hand-described builds: the same
    /// `externalParameters.workflow` shape, with the trigger under `internalParameters`.
    public static let genericBuildType = "https://tollgate.dev/buildtypes/ci/v1"

    public init() {}

    /// Fails when the context lacks what SLSA requires (a builder id) or what makes provenance
    /// useful for policy (repository and commit).
    public func statement(subjects: [InTotoSubject], context: BuildContext,
                          startedOn: Date? = nil, finishedOn: Date? = nil) throws(VerifyError) -> InTotoStatement {
        guard !subjects.isEmpty else { throw VerifyError(.provenance, "provenance needs at least one subject") }
        guard let builderID = context.builderID, !builderID.isEmpty else {
            throw VerifyError(.provenance, "no builder id: run inside GitHub Actions or GitLab CI, or pass --builder-id")
        }
        guard let repository = context.repository, !repository.isEmpty else {
            throw VerifyError(.provenance, "no source repository: run inside CI or pass --repository")
        }
        guard let commit = context.commit, Hex.decode(commit) != nil, commit.count == 40 || commit.count == 64 else {
            throw VerifyError(.provenance, "no source commit (40 or 64 hex digits): run inside CI or pass --commit, found '\(context.commit ?? "")'")
        }
        var workflow: [String: JSONValue] = ["repository": .string(repository)]
        if let ref = context.ref { workflow["ref"] = .string(ref) }
        if let path = context.workflow { workflow["path"] = .string(path) }
        var external: [String: JSONValue] = ["workflow": .object(workflow)]
        if !context.parameters.isEmpty { external["inputs"] = .object(context.parameters.mapValues { .string($0) }) }
        var internals: [String: JSONValue] = [:]
        let buildType: String
        switch context.platform {
        case .githubActions:
            buildType = Self.githubBuildType
            var github: [String: JSONValue] = [:]
            if let event = context.event { github["event_name"] = .string(event) }
            if let runner = context.runnerEnvironment { github["runner_environment"] = .string(runner) }
            internals["github"] = .object(github)
        case .gitlabCI:
            buildType = Self.genericBuildType
            if let event = context.event { internals["gitlab"] = .object(["pipeline_source": .string(event)]) }
        case .other:
            buildType = Self.genericBuildType
            if let event = context.event { internals["event_name"] = .string(event) }
        }
        if let recorded = context.recordedInputs, !recorded.isEmpty { internals["recordedInputs"] = recorded.json }
        var source = "git+\(repository)"
        if let ref = context.ref { source += "@\(ref)" }
        let dependencies = [SLSAResourceDescriptor(uri: source, digest: ["gitCommit": commit.lowercased()])] + context.dependencies
        let predicate = SLSAProvenanceV1(
            buildType: buildType, externalParameters: .object(external),
            internalParameters: internals.isEmpty ? nil : .object(internals),
            resolvedDependencies: dependencies, builderID: builderID, invocationID: context.invocationID,
            startedOn: startedOn, finishedOn: finishedOn)
        return InTotoStatement(subjects: subjects, predicateType: SLSAProvenanceV1.predicateType, predicate: predicate.json)
    }
}

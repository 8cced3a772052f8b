import Foundation
import TollgateModel

/// What a CI build was: the facts `tollgate provenance generate` writes into SLSA v1 provenance.
/// Read from GitHub Actions or GitLab CI variables (`BuildContext.fromEnvironment`), then
/// overridden by flags.
public struct BuildContext: Sendable, Hashable {
    public enum Platform: String, Sendable, Hashable {
        case githubActions = "github-actions"
        case gitlabCI = "gitlab-ci"
        case other
    }

    public var platform: Platform
    /// Repository URL, e.g. `https://github.com/acme/app`.
    public var repository: String?
    public var commit: String?
    /// The git ref built, e.g. `refs/tags/v1.2.0`.
    public var ref: String?
    /// The workflow or pipeline file, e.g. `.github/workflows/release.yml`.
    public var workflow: String?
    public var builderID: String?
    /// The trigger event (`push`, `pull_request_target`, GitLab's pipeline source …).
    public var event: String?
    public var invocationID: String?
    public var runnerEnvironment: String?
    public var parameters: [String: String]
    public var dependencies: [SLSAResourceDescriptor]
    /// Toolchains, lockfile digests, environment, base images (`internalParameters.recordedInputs`).
    public var recordedInputs: RecordedInputs?

    public init(platform: Platform = .other, repository: String? = nil, commit: String? = nil, ref: String? = nil,
                workflow: String? = nil, builderID: String? = nil, event: String? = nil, invocationID: String? = nil,
                runnerEnvironment: String? = nil, parameters: [String: String] = [:], dependencies: [SLSAResourceDescriptor] = []) {
        self.platform = platform
        self.repository = repository
        self.commit = commit
        self.ref = ref
        self.workflow = workflow
        self.builderID = builderID
        self.event = event
        self.invocationID = invocationID
        self.runnerEnvironment = runnerEnvironment
        self.parameters = parameters
        self.dependencies = dependencies
    }

    /// Reads the documented variables of GitHub Actions
    /// (<https://docs.github.com/actions/learn-github-actions/variables#default-environment-variables>)
    /// or GitLab CI (<https://docs.gitlab.com/ee/ci/variables/predefined_variables.html>).
    public static func fromEnvironment(_ environment: [String: String]) -> BuildContext {
        if environment["GITHUB_ACTIONS"] == "true" {
            let server = environment["GITHUB_SERVER_URL"] ?? "https://github.com"
            var context = BuildContext(platform: .githubActions)
            if let repository = environment["GITHUB_REPOSITORY"] { context.repository = "\(server)/\(repository)" }
            context.commit = environment["GITHUB_SHA"]
            context.ref = environment["GITHUB_REF"]
            // GITHUB_WORKFLOW_REF = owner/repo/.github/workflows/release.yml@refs/tags/v1
            if let workflowRef = environment["GITHUB_WORKFLOW_REF"], let repository = environment["GITHUB_REPOSITORY"] {
                var path = Substring(workflowRef)
                if path.hasPrefix(repository + "/") { path = path.dropFirst(repository.count + 1) }
                if let at = path.firstIndex(of: "@") { path = path[..<at] }
                context.workflow = String(path)
            }
            context.event = environment["GITHUB_EVENT_NAME"]
            context.runnerEnvironment = environment["RUNNER_ENVIRONMENT"]
            context.builderID = "https://github.com/actions/runner/\(environment["RUNNER_ENVIRONMENT"] ?? "github-hosted")"
            if let run = environment["GITHUB_RUN_ID"], let repository = environment["GITHUB_REPOSITORY"] {
                context.invocationID = "\(server)/\(repository)/actions/runs/\(run)/attempts/\(environment["GITHUB_RUN_ATTEMPT"] ?? "1")"
            }
            return context
        }
        if environment["GITLAB_CI"] == "true" {
            var context = BuildContext(platform: .gitlabCI)
            context.repository = environment["CI_PROJECT_URL"]
            context.commit = environment["CI_COMMIT_SHA"]
            if let tag = environment["CI_COMMIT_TAG"], !tag.isEmpty {
                context.ref = "refs/tags/\(tag)"
            } else if let branch = environment["CI_COMMIT_BRANCH"] ?? environment["CI_COMMIT_REF_NAME"] {
                context.ref = "refs/heads/\(branch)"
            }
            context.workflow = environment["CI_CONFIG_PATH"] ?? ".gitlab-ci.yml"
            context.event = environment["CI_PIPELINE_SOURCE"]
            if let server = environment["CI_SERVER_URL"] {
                context.builderID = "\(server)/gitlab-runner"
                if let runner = environment["CI_RUNNER_ID"] { context.builderID = "\(server)/gitlab-runner/\(runner)" }
            }
            context.invocationID = environment["CI_JOB_URL"]
            return context
        }
        return BuildContext()
    }
}

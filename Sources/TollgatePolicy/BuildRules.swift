/// Rules on how the artifact was built, read from its SLSA provenance.
public struct BuildRules: Sendable, Hashable {
    /// Allowed builder ids (SLSA `builder.id`).
    public var builders: [GlobPattern]
    /// Allowed build types (SLSA `buildType`).
    public var buildTypes: [GlobPattern]
    /// Allowed workflow / pipeline files (`.github/workflows/release.yml`).
    public var workflows: [GlobPattern]
    /// Trigger events that are refused (e.g. `pull_request_target`).
    public var forbiddenTriggers: [String]
    /// When not empty, the only trigger events accepted.
    public var allowedTriggers: [String]
    /// `true`: every resolved dependency must be pinned by a content digest.
    public var pinnedDependencies: Bool?
    /// `true`: a trusted source audit of the source commit found no long-lived cloud keys in CI.
    public var oidcCredentials: Bool?
    /// `true`: a trusted source audit found every action and reusable workflow pinned by commit SHA.
    public var pinnedActions: Bool?
    /// `true`: a trusted source audit found no path from untrusted pull request code to privileged runs.
    public var untrustedCodeIsolated: Bool?
    /// `true`: the provenance records toolchain versions and lockfile digests (`recordedInputs`).
    public var recordedInputs: Bool?
    public var action: RuleAction

    public init(builders: [GlobPattern] = [], buildTypes: [GlobPattern] = [], workflows: [GlobPattern] = [],
                forbiddenTriggers: [String] = [],
                allowedTriggers: [String] = [], pinnedDependencies: Bool? = nil, action: RuleAction = .deny) {
        self.builders = builders
        self.buildTypes = buildTypes
        self.workflows = workflows
        self.forbiddenTriggers = forbiddenTriggers
        self.allowedTriggers = allowedTriggers
        self.pinnedDependencies = pinnedDependencies
        self.action = action
    }
}

/// What a SLSA provenance predicate says about a build, normalised across v0.2 and v1 so that
/// policy rules (builder, build type, source repository, ref, trigger, pinned dependencies,
/// continuity) read one shape.
public struct ProvenanceFacts: Sendable, Hashable, Codable {
    /// The SLSA provenance version the facts came from.
    public enum SLSAVersion: String, Sendable, Hashable, Codable {
        case v0_2 = "v0.2"
        case v1 = "v1"
    }

    public var slsaVersion: SLSAVersion
    public var builderID: String
    public var buildType: String
    /// The source repository as `host/owner/name` (no scheme, no `git+`, no `.git`, no `@ref`).
    public var sourceRepository: String?
    /// The git ref built, e.g. `refs/tags/v1.2.0`.
    public var sourceRef: String?
    /// The exact source commit.
    public var sourceCommit: String?
    /// The workflow or entry point file, e.g. `.github/workflows/release.yml`.
    public var workflowPath: String?
    /// The CI event that started the build, e.g. `push`, `pull_request_target`.
    public var triggerEvent: String?
    /// `github-hosted` or `self-hosted` when the provenance says so.
    public var runnerEnvironment: String?
    public var invocationID: String?
    /// Resolved dependencies (v1) or materials other than the source (v0.2).
    public var dependencies: [SLSAResourceDescriptor]

    public init(
        slsaVersion: SLSAVersion, builderID: String, buildType: String, sourceRepository: String? = nil,
        sourceRef: String? = nil, sourceCommit: String? = nil, workflowPath: String? = nil,
        triggerEvent: String? = nil, runnerEnvironment: String? = nil, invocationID: String? = nil,
        dependencies: [SLSAResourceDescriptor] = []
    ) {
        self.slsaVersion = slsaVersion
        self.builderID = builderID
        self.buildType = buildType
        self.sourceRepository = sourceRepository
        self.sourceRef = sourceRef
        self.sourceCommit = sourceCommit
        self.workflowPath = workflowPath
        self.triggerEvent = triggerEvent
        self.runnerEnvironment = runnerEnvironment
        self.invocationID = invocationID
        self.dependencies = dependencies
    }

    /// Dependencies that are not pinned by a content digest (SHA-2 or a full git commit id).
    public var unpinnedDependencies: [SLSAResourceDescriptor] {
        dependencies.filter { !$0.isPinnedByDigest }
    }

    /// `git+https://github.com/Org/Repo.git@refs/tags/v1` → `github.com/Org/Repo`.
    public static func normalise(repository uri: String) -> String {
        var text = Substring(uri)
        if text.hasPrefix("git+") { text = text.dropFirst(4) }
        if let scheme = text.range(of: "://") { text = text[scheme.upperBound...] }
        if let at = text.firstIndex(of: "@") {
            // `user@host:path` (scp-like) keeps the part after '@'; `host/path@ref` drops the ref.
            if text[..<at].contains("/") { text = text[..<at] } else { text = text[text.index(after: at)...] }
        }
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            text = text[..<colon] + "/" + text[text.index(after: colon)...]
        }
        while text.hasSuffix("/") { text = text.dropLast() }
        if text.hasSuffix(".git") { text = text.dropLast(4) }
        return String(text)
    }
}

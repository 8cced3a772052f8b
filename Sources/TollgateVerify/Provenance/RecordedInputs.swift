import TollgateModel

/// The versioned inputs a rebuild needs, recorded in Tollgate's SLSA v1 provenance under
/// `buildDefinition.internalParameters.recordedInputs` (reproducible-builds.org's `.buildinfo`
/// idea): toolchain versions, the digest of every lockfile in the source tree, an allow-listed set
/// of environment variables, base image digests, and `SOURCE_DATE_EPOCH`.
public struct RecordedInputs: Sendable, Hashable {
    /// Environment variables that shape a build's output and hold no secrets; only these are recorded.
    public static let allowedEnvironment: [String] = [
        "SOURCE_DATE_EPOCH", "TZ", "LANG", "LC_ALL", "CC", "CXX", "CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS",
        "RUSTFLAGS", "CARGO_PROFILE_RELEASE_DEBUG", "GOFLAGS", "GOOS", "GOARCH", "CGO_ENABLED", "GOTOOLCHAIN",
        "NODE_ENV", "NODE_OPTIONS", "PYTHONHASHSEED", "PIP_INDEX_URL", "JAVA_TOOL_OPTIONS", "MAVEN_OPTS",
        "SWIFT_EXEC", "TOOLCHAINS", "ARCH",
    ]

    /// Tool name → version (`swift` → `6.3.1`).
    public var toolchains: [String: String]
    /// Lockfile path relative to the source root → digest.
    public var lockfiles: [String: Digest]
    public var environment: [String: String]
    /// Base images, each `reference@sha256:…` or a bare digest.
    public var baseImages: [String]
    public var sourceDateEpoch: String?

    public init(toolchains: [String: String] = [:], lockfiles: [String: Digest] = [:], environment: [String: String] = [:],
                baseImages: [String] = [], sourceDateEpoch: String? = nil) {
        self.toolchains = toolchains
        self.lockfiles = lockfiles
        self.environment = environment
        self.baseImages = baseImages
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// The allow-listed variables of `environment` that are set.
    public static func environment(from environment: [String: String]) -> [String: String] {
        environment.filter { allowedEnvironment.contains($0.key) }
    }

    public var isEmpty: Bool { toolchains.isEmpty && lockfiles.isEmpty && environment.isEmpty && baseImages.isEmpty && sourceDateEpoch == nil }

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "toolchains": .object(toolchains.mapValues { .string($0) }),
            "lockfiles": .array(lockfiles.keys.sorted().map { .object(["path": .string($0), "digest": .string(lockfiles[$0]!.description)]) }),
            "environment": .object(environment.mapValues { .string($0) }),
            "baseImages": .array(baseImages.map { .string($0) }),
        ]
        if let sourceDateEpoch { object["sourceDateEpoch"] = .string(sourceDateEpoch) }
        return .object(object)
    }

    /// Reads `recordedInputs` back from a provenance predicate; nil when it has none.
    public init?(provenancePredicate predicate: JSONValue) {
        guard case .object? = predicate["buildDefinition"]?["internalParameters"]?["recordedInputs"] else { return nil }
        let json = predicate["buildDefinition"]!["internalParameters"]!["recordedInputs"]!
        self.init()
        if case .object(let tools)? = json["toolchains"] {
            for (name, value) in tools { if case .string(let version) = value, !version.isEmpty { toolchains[name] = version } }
        }
        if case .array(let items)? = json["lockfiles"] {
            for item in items {
                guard case .string(let path)? = item["path"], case .string(let text)? = item["digest"],
                      let digest = try? Digest(parsing: text) else { continue }
                lockfiles[path] = digest
            }
        }
        if case .object(let variables)? = json["environment"] {
            for (name, value) in variables { if case .string(let text) = value { environment[name] = text } }
        }
        if case .array(let images)? = json["baseImages"] { for case .string(let image) in images { baseImages.append(image) } }
        if case .string(let epoch)? = json["sourceDateEpoch"] { sourceDateEpoch = epoch }
    }
}

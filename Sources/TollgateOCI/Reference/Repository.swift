/// A repository in a registry: `docker.io/library/alpine`, `localhost:5000/team/app`.
///
/// The registry is kept as written after normalisation (`docker.io`, never `index.docker.io`);
/// ``apiHost`` is the host the distribution API is reached at.
public struct Repository: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `docker.io`, `ghcr.io`, `localhost:5000`, `[::1]:5000`.
    public let registry: String
    /// The repository path inside the registry: `library/alpine`, `team/app`.
    public let name: String

    /// Docker Hub's name in references.
    public static let dockerHub = "docker.io"

    package init(registry: String, name: String) {
        self.registry = registry
        self.name = name
    }

    /// Parses `registry/name` (or a Docker Hub short name), with no tag or digest.
    public init(parsing text: String) throws(OCIError) {
        let reference = try ImageReference(parsing: text)
        guard reference.written.tag == nil, reference.digest == nil else {
            throw OCIError(.invalidReference, "'\(text.prefix(200))' names a tag or digest; expected a repository only")
        }
        self = reference.repository
    }

    /// The host (and port) the registry API answers at: Docker Hub's is `registry-1.docker.io`.
    public var apiHost: String { registry == Self.dockerHub ? "registry-1.docker.io" : registry }

    public var description: String { "\(registry)/\(name)" }
}

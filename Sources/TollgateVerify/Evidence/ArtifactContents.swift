import TollgateModel

/// The packages the gate itself found inside the artifact, for `artifact.sbom.matchesArtifact`:
/// the lockfiles of a directory or archive, read by Tollgate at decision time (the gate vouches
/// for them, as for its own scan). When the artifact cannot be read that way, `unreadable` says
/// why and the rule cannot run.
public struct ArtifactContents: Sendable, Hashable {
    /// Each package as `type/namespace/name@version` (``key(_:)``), with the lockfile it came from.
    public var packages: [String: String]
    /// The lockfiles read (paths inside the artifact).
    public var lockfiles: [String]
    /// Why the packages could not be read (the artifact is a single file, or a lockfile is broken).
    public var unreadable: String?

    public init(packages: [String: String], lockfiles: [String], unreadable: String? = nil) {
        self.packages = packages
        self.lockfiles = lockfiles
        self.unreadable = unreadable
    }

    /// A package's identity for the comparison: purl type, namespace and name (normalised for
    /// the type, as advisory matching does) and version; qualifiers and subpath are left out.
    public static func key(_ purl: PackageURL) -> String {
        purl.packageKey.with(version: purl.version).description
    }

    /// The key of a purl written in an SBOM, or nil when it does not parse.
    public static func key(purl text: String) -> String? {
        (try? PackageURL(parsing: text)).map(key)
    }
}

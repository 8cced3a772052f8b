import TollgateModel

/// One entry of an archive as the comparison sees it. Metadata a format does not record is nil.
public struct ArchiveEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable {
        case file, directory, symlink, hardlink, other
    }

    /// The archive (`""` for the top level, `manifests/0/layers/1` inside an image) and the entry's
    /// normalised path inside it.
    public var container: String
    public var path: String
    public var kind: Kind
    public var size: Int64
    /// The content's digest (files only).
    public var digest: Digest?
    public var linkTarget: String
    public var mode: Int64?
    public var uid: Int64?
    public var gid: Int64?
    public var userName: String?
    public var groupName: String?
    /// Seconds since the epoch.
    public var modificationTime: Double?
    /// The bytes, when the entry is small enough to inspect (``RebuildLimits/inspectBytes``).
    public var content: [UInt8]?

    public init(container: String = "", path: String, kind: Kind, size: Int64, digest: Digest? = nil, linkTarget: String = "",
                content: [UInt8]? = nil) {
        self.container = container
        self.path = path
        self.kind = kind
        self.size = size
        self.digest = digest
        self.linkTarget = linkTarget
        self.content = content
    }

    /// The name a difference is reported under: `container/path`.
    public var key: String { container.isEmpty ? path : path.isEmpty ? container : "\(container)/\(path)" }
}

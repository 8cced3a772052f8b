import TollgateModel

/// The provenance of an earlier version of the package, for the continuity rule.
public struct PreviousBuild: Sendable, Hashable, Codable {
    public var version: String?
    public var digest: Digest?
    public var sourceRepository: String?
    public var builderID: String?

    public init(version: String?, digest: Digest? = nil, sourceRepository: String?, builderID: String?) {
        self.version = version
        self.digest = digest
        self.sourceRepository = sourceRepository
        self.builderID = builderID
    }
}

/// Limits of the client workflow (python-tuf's defaults): how many bytes each role may have when the
/// trusted metadata does not give a length, how many root versions one refresh may walk, and how
/// many delegated roles one target search may visit.
public struct TUFUpdaterConfiguration: Sendable, Hashable {
    public var maxRootRotations: Int = 256
    public var maxDelegations: Int = 32
    public var rootMaxLength: Int = 512_000
    public var timestampMaxLength: Int = 16_384
    public var snapshotMaxLength: Int = 2_000_000
    public var targetsMaxLength: Int = 5_000_000
    /// The largest target the client downloads, whatever its metadata says.
    public var targetMaxLength: Int = 1 << 30
    /// With consistent snapshots, request targets as `DIR/HASH.NAME` (spec §5.7.3).
    public var prefixTargetsWithHash: Bool = true

    public init() {}
}

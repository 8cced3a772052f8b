/// Size and count limits on what a registry or layout hands over. Hostile input hits a limit
/// and becomes `oci.too-large`, never an unbounded read.
public struct OCILimits: Sendable, Hashable {
    /// Largest manifest or index (distribution's own limit is 4 MiB).
    public var manifestBytes = 4 << 20
    /// Largest config, signature payload or attestation blob read whole.
    public var evidenceBlobBytes = 32 << 20
    /// Largest compressed layer fetched for an SBOM.
    public var layerBytes: Int64 = 2 << 30
    /// Largest uncompressed layer (a decompression bomb stops here).
    public var uncompressedLayerBytes: Int64 = 8 << 30
    /// Largest single file kept from a layer (package databases, lockfiles).
    public var layerFileBytes = 64 << 20
    /// Most tar entries read from one image, all layers together.
    public var layerEntries = 1_000_000
    /// Most layers, index entries or referrers considered.
    public var descriptors = 1_000
    /// Most tags listed.
    public var tags = 100_000

    public init() {}
}

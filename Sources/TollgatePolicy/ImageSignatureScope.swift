/// `artifact.signature.imageIndex`: for a multi-platform image, which manifest must carry the
/// signature (docs/images.md, "Image indexes").
public enum ImageSignatureScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// A signature on the index counts for it and for every platform manifest it lists; a
    /// signature on a platform manifest counts for that manifest (the default).
    case either
    /// Only a signature on the index counts: a platform manifest is verified through an index that lists it.
    case index
    /// Only signatures on platform manifests count: verifying an index needs every platform it lists signed.
    case platform
}

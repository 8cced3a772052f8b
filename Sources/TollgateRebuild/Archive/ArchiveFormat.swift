/// What one side of a comparison is.
public enum ArchiveFormat: String, Sendable, Codable, Hashable {
    /// Any other file (a binary, a document): compared as bytes.
    case file
    case tar
    /// gzip around a tar (`.tar.gz`, `.tgz`, npm packages).
    case tarGzip = "tar.gz"
    /// gzip around something else: compared as the inflated bytes.
    case gzip
    /// zip, wheel, jar.
    case zip
    /// An OCI image layout directory: index, manifests, configs, layers.
    case ociLayout = "oci-layout"
}

/// The media types Tollgate reads and writes (OCI image-spec `media-types.md`, Docker's image
/// manifest v2 schema 2, cosign `specs/SIGNATURE_SPEC.md`, Sigstore `bundle.proto`).
public enum MediaType {
    public static let imageManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let imageIndex = "application/vnd.oci.image.index.v1+json"
    public static let imageConfig = "application/vnd.oci.image.config.v1+json"
    public static let layerTar = "application/vnd.oci.image.layer.v1.tar"
    public static let layerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
    public static let layerTarZstd = "application/vnd.oci.image.layer.v1.tar+zstd"
    /// The empty descriptor's type (`{}`), the config of artifacts (image-spec 1.1 `manifest.md`).
    public static let empty = "application/vnd.oci.empty.v1+json"

    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let dockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"
    public static let dockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"

    /// cosign's simple-signing payload layer (`.sig` tags and referrer signatures).
    public static let cosignSimpleSigning = "application/vnd.dev.cosign.simplesigning.v1+json"
    /// cosign's artifact type of a signature pushed as an OCI 1.1 referrer.
    public static let cosignSignatureArtifact = "application/vnd.dev.cosign.artifact.sig.v1+json"
    /// cosign's artifact type of an attestation pushed as an OCI 1.1 referrer (the in-toto payload
    /// type: cosign v3 `WriteAttestationsReferrer`).
    public static let inTotoArtifact = "application/vnd.in-toto+json"
    /// A DSSE envelope layer (cosign `.att` tags).
    public static let dsseEnvelope = "application/vnd.dsse.envelope.v1+json"
    /// A Sigstore bundle v0.3 pushed as an artifact (cosign 2.x `--new-bundle-format`, `gh attestation --push-to-registry`).
    public static let sigstoreBundleV03 = "application/vnd.dev.sigstore.bundle.v0.3+json"
    /// Any Sigstore bundle version (`application/vnd.dev.sigstore.bundle+json;version=0.1`, `.v0.2+json`, …).
    public static let sigstoreBundlePrefix = "application/vnd.dev.sigstore.bundle"

    public static let spdxJSON = "text/spdx+json"
    public static let spdxText = "text/spdx"
    public static let cycloneDXJSON = "application/vnd.cyclonedx+json"
    public static let cycloneDXXML = "application/vnd.cyclonedx+xml"

    /// What manifest GETs accept.
    public static let manifestAccept = [imageIndex, imageManifest, dockerManifestList, dockerManifest]

    static func isIndex(_ type: String) -> Bool { type == imageIndex || type == dockerManifestList }
    static func isImageManifest(_ type: String) -> Bool { type == imageManifest || type == dockerManifest }
    static func isSBOM(_ type: String) -> Bool { [spdxJSON, spdxText, cycloneDXJSON, cycloneDXXML].contains(type) }
}

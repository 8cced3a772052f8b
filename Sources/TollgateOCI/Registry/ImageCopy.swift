import TollgateModel

/// Copies an image (an index with its platform manifests, or one manifest) and its blobs from
/// one registry or layout to another, as `skopeo copy` does; every byte is checked on the way.
public enum ImageCopy {
    @discardableResult
    public static func copy(_ source: ImageReference, from: Registry, to target: ImageReference, into: Registry) async throws(OCIError) -> Digest {
        let manifest = try await from.manifest(source)
        try await copyContent(manifest, from: from, source: source.repository, into: into, target: target.repository)
        try await into.client.pushManifest(target.repository, reference: target.digest?.description ?? target.tag ?? manifest.digest.description,
                                           bytes: manifest.bytes, mediaType: manifest.mediaType)
        return manifest.digest
    }

    private static func copyContent(_ manifest: OCIManifest, from: Registry, source: Repository, into: Registry, target: Repository) async throws(OCIError) {
        switch manifest.content {
        case .index(let index):
            for child in index.manifests {
                let childManifest = try await from.manifest(source, digest: child.digest)
                try await copyContent(childManifest, from: from, source: source, into: into, target: target)
                try await into.client.pushManifest(target, reference: child.digest.description, bytes: childManifest.bytes,
                                                   mediaType: childManifest.mediaType)
            }
        case .image(let image):
            for blob in [image.config] + image.layers where try await !into.client.blobExists(target, digest: blob.digest) {
                let bytes = try await from.blob(source, blob, maxBytes: Int(clamping: from.limits.layerBytes))
                try await into.client.pushBlob(target, bytes: bytes, digest: blob.digest)
            }
        }
    }
}

import TollgateModel

/// Fetches an image's layers and applies them (``ImageFileSystem``), for SBOM generation.
/// An index is narrowed to one platform: the one asked for, else the only one, else `linux/amd64`.
public struct ImageLoader: Sendable {
    public let registry: Registry

    public init(registry: Registry) {
        self.registry = registry
    }

    /// The platform manifest an image reference (or index) stands for.
    public func platformManifest(_ reference: ImageReference, platform: Platform?) async throws(OCIError) -> OCIManifest {
        let manifest = try await registry.manifest(reference)
        guard case .index(let index) = manifest.content else { return manifest }
        let images = index.manifests.filter { MediaType.isImageManifest($0.mediaType) }
        let wanted = platform ?? (images.count == 1 ? nil : Platform(os: "linux", architecture: "amd64"))
        guard let chosen = wanted.flatMap(index.manifest(for:)) ?? (wanted == nil ? images.first : nil) else {
            let listed = images.compactMap(\.platform?.description).joined(separator: ", ")
            throw OCIError(.notFound, "\(reference) lists no manifest for \(wanted?.description ?? "any platform") (it has: \(listed.isEmpty ? "none" : listed)); choose one with --platform")
        }
        return try await registry.manifest(reference.repository, digest: chosen.digest)
    }

    /// Applies every layer of `manifest` in order.
    public func files(of manifest: OCIManifest, in repository: Repository) async throws(OCIError) -> ImageFileSystem {
        guard case .image(let image) = manifest.content else {
            throw OCIError(.invalidManifest, "\(manifest.digest) is an index; pick a platform manifest")
        }
        var files = ImageFileSystem(limits: registry.limits)
        for layer in image.layers {
            let bytes = try await registry.blob(repository, layer, maxBytes: Int(clamping: registry.limits.layerBytes))
            try files.apply(layer: bytes, mediaType: layer.mediaType)
        }
        return files
    }
}

extension ImageLoader {
    /// The manifest signing or attesting acts on: the reference's own (an index stays an index),
    /// or, with `platform`, that platform's manifest from the index.
    public func subject(_ reference: ImageReference, platform: Platform?) async throws(OCIError) -> OCIManifest {
        guard platform != nil else { return try await registry.manifest(reference) }
        return try await platformManifest(reference, platform: platform)
    }
}

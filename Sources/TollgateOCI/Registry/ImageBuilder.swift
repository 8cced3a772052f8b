import TollgateModel

/// Builds small images in a registry or layout from tar entries, for tests and fixtures: the
/// layers are written in-process (``TarWriter``, gzip) and pushed with Tollgate's own client.
package enum ImageBuilder {
    /// Pushes an image of `layers` (each a list of tar entries) and tags it when `tag` is given.
    @discardableResult
    package static func push(_ layers: [[TarWriter.Entry]], to registry: Registry, repository: Repository,
                             tag: String?, gzip: Bool = true, platform: Platform = Platform(os: "linux", architecture: "amd64")) async throws(OCIError) -> OCIManifest {
        var descriptors: [Descriptor] = []
        for entries in layers {
            let tar = TarWriter.archive(entries)
            var layer = try await registry.push(blob: gzip ? Gzip.compress(tar) : tar, to: repository)
            layer.mediaType = gzip ? MediaType.layerTarGzip : MediaType.layerTar
            descriptors.append(layer)
        }
        let config: JSONValue = ["architecture": .string(platform.architecture), "os": .string(platform.os),
                                 "rootfs": ["type": "layers", "diff_ids": .array(layers.map { .string(DigestAlgorithm.sha256.hash(TarWriter.archive($0)).description) })]]
        var configDescriptor = try await registry.push(blob: config.encodedBytes(), to: repository)
        configDescriptor.mediaType = MediaType.imageConfig
        let bytes = ImageManifest(config: configDescriptor, layers: descriptors).jsonBytes
        try await registry.push(manifest: bytes, mediaType: MediaType.imageManifest, to: repository, tag: tag)
        return try OCIManifest(bytes: bytes, digest: DigestAlgorithm.sha256.hash(bytes), contentType: MediaType.imageManifest)
    }

    /// Pushes an index of `manifests` (each with its platform) and tags it.
    @discardableResult
    package static func pushIndex(_ manifests: [(OCIManifest, Platform)], to registry: Registry, repository: Repository,
                                  tag: String?) async throws(OCIError) -> OCIManifest {
        let index = ImageIndex(manifests: manifests.map { manifest, platform in
            var descriptor = Descriptor(mediaType: manifest.mediaType, digest: manifest.digest, size: Int64(manifest.bytes.count))
            descriptor.platform = platform
            return descriptor
        })
        let bytes = index.jsonBytes
        try await registry.push(manifest: bytes, mediaType: MediaType.imageIndex, to: repository, tag: tag)
        return try OCIManifest(bytes: bytes, digest: DigestAlgorithm.sha256.hash(bytes), contentType: MediaType.imageIndex)
    }
}

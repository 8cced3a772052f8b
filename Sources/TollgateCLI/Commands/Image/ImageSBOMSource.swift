import Foundation
import TollgateModel
import TollgateOCI
import TollgateSBOM

/// `tollgate sbom generate IMAGE_REF` and `tollgate sbom generate LAYOUT_DIR[:TAG]` (an OCI image
/// layout, as `skopeo copy … oci:DIR` writes): applies the image's layers and reads its OS
/// package databases and lockfiles (``ImageSBOM``).
enum ImageSBOMSource {
    /// The SBOM of the image `argument` names, or nil when it is a source directory or lockfile.
    static func generate(_ argument: String, options: ImageOptions) async throws -> SBOMGenerationResult? {
        let platform = try options.parsedPlatform()
        if let found = layout(argument) {
            let (directory, tag) = found
            let layout = try ImageLayout(directory: URL(fileURLWithPath: directory))
            let registry = Registry(client: layout)
            let repository = Repository(registry: "localhost", name: "layout")
            let reference: ImageReference
            if let tag {
                reference = ImageReference(repository: repository, tag: tag)
            } else {
                let manifests = try layout.index().manifests
                guard manifests.count == 1, let only = manifests.first else {
                    throw OCIError(.invalidLayout, "\(directory) holds \(manifests.count) images; name one as \(directory):TAG")
                }
                reference = ImageReference(repository: repository, digest: only.digest)
            }
            return try await generate(reference, registry: registry, platform: platform, name: nil)
        }
        guard let reference = try ImageArgument.reference(argument) else { return nil }
        return try await RegistryAccess.with(options) { registry in
            try await generate(reference, registry: registry, platform: platform, name: reference)
        }
    }

    private static func generate(_ reference: ImageReference, registry: Registry, platform: Platform?,
                                 name: ImageReference?) async throws -> SBOMGenerationResult {
        let loader = ImageLoader(registry: registry)
        let manifest = try await loader.platformManifest(reference, platform: platform)
        let files = try await loader.files(of: manifest, in: reference.repository)
        return ImageSBOM.generate(files, image: name, digest: manifest.digest)
    }

    /// `DIR` or `oci:DIR[:TAG]` when DIR is an OCI image layout.
    static func layout(_ argument: String) -> (String, String?)? {
        var text = argument
        if text.hasPrefix("oci:") { text.removeFirst(4) }
        if ImageLayout.isLayout(text) { return (text, nil) }
        if let colon = text.lastIndex(of: ":"), ImageLayout.isLayout(String(text[..<colon])) {
            return (String(text[..<colon]), String(text[text.index(after: colon)...]))
        }
        return nil
    }
}

import Foundation
import TollgateModel
import TollgateOCI
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// `tollgate verify IMAGE_REF`: resolves the reference, finds the evidence the registry holds
/// (``EvidenceDiscovery``), adds the evidence files given locally, and collects it all through the
/// same ``EvidenceCollector`` as a file (docs/images.md).
enum ImageVerification {
    /// The evidence for `argument` when it names an image, or nil when it is a local path.
    static func collect(argument: String, options: ImageVerifyOptions, evidence: EvidenceOptions, policy: Policy,
                        inventory: (any InventoryStore)?, dataDirectory: URL, now: Date) async throws -> (Evidence, ImageResolution)? {
        guard let reference = try ImageArgument.reference(argument) else { return nil }
        return try await collect(reference, options: options, evidence: evidence, policy: policy, inventory: inventory,
                                 dataDirectory: dataDirectory, now: now)
    }

    static func collect(_ reference: TollgateOCI.ImageReference, options: ImageVerifyOptions, evidence: EvidenceOptions, policy: Policy,
                        inventory: (any InventoryStore)?, dataDirectory: URL, now: Date) async throws -> (Evidence, ImageResolution) {
        let platform = try options.registry.parsedPlatform()
        let indexReference = try options.index.map { try ImageArgument.reference($0) ?? TollgateOCI.ImageReference(parsing: $0) }
        let scope = policy.artifact.signature?.imageIndex ?? .either
        let (image, resolved) = try await RegistryAccess.with(options.registry) { registry in
            let discovery = EvidenceDiscovery(registry: registry)
            let top = try await registry.manifest(reference)
            var subject = top
            var index: DiscoveredEvidence?
            if case .index(let list) = top.content, let platform {
                guard let chosen = list.manifest(for: platform) else {
                    throw OCIError(.notFound, "\(reference) lists no manifest for \(platform)")
                }
                subject = try await registry.manifest(reference.repository, digest: chosen.digest)
                index = try await discovery.discover(reference.repository, digest: top.digest)
            }
            if let indexReference {
                let given = try await registry.manifest(indexReference)
                guard case .index(let list) = given.content, list.manifests.contains(where: { $0.digest == subject.digest }) else {
                    throw OCIError(.invalidManifest, "--index \(indexReference) is not an index that lists \(subject.digest)")
                }
                index = try await discovery.discover(indexReference.repository, digest: given.digest)
            }
            let found = try await discovery.discover(reference.repository, digest: subject.digest)
            var platforms: [ImageEvidence.PlatformEvidence] = []
            if case .index(let list) = subject.content, scope == .platform {
                for child in list.manifests where MediaType.manifestAccept.contains(child.mediaType) {
                    platforms.append(.init(descriptor: child, found: try await discovery.discover(reference.repository, digest: child.digest)))
                }
            }
            var isIndex = false
            if case .index = subject.content { isIndex = true }
            let image = ImageEvidence(repository: reference.repository, digest: subject.digest, isIndex: isIndex, found: found,
                                      index: index, platforms: platforms)
            let tagName = reference.written.digest == nil && subject.digest == top.digest
                ? reference.repository.description + ":" + (reference.tag ?? "latest") : nil
            return (image, ImageResolution(reference: reference, digest: subject.digest, index: index?.digest, tagName: tagName, movedFrom: []))
        }
        var resolution = resolved
        // Earlier observations of the same tag (recorded by `verify --record`) that named another digest.
        if resolution.tagName != nil, let inventory {
            let observations = try await inventory.tagObservations(repository: reference.repository.description, tag: reference.tag ?? "latest")
            resolution = ImageResolution(reference: resolution.reference, digest: resolution.digest, index: resolution.index,
                                         tagName: resolution.tagName, movedFrom: observations.filter { $0.digest != resolution.digest })
        }
        // Tag resolutions are recorded by `--record` from the reference (`registry/repo:tag`); a
        // reference by digest, or a platform chosen from a tag's index, records none.
        let written = resolution.tagName ?? (reference.repository.description + "@" + resolution.digest.description)
        var inputs = EvidenceCollector.Inputs(artifact: ArtifactSubject(
            digest: resolution.digest, name: reference.repository.description, purl: evidence.purl ?? Self.purl(reference, resolution.digest),
            reference: evidence.reference ?? written))
        try evidence.addFiles(to: &inputs)
        inputs.image = image
        let collector = try await evidence.makeCollector(policy: policy, dataDirectory: dataDirectory, now: now)
        for lookup in image.found.lookups { Console.err("note: registry: \(lookup)") }
        return (try await collector.collect(inputs, inventory: inventory), resolution)
    }

    /// `pkg:oci/NAME@DIGEST?repository_url=REGISTRY/REPO` (purl-spec, oci type).
    static func purl(_ reference: TollgateOCI.ImageReference, _ digest: Digest) -> String? {
        let name = String(reference.repository.name.split(separator: "/").last ?? "")
        return (try? PackageURL(type: "oci", name: name, version: digest.description,
                                qualifiers: ["repository_url": reference.repository.description]))?.description
    }
}

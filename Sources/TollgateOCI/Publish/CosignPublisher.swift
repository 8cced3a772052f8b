import Foundation
import TollgateModel

/// Pushes a signature or attestation layer in cosign's formats, so cosign, policy-controller
/// and Kyverno read it (cosign v3 `pkg/oci/remote/write.go`, checked against real cosign
/// manifests in `Tests/TollgateOCITests/Fixtures/cosign`):
///
/// - tag scheme: the layer is appended to the image manifest at `sha256-<hex>.sig` / `.att`
///   (created when missing; a layer already there is not repeated), whose config is
///   go-containerregistry's empty image config with the layers as `rootfs.diff_ids`, byte for byte
///   (``imageConfig(diffIDs:)``);
/// - OCI 1.1 referrers (distribution-spec "Pushing Manifests with Subject"): a signature is that
///   same signature image with its config typed `application/vnd.dev.cosign.artifact.sig.v1+json`,
///   `artifactType` and `subject` (`WriteSignaturesExperimentalOCI`); anything else is an artifact
///   manifest with the empty config, `artifactType` (on the manifest and its config descriptor),
///   `subject` and `org.opencontainers.image.created` (`WriteReferrer`). Where the registry has no
///   referrers API, the client MUST update the referrers tag `sha256-<hex>` (an index) itself,
///   which it does.
public struct CosignPublisher: Sendable {
    public let registry: Registry
    public let mode: ReferrersMode
    public let now: @Sendable () -> Date

    public init(registry: Registry, mode: ReferrersMode, now: @escaping @Sendable () -> Date) {
        self.registry = registry
        self.mode = mode
        self.now = now
    }

    /// The empty JSON object `{}`: config of artifact manifests (image-spec "Guidance for an Empty Descriptor").
    static let emptyConfig: [UInt8] = Array("{}".utf8)

    /// The config cosign's signature and attestation images carry: go-containerregistry's
    /// `empty.Image` after `mutate.Append` of the layers, serialised as Go does (field order of
    /// `v1.ConfigFile`, one empty history entry per layer). For one layer it is 233 bytes, as in
    /// every real cosign `.sig` manifest.
    public static func imageConfig(diffIDs: [Digest]) -> [UInt8] {
        let history = Array(repeating: #"{"created":"0001-01-01T00:00:00Z"}"#, count: diffIDs.count).joined(separator: ",")
        let ids = diffIDs.map { "\"\($0)\"" }.joined(separator: ",")
        return Array(#"{"architecture":"","created":"0001-01-01T00:00:00Z","history":[\#(history)],"os":"","rootfs":{"type":"layers","diff_ids":[\#(ids)]},"config":{}}"#.utf8)
    }

    /// Pushes `layer` (bytes, media type, annotations) for `subject`.
    public func publish(layer bytes: [UInt8], mediaType: String, annotations: [String: String], kind: CosignTag,
                        artifactType: String, subject: Descriptor, in repository: Repository) async throws(OCIError) -> [PushedEvidence] {
        var layer = try await registry.push(blob: bytes, to: repository)
        layer.mediaType = mediaType
        layer.annotations = annotations
        var pushed: [PushedEvidence] = []
        if mode != .oci11 {
            pushed.append(try await appendToTag(layer, kind: kind, subject: subject.digest, in: repository))
        }
        if mode != .legacy {
            pushed.append(try await pushReferrer(layer, kind: kind, artifactType: artifactType, subject: subject, in: repository))
        }
        return pushed
    }

    private func appendToTag(_ layer: Descriptor, kind: CosignTag, subject: Digest, in repository: Repository) async throws(OCIError) -> PushedEvidence {
        let tag = kind.tag(for: subject)
        var layers: [Descriptor] = []
        if let existing = try await registry.optionalManifest(repository, reference: tag) {
            guard case .image(let image) = existing.content else {
                throw OCIError(.invalidManifest, "\(repository):\(tag) is an index, not cosign's signature manifest")
            }
            layers = image.layers
        }
        if !layers.contains(where: { $0.digest == layer.digest && $0.annotations == layer.annotations }) { layers.append(layer) }
        var configDescriptor = try await registry.push(blob: Self.imageConfig(diffIDs: layers.map(\.digest)), to: repository)
        configDescriptor.mediaType = MediaType.imageConfig
        let manifest = ImageManifest(config: configDescriptor, layers: layers)
        let pushed = try await registry.push(manifest: manifest.jsonBytes, mediaType: MediaType.imageManifest, to: repository, tag: tag)
        return PushedEvidence(tag: tag, digest: pushed.digest, scheme: "tag", referrersTag: nil)
    }

    private func pushReferrer(_ layer: Descriptor, kind: CosignTag, artifactType: String, subject: Descriptor,
                              in repository: Repository) async throws(OCIError) -> PushedEvidence {
        let subjectDescriptor = Descriptor(mediaType: subject.mediaType, digest: subject.digest, size: subject.size)
        let manifest: ImageManifest
        if kind == .signature {
            var config = try await registry.push(blob: Self.imageConfig(diffIDs: [layer.digest]), to: repository)
            config.mediaType = artifactType
            manifest = ImageManifest(config: config, layers: [layer], subject: subjectDescriptor, artifactType: artifactType)
        } else {
            var config = try await registry.push(blob: Self.emptyConfig, to: repository)
            config.mediaType = MediaType.empty
            config.artifactType = artifactType
            let created = ISO8601DateFormatter().string(from: now())
            manifest = ImageManifest(config: config, layers: [layer], subject: subjectDescriptor,
                                     artifactType: artifactType, annotations: [CosignAnnotation.created: created])
        }
        var pushed = try await registry.push(manifest: manifest.jsonBytes, mediaType: MediaType.imageManifest, to: repository)
        pushed.artifactType = artifactType
        pushed.annotations = manifest.annotations
        var referrersTag: String?
        if try await registry.referrersByAPI(repository, digest: subject.digest) == nil {
            let tag = CosignTag.referrersTag(for: subject.digest)
            var index = ImageIndex(manifests: [])
            if let existing = try await registry.optionalManifest(repository, reference: tag) {
                guard case .index(let found) = existing.content else {
                    throw OCIError(.invalidManifest, "\(repository):\(tag) is not an image index; the referrers tag cannot be updated")
                }
                index = found
            }
            if !index.manifests.contains(where: { $0.digest == pushed.digest }) { index.manifests.append(pushed) }
            try await registry.push(manifest: index.jsonBytes, mediaType: MediaType.imageIndex, to: repository, tag: tag)
            referrersTag = tag
        }
        return PushedEvidence(tag: nil, digest: pushed.digest, scheme: "referrer", referrersTag: referrersTag)
    }
}

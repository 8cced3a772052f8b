import Foundation
import Testing
import TollgateModel
@testable import TollgateOCI
import TollgateSigstore

/// What Tollgate pushes against what cosign itself pushed, and a real keyless cosign `.att`
/// through Tollgate's verification (Fixtures/SOURCES.md). No cosign binary runs here: the
/// comparison is with real cosign-produced manifests and with cosign's writer
/// (`pkg/oci/remote/write.go`) as documented in docs/images.md.
@Suite("What Tollgate pushes has the structure of what cosign pushes; a real keyless .att verifies")
struct CosignCompatibilityTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("cosign")
    static let repository = try! Repository(parsing: "registry.test/team/app")

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func json(_ bytes: [UInt8]) throws -> JSONValue { try JSONValue.parse(bytes, maxBytes: 1 << 22, maxDepth: 32) }

    /// Keys, media types and annotation names of a manifest, ignoring digests, sizes and values.
    struct Shape: Equatable, CustomStringConvertible {
        var keys: Set<String>
        var mediaType: String?
        var configKeys: Set<String>
        var configMediaType: String?
        var layerKeys: [Set<String>]
        var layerMediaTypes: [String]
        var layerAnnotationKeys: [Set<String>]

        init(_ value: JSONValue) {
            keys = Set(value.objectValue?.keys.map { $0 } ?? [])
            mediaType = value["mediaType"]?.stringValue
            configKeys = Set(value["config"]?.objectValue?.keys.map { $0 } ?? [])
            configMediaType = value["config"]?["mediaType"]?.stringValue
            let layers = value["layers"]?.arrayValue ?? []
            layerKeys = layers.map { Set($0.objectValue?.keys.map { $0 } ?? []) }
            layerMediaTypes = layers.compactMap { $0["mediaType"]?.stringValue }
            layerAnnotationKeys = layers.map { Set($0["annotations"]?.objectValue?.keys.map { $0 } ?? []) }
        }

        var description: String { "\(keys.sorted()) \(mediaType ?? "-") config \(configKeys.sorted()) \(configMediaType ?? "-") layers \(layerMediaTypes) \(layerAnnotationKeys.map { $0.sorted() })" }
    }

    static func pushed(_ registry: MemoryRegistry, tag: String) async throws -> JSONValue {
        let response = try #require(try await registry.manifest(Self.repository, reference: tag, maxBytes: 1 << 22))
        return try json(response.bytes)
    }

    @Test("the config of a .sig image is go-containerregistry's, byte for byte: it reproduces the real cosign manifest's config digest")
    func configBytes() throws {
        let real = try Self.json(Self.fixture("server_image.sig.manifest.json"))
        let layer = try Digest(parsing: try #require(real["layers"]?[0]?["digest"]?.stringValue))
        let config = CosignPublisher.imageConfig(diffIDs: [layer])
        #expect(config.count == real["config"]?["size"]?.intValue.map(Int.init))
        #expect(DigestAlgorithm.sha256.hash(config).description == real["config"]?["digest"]?.stringValue)
        // Two layers: two diff_ids and one history entry each, as mutate.Append writes.
        let two = try Self.json(CosignPublisher.imageConfig(diffIDs: [layer, layer]))
        #expect(two["history"]?.arrayValue?.count == 2 && two["rootfs"]?["diff_ids"]?.arrayValue?.count == 2)
    }

    @Test("a key signature at the .sig tag has the real cosign .sig manifest's layout, media types and annotation names")
    func signatureTag() async throws {
        let client = MemoryRegistry(referrersAPI: false)
        let registry = Registry(client: client)
        let image = try await ImageBuilder.push([[.file("etc/hello", Array("hi".utf8))]], to: registry, repository: Self.repository, tag: "v1")
        let key = try PrivateKey.generate(.ecdsaP256)
        let payload = SimpleSigningPayload(dockerReference: Self.repository.description, manifestDigest: image.digest).jsonBytes
        let signature = CosignSignature(payload: payload, signature: try key.sign(payload), source: "", foundFor: image.digest)
        _ = try await CosignPublisher(registry: registry, mode: .legacy, now: { Date(timeIntervalSince1970: 0) })
            .publish(layer: payload, mediaType: MediaType.cosignSimpleSigning, annotations: signature.annotations, kind: .signature,
                     artifactType: MediaType.cosignSignatureArtifact, subject: image.descriptor, in: Self.repository)
        let ours = Shape(try await Self.pushed(client, tag: CosignTag.signature.tag(for: image.digest)))
        var real = Shape(try Self.json(Self.fixture("server_image.sig.manifest.json")))
        // The real one is keyless: it also has the certificate, chain and Rekor bundle annotations.
        #expect(real.layerAnnotationKeys[0].isSuperset(of: ours.layerAnnotationKeys[0]))
        real.layerAnnotationKeys = [[CosignAnnotation.signature]]
        #expect(ours == real, "ours: \(ours)\nreal: \(real)")
        // The config blob is the go-containerregistry one for the pushed layer.
        let manifest = try await Self.pushed(client, tag: CosignTag.signature.tag(for: image.digest))
        let layerDigest = try Digest(parsing: try #require(manifest["layers"]?[0]?["digest"]?.stringValue))
        #expect(manifest["config"]?["digest"]?.stringValue == DigestAlgorithm.sha256.hash(CosignPublisher.imageConfig(diffIDs: [layerDigest])).description)
    }

    @Test("a key attestation at the .att tag has the real cosign .att manifest's layout: DSSE layer, empty signature annotation, predicateType")
    func attestationTag() async throws {
        let client = MemoryRegistry(referrersAPI: false)
        let registry = Registry(client: client)
        let image = try await ImageBuilder.push([[.file("etc/hello", Array("hi".utf8))]], to: registry, repository: Self.repository, tag: "v1")
        let statement = InTotoStatement(subjects: [InTotoSubject(name: Self.repository.description, digest: image.digest)],
                                        predicateType: "https://slsa.dev/provenance/v0.2", predicate: [:])
        let key = try PrivateKey.generate(.ecdsaP256)
        let envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, signers: [key]).jsonBytes()
        _ = try await CosignPublisher(registry: registry, mode: .legacy, now: { Date(timeIntervalSince1970: 0) })
            .publish(layer: envelope, mediaType: MediaType.dsseEnvelope,
                     annotations: [CosignAnnotation.signature: "", CosignAnnotation.predicateType: "https://slsa.dev/provenance/v0.2"],
                     kind: .attestation, artifactType: MediaType.inTotoArtifact, subject: image.descriptor, in: Self.repository)
        let pushed = try await Self.pushed(client, tag: CosignTag.attestation.tag(for: image.digest))
        let ours = Shape(pushed)
        var real = Shape(try Self.json(Self.fixture("slsa-provenance-test.att.manifest.json")))
        #expect(real.layerAnnotationKeys[0].isSuperset(of: ours.layerAnnotationKeys[0]))
        real.layerAnnotationKeys = [[CosignAnnotation.signature, CosignAnnotation.predicateType]]
        #expect(ours == real, "ours: \(ours)\nreal: \(real)")
        #expect(pushed["layers"]?[0]?["annotations"]?[CosignAnnotation.signature]?.stringValue == "")
        // The payload type and statement type cosign writes.
        let parsed = try DSSEEnvelope(parsing: envelope)
        let realEnvelope = try DSSEEnvelope(parsing: try Self.fixture("slsa-provenance-test.att.envelope.json"))
        #expect(parsed.payloadType == realEnvelope.payloadType)
    }

    @Test("OCI 1.1 referrers follow cosign's writer: a signature image typed as the sig artifact; an attestation on the empty config with artifactType and created")
    func referrers() async throws {
        let client = MemoryRegistry(referrersAPI: true)
        let registry = Registry(client: client)
        let image = try await ImageBuilder.push([[.file("etc/hello", Array("hi".utf8))]], to: registry, repository: Self.repository, tag: "v1")
        let publisher = CosignPublisher(registry: registry, mode: .oci11, now: { Date(timeIntervalSince1970: 1_764_000_000) })
        let payload = SimpleSigningPayload(dockerReference: Self.repository.description, manifestDigest: image.digest).jsonBytes
        let signature = try #require(try await publisher.publish(layer: payload, mediaType: MediaType.cosignSimpleSigning,
                                                                 annotations: [CosignAnnotation.signature: "c2ln"], kind: .signature,
                                                                 artifactType: MediaType.cosignSignatureArtifact,
                                                                 subject: image.descriptor, in: Self.repository).first)
        let sig = try await Self.pushed(client, tag: signature.digest.description)
        #expect(sig["artifactType"]?.stringValue == MediaType.cosignSignatureArtifact)
        #expect(sig["config"]?["mediaType"]?.stringValue == MediaType.cosignSignatureArtifact)
        #expect(sig["subject"]?["digest"]?.stringValue == image.digest.description)
        #expect(sig["annotations"] == nil)
        let layer = try Digest(parsing: try #require(sig["layers"]?[0]?["digest"]?.stringValue))
        #expect(sig["config"]?["digest"]?.stringValue == DigestAlgorithm.sha256.hash(CosignPublisher.imageConfig(diffIDs: [layer])).description)

        let attestation = try #require(try await publisher.publish(layer: Array("{}".utf8), mediaType: MediaType.dsseEnvelope,
                                                                   annotations: [CosignAnnotation.signature: "", CosignAnnotation.predicateType: "x"],
                                                                   kind: .attestation, artifactType: MediaType.inTotoArtifact,
                                                                   subject: image.descriptor, in: Self.repository).first)
        let att = try await Self.pushed(client, tag: attestation.digest.description)
        #expect(att["artifactType"]?.stringValue == "application/vnd.in-toto+json")
        #expect(att["config"]?["mediaType"]?.stringValue == MediaType.empty)
        #expect(att["config"]?["artifactType"]?.stringValue == "application/vnd.in-toto+json")
        #expect(att["config"]?["digest"]?.stringValue == DigestAlgorithm.sha256.hash(Array("{}".utf8)).description)
        #expect(att["annotations"]?[CosignAnnotation.created]?.stringValue == "2025-11-24T16:00:00Z")
        #expect(att["layers"]?[0]?["annotations"]?[CosignAnnotation.predicateType]?.stringValue == "x")
    }
}

/// The real keyless cosign attestation: found at the `.att` tag, turned into its Sigstore bundle
/// v0.1 equivalent, and verified against the public-good trusted root at the time it was logged
/// (the Rekor entry is `intoto` 0.0.1, as cosign 1.x/2.x wrote it).
extension CosignCompatibilityTests {
    static let attestedImage = try! Digest(parsing: "sha256:3dbd76ff6dc789a8bfd7b3303b15dd6fbac052af442f830b2eb527ab26976cf3")
    static let attestedAt = Date(timeIntervalSince1970: 1_678_176_390)   // 2023-03-07T08:06:30Z, the entry's integratedTime
    static let generator = "^https://github.com/slsa-framework/slsa-github-generator/\\.github/workflows/generator_container_slsa3\\.yml@refs/heads/main$"

    /// Pushes the real `.att` layer (bytes and annotations) to a registry and discovers it.
    static func discoveredAttestation(envelope: [UInt8]? = nil) async throws -> EvidenceFile {
        try #require(try await discovered(envelope: envelope).bundles.first)
    }

    /// What discovery finds for the attested image once the real `.att` layer is pushed.
    static func discovered(envelope: [UInt8]? = nil) async throws -> DiscoveredEvidence {
        let manifest = try json(try fixture("slsa-provenance-test.att.manifest.json"))
        let annotations = try Descriptor.annotations(manifest["layers"]?[0]?["annotations"], at: "fixture")
        let bytes = try envelope ?? fixture("slsa-provenance-test.att.envelope.json")
        let registry = Registry(client: MemoryRegistry(referrersAPI: false))
        let repository = try Repository(parsing: "ghcr.io/zlabjp/slsa-provenance-test")
        let subject = Descriptor(mediaType: MediaType.imageManifest, digest: attestedImage, size: 1)
        _ = try await CosignPublisher(registry: registry, mode: .legacy, now: { attestedAt })
            .publish(layer: bytes, mediaType: MediaType.dsseEnvelope, annotations: annotations, kind: .attestation,
                     artifactType: MediaType.inTotoArtifact, subject: subject, in: repository)
        let found = try await EvidenceDiscovery(registry: registry).discover(repository, digest: attestedImage)
        #expect(found.problems.isEmpty, "\(found.problems)")
        return found
    }

    static func verify(_ file: EvidenceFile, digest: Digest = attestedImage) async throws -> SigstoreVerificationResult {
        let verifier = SigstoreVerifier(trustedRoot: try TrustedRoot.publicGoodProduction(), options: VerificationOptions(now: { attestedAt }))
        let policy = try IdentityPolicy.certificate(subjectRegexp: generator, issuer: "https://token.actions.githubusercontent.com")
        return try await verifier.verify(bundleJSON: file.bytes, artifact: Artifact(digest: digest), policy: policy)
    }

    @Test("the real envelope is the layer cosign pushed: its SHA-256 is the layer digest and the Rekor entry's envelope hash")
    func envelopeBytes() throws {
        let manifest = try Self.json(try Self.fixture("slsa-provenance-test.att.manifest.json"))
        let envelope = try Self.fixture("slsa-provenance-test.att.envelope.json")
        #expect(DigestAlgorithm.sha256.hash(envelope).description == manifest["layers"]?[0]?["digest"]?.stringValue)
        #expect(envelope.count == manifest["layers"]?[0]?["size"]?.intValue.map(Int.init))
    }

    @Test("a real keyless cosign .att verifies: chain to Fulcio, SCT, SET by Rekor, DSSE signature, intoto 0.0.1 entry, subject")
    func keylessAttestation() async throws {
        let file = try await Self.discoveredAttestation()
        #expect(file.mediaType.hasSuffix("version=0.1"))
        guard case .verified(let verified) = try await Self.verify(file) else {
            Issue.record("the real .att did not verify: \(try await Self.verify(file))")
            return
        }
        #expect(verified.identity?.issuer == "https://token.actions.githubusercontent.com")
        let statement = try InTotoStatement(parsing: try #require(verified.statementPayload))
        #expect(statement.predicateType == "https://slsa.dev/provenance/v0.2")
        #expect(statement.subjects.first?.matches(Self.attestedImage) == true)
    }

    @Test("the real .att is refused for another image digest, another signer identity, or a changed payload")
    func keylessAttestationRefusals() async throws {
        let file = try await Self.discoveredAttestation()
        let other = try Digest(parsing: "sha256:" + String(repeating: "1", count: 64))
        guard case .failed = try await Self.verify(file, digest: other) else { Issue.record("verified for another digest"); return }

        let verifier = SigstoreVerifier(trustedRoot: try TrustedRoot.publicGoodProduction(), options: VerificationOptions(now: { Self.attestedAt }))
        let someoneElse = try IdentityPolicy.certificate(subjectRegexp: "^https://github.com/someone/else/.*$", issuer: "https://token.actions.githubusercontent.com")
        guard case .failed = try await verifier.verify(bundleJSON: file.bytes, artifact: Artifact(digest: Self.attestedImage), policy: someoneElse) else {
            Issue.record("verified for another identity"); return
        }

        // The same envelope with one payload byte changed (a subject digest nibble): DSSE and the entry's payload hash fail.
        var envelope = try DSSEEnvelope(parsing: try Self.fixture("slsa-provenance-test.att.envelope.json"))
        var payload = envelope.payload
        let needle = Array("3dbd76ff".utf8)
        let at = try #require((0...(payload.count - needle.count)).first { Array(payload[$0..<$0 + needle.count]) == needle })
        payload[at] = UInt8(ascii: "4")
        envelope = DSSEEnvelope(payloadType: envelope.payloadType, payload: payload, signatures: envelope.signatures)
        let tampered = try await Self.discoveredAttestation(envelope: envelope.jsonBytes())
        guard case .failed = try await Self.verify(tampered, digest: try Digest(parsing: "sha256:4dbd76ff6dc789a8bfd7b3303b15dd6fbac052af442f830b2eb527ab26976cf3")) else {
            Issue.record("a changed payload verified"); return
        }
    }
}

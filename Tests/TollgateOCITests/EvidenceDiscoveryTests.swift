import Foundation
import Testing
import TollgateModel
@testable import TollgateOCI

@Suite("Evidence is found where cosign and OCI 1.1 put it, and checked on the way")
struct EvidenceDiscoveryTests {
    static let repository = try! Repository(parsing: "registry.test/team/app")

    static func signAndPush(_ manifest: OCIManifest, in registry: Registry, mode: ReferrersMode, key: PrivateKey) async throws -> [PushedEvidence] {
        let payload = SimpleSigningPayload(dockerReference: Self.repository.description, manifestDigest: manifest.digest).jsonBytes
        let signature = CosignSignature(payload: payload, signature: try key.sign(payload), source: "", foundFor: manifest.digest)
        return try await CosignPublisher(registry: registry, mode: mode, now: { Date(timeIntervalSince1970: 0) })
            .publish(layer: payload, mediaType: MediaType.cosignSimpleSigning, annotations: signature.annotations, kind: .signature,
                     artifactType: MediaType.cosignSignatureArtifact, subject: manifest.descriptor, in: Self.repository)
    }

    @Test("a signature pushed as a referrer is found through the referrers API", arguments: [true, false])
    func referrers(api: Bool) async throws {
        let registry = Registry(client: MemoryRegistry(referrersAPI: api))
        let image = try await ImageBuilder.push([[.file("etc/hello", Array("hi".utf8))]], to: registry, repository: Self.repository, tag: "v1")
        let pushed = try await Self.signAndPush(image, in: registry, mode: .oci11, key: try PrivateKey.generate(.ecdsaP256))
        #expect(pushed.count == 1)
        #expect(pushed[0].referrersTag == (api ? nil : CosignTag.referrersTag(for: image.digest)))
        let found = try await EvidenceDiscovery(registry: registry).discover(Self.repository, digest: image.digest)
        #expect(found.signatures.count == 1)
        #expect(found.problems.isEmpty)
        #expect(found.lookups.first?.hasPrefix(api ? "referrers API: 1 referrer" : "referrers API not offered; referrers tag") == true)
    }

    @Test("cosign's tag scheme: a second signature is appended to the same .sig manifest, the same one is not repeated")
    func tagScheme() async throws {
        let registry = Registry(client: MemoryRegistry(referrersAPI: false))
        let image = try await ImageBuilder.push([[.file("etc/hello", Array("hi".utf8))]], to: registry, repository: Self.repository, tag: "v1")
        let key = try PrivateKey.generate(.ecdsaP256)
        _ = try await Self.signAndPush(image, in: registry, mode: .legacy, key: key)
        _ = try await Self.signAndPush(image, in: registry, mode: .legacy, key: try PrivateKey.generate(.ecdsaP256))
        let found = try await EvidenceDiscovery(registry: registry).discover(Self.repository, digest: image.digest)
        #expect(found.signatures.count == 2)
        #expect(found.signatures.allSatisfy { $0.source.contains(".sig#") })
    }

    @Test("a registry that serves other bytes than the digest names is caught (oci.digest-mismatch)")
    func lyingRegistry() async throws {
        let honest = MemoryRegistry()
        let image = try await ImageBuilder.push([[.file("a", [1])]], to: Registry(client: honest), repository: Self.repository, tag: "v1")
        let liar = Registry(client: MemoryRegistry(serveWrongManifest: true))
        _ = try await ImageBuilder.push([[.file("a", [1])]], to: liar, repository: Self.repository, tag: "v1")
        await #expect {
            _ = try await liar.manifest(Self.repository, digest: image.digest)
        } throws: { ($0 as? OCIError)?.kind == .digestMismatch }
        // By tag: the header says one digest, the bytes hash to another.
        await #expect {
            _ = try await liar.manifest(try ImageReference(parsing: "registry.test/team/app:v1"))
        } throws: { ($0 as? OCIError)?.kind == .digestMismatch }
    }

    @Test("a referrer whose subject is another digest is reported, not used")
    func wrongSubject() async throws {
        let registry = Registry(client: MemoryRegistry(referrersAPI: false))
        let image = try await ImageBuilder.push([[.file("a", [1])]], to: registry, repository: Self.repository, tag: "v1")
        let other = try await ImageBuilder.push([[.file("b", [2])]], to: registry, repository: Self.repository, tag: "v2")
        _ = try await Self.signAndPush(other, in: registry, mode: .oci11, key: try PrivateKey.generate(.ecdsaP256))
        // Point image's referrers tag at other's referrers index.
        let index = try await registry.optionalManifest(Self.repository, reference: CosignTag.referrersTag(for: other.digest))!
        try await registry.push(manifest: index.bytes, mediaType: MediaType.imageIndex, to: Self.repository,
                                tag: CosignTag.referrersTag(for: image.digest))
        let found = try await EvidenceDiscovery(registry: registry).discover(Self.repository, digest: image.digest)
        #expect(found.signatures.isEmpty)
        #expect(found.problems.count == 1)
    }
}

extension EvidenceDiscoveryTests {
    @Test("a Sigstore bundle referrer, a keyless .att layer and a .sbom layer are routed to bundles and SBOMs")
    func routing() async throws {
        let registry = Registry(client: MemoryRegistry(referrersAPI: true))
        let image = try await ImageBuilder.push([[.file("a", [1])]], to: registry, repository: Self.repository, tag: "v1")
        let publisher = CosignPublisher(registry: registry, mode: .oci11, now: { Date(timeIntervalSince1970: 0) })
        let bundle = Array(#"{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}"#.utf8)
        _ = try await publisher.publish(layer: bundle, mediaType: MediaType.sigstoreBundleV03, annotations: [:], kind: .attestation,
                                        artifactType: MediaType.sigstoreBundleV03, subject: image.descriptor, in: Self.repository)
        // cosign's old keyless .att layer: a DSSE envelope with certificate and Rekor bundle annotations.
        let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("cosign")
        let sig = try OCIManifest(bytes: [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("server_image.sig.manifest.json"))),
                                  digest: image.digest, contentType: nil)
        guard case .image(let signatureManifest) = sig.content, let keyless = signatureManifest.layers.first else { return }
        let envelope = DSSEEnvelope(payloadType: DSSE.inTotoPayloadType, payload: Array("{}".utf8), signatures: [DSSESignature(signature: [1, 2])])
        var annotations = keyless.annotations
        annotations[CosignAnnotation.signature] = ""
        let legacy = CosignPublisher(registry: registry, mode: .legacy, now: { Date(timeIntervalSince1970: 0) })
        _ = try await legacy.publish(layer: envelope.jsonBytes(), mediaType: MediaType.dsseEnvelope, annotations: annotations, kind: .attestation,
                                     artifactType: MediaType.dsseEnvelope, subject: image.descriptor, in: Self.repository)
        _ = try await legacy.publish(layer: Array(#"{"bomFormat":"CycloneDX","specVersion":"1.6"}"#.utf8), mediaType: MediaType.cycloneDXJSON,
                                     annotations: [:], kind: .sbom, artifactType: MediaType.cycloneDXJSON, subject: image.descriptor, in: Self.repository)
        let found = try await EvidenceDiscovery(registry: registry).discover(Self.repository, digest: image.digest)
        #expect(found.problems.isEmpty, "\(found.problems)")
        #expect(found.bundles.count == 2)
        #expect(found.bundles.contains { $0.mediaType == MediaType.sigstoreBundleV03 })
        #expect(found.bundles.contains { $0.mediaType.hasSuffix("version=0.1") && $0.name.contains(".att#1") })
        #expect(found.sboms.count == 1)
        #expect(found.signatures.isEmpty && found.attestations.isEmpty)
    }
}

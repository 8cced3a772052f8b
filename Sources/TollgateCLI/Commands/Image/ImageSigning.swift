import Foundation
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateOCI

/// `tollgate sign IMAGE_REF --key K` and `tollgate attest IMAGE_REF …`: sign the manifest digest
/// the reference resolves to and push the result in cosign's formats (``CosignPublisher``), so
/// cosign, policy-controller and `tollgate verify IMAGE_REF` find it (docs/images.md).
enum ImageSigning {
    /// What `sign` / `attest` report for an image, and what `--record` writes to the ledger.
    struct Report: Encodable, Sendable {
        var schemaVersion = "tollgate.dev/image-push/v1"
        let kind: String
        let image: String
        let digest: Digest
        let keyIDs: [String]
        let predicateType: String?
        let pushed: [PushedEvidence]
    }

    /// Signs the image `argument` names, or returns nil when it is a local path.
    static func sign(argument: String, key: any MessageSigner, options: ImagePushOptions) async throws -> Report? {
        guard let reference = try ImageArgument.reference(argument) else { return nil }
        let platform = try options.registry.parsedPlatform()
        let report = try await RegistryAccess.with(options.registry) { registry in
            let subject = try await ImageLoader(registry: registry).subject(reference, platform: platform)
            let payload = SimpleSigningPayload(dockerReference: reference.repository.description, manifestDigest: subject.digest).jsonBytes
            let signature = CosignSignature(payload: payload, signature: try key.sign(message: payload), source: "", foundFor: subject.digest)
            let publisher = CosignPublisher(registry: registry, mode: options.referrersMode, now: { Date() })
            let pushed = try await publisher.publish(layer: payload, mediaType: MediaType.cosignSimpleSigning, annotations: signature.annotations,
                                                     kind: .signature, artifactType: MediaType.cosignSignatureArtifact,
                                                     subject: subject.descriptor, in: reference.repository)
            return Report(kind: "signature", image: reference.description, digest: subject.digest, keyIDs: [key.publicKey.keyID],
                          predicateType: nil, pushed: pushed)
        }
        try await record(report, options: options)
        return report
    }

    /// Attests the image `argument` names (an in-toto statement whose subject is the repository
    /// and manifest digest, as cosign writes it), or returns nil when it is a local path.
    static func attest(argument: String, predicateType: String, predicate: JSONValue, keys: [any MessageSigner],
                       options: ImagePushOptions) async throws -> Report? {
        guard let reference = try ImageArgument.reference(argument) else { return nil }
        let platform = try options.registry.parsedPlatform()
        let report = try await RegistryAccess.with(options.registry) { registry in
            let subject = try await ImageLoader(registry: registry).subject(reference, platform: platform)
            let statement = InTotoStatement(subjects: [InTotoSubject(name: reference.repository.description, digest: subject.digest)],
                                            predicateType: predicateType, predicate: predicate)
            let envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, signers: keys).jsonBytes()
            let publisher = CosignPublisher(registry: registry, mode: options.referrersMode, now: { Date() })
            let pushed = try await publisher.publish(layer: envelope, mediaType: MediaType.dsseEnvelope,
                                                     annotations: [CosignAnnotation.signature: "", CosignAnnotation.predicateType: predicateType],
                                                     kind: .attestation, artifactType: MediaType.inTotoArtifact,
                                                     subject: subject.descriptor, in: reference.repository)
            return Report(kind: "attestation", image: reference.description, digest: subject.digest,
                          keyIDs: keys.map(\.publicKey.keyID), predicateType: predicateType, pushed: pushed)
        }
        try await record(report, options: options)
        return report
    }

    /// `--record`: one `attestation.stored` entry naming the image, digest, keys and manifests pushed.
    private static func record(_ report: Report, options: ImagePushOptions) async throws {
        guard options.record else { return }
        let (ledger, _) = try await options.data.openLedger()
        let signer = try LogKeyFile.load(path: options.data.keyPath)
        _ = try await ledger.append(kind: .attestationStored, actor: DataLocation.keyActor(signer),
                                    payload: try JSONOutput.encode(report))
    }

    /// The report: one line per pushed manifest (text) or the JSON report.
    static func print(_ report: Report, to out: ReportOutput, json: Bool) throws {
        if json {
            try out.json(report)
            return
        }
        for pushed in report.pushed {
            let place = pushed.tag.map { "tag \($0)" } ?? "referrer \(pushed.digest)"
            out.line("pushed \(report.kind) of \(report.digest) to \(place)" + (pushed.referrersTag.map { " (listed in tag \($0))" } ?? ""))
        }
    }
}

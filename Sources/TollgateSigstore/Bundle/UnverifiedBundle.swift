import Foundation
import TollgateModel
import X509

/// A Sigstore bundle that parsed and is structurally valid, but whose signatures, proofs and
/// identity have not been checked. Only ``SigstoreVerifier`` turns it into a ``VerifiedBundle``
/// (DESIGN.md style rule 2).
///
/// Spec: sigstore/protobuf-specs `protos/sigstore_bundle.proto`; PEP 740 attestations are
/// converted by ``init(pep740:)``.
public struct UnverifiedBundle: Sendable {
    public let mediaType: String
    public let version: BundleVersion
    public let material: VerificationMaterial
    public let tlogEntries: [TransparencyLogEntry]
    /// DER of each RFC 3161 `TimeStampResp` or `TimeStampToken`.
    public let rfc3161Timestamps: [[UInt8]]
    public let content: SignatureContent
    /// True when this came from a PEP 740 attestation: the in-toto subject name must then equal
    /// the distribution's filename as well as its digest.
    public let isPEP740Attestation: Bool

    static let maxCertificates = 10
    static let maxTlogEntries = 8
    static let maxTimestamps = SigstoreVerifier.maxTimestamps
    static let maxCertificateBytes = 64 << 10

    /// Parses bundle JSON, or a PEP 740 attestation (detected by its `verification_material`).
    public init(json bytes: [UInt8]) throws(SigstoreError) {
        // A document ``JSONWire`` parses is within the guard's size and depth limits (it parses with
        // them), so the guard's own scan is needed only when that parse fails.
        let parsed = try? JSONWire.parse(bytes, maxBytes: SigstoreJSONGuard.maxBundleBytes, maxDepth: SigstoreJSONGuard.maxDepth)
        if parsed == nil { try SigstoreJSONGuard.check(bytes, what: "bundle") }
        if PEP740Attestation.looksLikeAttestation(bytes) {
            self = try PEP740Attestation(json: bytes).bundle()
            return
        }
        let wire: BundleWire
        do {
            wire = try BundleWire.decode(bytes, parsed: parsed)
        } catch {
            throw SigstoreError(.malformedBundle, "the bundle is not valid bundle JSON: \(JSONDepth.describe(error))")
        }
        try self.init(wire: wire)
    }

    init(wire: BundleWire) throws(SigstoreError) {
        func fail(_ message: String) -> SigstoreError { SigstoreError(.malformedBundle, message) }
        guard let mediaType = wire.mediaType else { throw fail("mediaType is missing") }
        guard let version = BundleVersion(mediaType: mediaType) else {
            throw SigstoreError(.unsupportedBundleVersion,
                                "media type \"\(mediaType.prefix(120))\" is not a supported bundle version (0.1, 0.2, 0.3)")
        }
        self.mediaType = mediaType
        self.version = version
        guard let material = wire.verificationMaterial else { throw fail("verificationMaterial is missing") }

        // Exactly one of certificate, x509CertificateChain, publicKey (a protobuf oneof).
        let present = [material.certificate != nil, material.x509CertificateChain != nil, material.publicKey != nil]
            .filter { $0 }.count
        guard present == 1 else {
            throw fail("verificationMaterial must hold exactly one of certificate, x509CertificateChain, publicKey (found \(present))")
        }
        if let single = material.certificate {
            let (leaf, der) = try Self.certificate(single, at: "verificationMaterial.certificate")
            self.material = .certificate(leaf: leaf, leafDER: der, chainRest: [])
        } else if let chain = material.x509CertificateChain {
            let list = chain.certificates ?? []
            guard !list.isEmpty else { throw fail("verificationMaterial.x509CertificateChain is empty") }
            guard list.count <= Self.maxCertificates else {
                throw SigstoreError(.tooLarge, "the certificate chain has \(list.count) certificates; the limit is \(Self.maxCertificates)")
            }
            var parsed: [(Certificate, [UInt8])] = []
            for (index, item) in list.enumerated() {
                parsed.append(try Self.certificate(item, at: "verificationMaterial.x509CertificateChain.certificates[\(index)]"))
            }
            self.material = .certificate(leaf: parsed[0].0, leafDER: parsed[0].1, chainRest: parsed.dropFirst().map(\.0))
        } else {
            self.material = .publicKey(hint: material.publicKey?.hint)
        }

        let entries = material.tlogEntries ?? []
        guard entries.count <= Self.maxTlogEntries else {
            throw SigstoreError(.tooLarge, "the bundle has \(entries.count) tlog entries; the limit is \(Self.maxTlogEntries)")
        }
        var parsedEntries: [TransparencyLogEntry] = []
        for (index, entry) in entries.enumerated() {
            parsedEntries.append(try TransparencyLogEntry(wire: entry, at: "verificationMaterial.tlogEntries[\(index)]"))
        }
        tlogEntries = parsedEntries

        let stamps = material.timestampVerificationData?.rfc3161Timestamps ?? []
        guard stamps.count <= Self.maxTimestamps else {
            throw SigstoreError(.tooLarge, "the bundle has \(stamps.count) timestamps; the limit is \(Self.maxTimestamps)")
        }
        var parsedStamps: [[UInt8]] = []
        for (index, stamp) in stamps.enumerated() {
            guard let text = stamp.signedTimestamp, let der = Base64Bytes.decode(text), !der.isEmpty else {
                throw fail("rfc3161Timestamps[\(index)].signedTimestamp is missing or not base64")
            }
            parsedStamps.append(der)
        }
        rfc3161Timestamps = parsedStamps

        switch (wire.messageSignature, wire.dsseEnvelope) {
        case (let message?, nil):
            guard let signatureText = message.signature, let signature = Base64Bytes.decode(signatureText), !signature.isEmpty else {
                throw fail("messageSignature.signature is missing or not base64")
            }
            var algorithm: String?
            var digest: [UInt8]?
            if let messageDigest = message.messageDigest {
                guard let digestText = messageDigest.digest, let bytes = Base64Bytes.decode(digestText) else {
                    throw fail("messageSignature.messageDigest.digest is missing or not base64")
                }
                algorithm = messageDigest.algorithm ?? "SHA2_256"
                digest = bytes
            }
            content = .messageSignature(MessageSignature(digestAlgorithm: algorithm, digest: digest, signature: signature))
        case (nil, let envelope?):
            guard let payloadText = envelope.payload, let payload = Base64Bytes.decode(payloadText) else {
                throw fail("dsseEnvelope.payload is missing or not base64")
            }
            guard let payloadType = envelope.payloadType else { throw fail("dsseEnvelope.payloadType is missing") }
            let signatures = envelope.signatures ?? []
            guard signatures.count == 1 else {
                throw fail("dsseEnvelope must have exactly one signature (found \(signatures.count))")
            }
            guard let sigText = signatures[0].sig, let sig = Base64Bytes.decode(sigText), !sig.isEmpty else {
                throw fail("dsseEnvelope.signatures[0].sig is missing or not base64")
            }
            content = .dsseEnvelope(BundleDSSEEnvelope(payloadType: payloadType, payload: payload, signature: sig,
                                                       keyID: signatures[0].keyid))
        case (nil, nil):
            throw fail("the bundle has neither messageSignature nor dsseEnvelope")
        case (_?, _?):
            throw fail("the bundle has both messageSignature and dsseEnvelope")
        }
        isPEP740Attestation = false
    }

    init(mediaType: String, version: BundleVersion, material: VerificationMaterial, tlogEntries: [TransparencyLogEntry],
         rfc3161Timestamps: [[UInt8]], content: SignatureContent, isPEP740Attestation: Bool) {
        self.mediaType = mediaType
        self.version = version
        self.material = material
        self.tlogEntries = tlogEntries
        self.rfc3161Timestamps = rfc3161Timestamps
        self.content = content
        self.isPEP740Attestation = isPEP740Attestation
    }

    static func certificate(_ wire: BundleWire.BytesWire, at path: String) throws(SigstoreError) -> (Certificate, [UInt8]) {
        guard let text = wire.rawBytes, let der = Base64Bytes.decode(text), !der.isEmpty else {
            throw SigstoreError(.malformedBundle, "\(path).rawBytes is missing or not base64")
        }
        return try certificate(der: der, at: path)
    }

    static func certificate(der: [UInt8], at path: String) throws(SigstoreError) -> (Certificate, [UInt8]) {
        guard der.count <= maxCertificateBytes else {
            throw SigstoreError(.tooLarge, "\(path) is \(der.count) bytes; the limit is \(maxCertificateBytes)")
        }
        do {
            return (try Certificate(derEncoded: der), der)
        } catch {
            throw SigstoreError(.malformedBundle, "\(path) is not a DER X.509 certificate")
        }
    }
}

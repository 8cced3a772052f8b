import Crypto
import Foundation
import X509
import TollgateModel

extension SigstoreVerifier {
    /// Step 7 for message signatures: the bundle's digest is the artifact's, and the signature
    /// verifies over the artifact with the signing key. ECDSA verifies the precomputed SHA-256
    /// digest (the artifact may be known only by digest); other keys need the bytes.
    func verifyMessageSignature(_ message: MessageSignature, artifact: Artifact, key: Certificate.PublicKey) throws(VerificationFailure) {
        if let digest = message.digest {
            let algorithm = RekorEntryBody.normalise(message.digestAlgorithm ?? "SHA2_256")
            guard algorithm == "sha256" else {
                throw VerificationFailure(.artifactMismatch, "the bundle's message digest uses \(message.digestAlgorithm ?? "?"); only SHA2_256 is supported")
            }
            guard digest == artifact.sha256 else {
                throw VerificationFailure(.artifactMismatch,
                                          "the bundle signs digest sha256:\(Hex.encode(digest)), but the artifact is sha256:\(Hex.encode(artifact.sha256))")
            }
        }
        guard Self.verify(signature: message.signature, sha256: artifact.sha256, bytes: artifact.bytes, key: key) else {
            throw VerificationFailure(.signatureInvalid, "the signature does not verify over the artifact with the signing key")
        }
    }

    /// Step 7 for DSSE: the signature verifies over PAE(payloadType, payload), the payload is an
    /// in-toto Statement, and one subject carries the artifact's SHA-256 (and, for PEP 740, the
    /// distribution's filename as its name).
    func verifyDSSE(_ envelope: BundleDSSEEnvelope, artifact: Artifact, key: Certificate.PublicKey, pep740: Bool) throws(VerificationFailure) {
        let pae = envelope.preAuthenticationEncoding
        guard Self.verify(signature: envelope.signature, sha256: Array(SHA256.hash(data: pae)), bytes: pae, key: key) else {
            throw VerificationFailure(.signatureInvalid, "the DSSE signature does not verify over the envelope with the signing key")
        }
        guard envelope.payloadType == DSSE.inTotoPayloadType else {
            throw VerificationFailure(.artifactMismatch, "the DSSE payload type is \"\(envelope.payloadType)\", not an in-toto statement")
        }
        let statement: StatementSubjects
        do {
            statement = try JSONDecoder().decode(StatementSubjects.self, from: Data(envelope.payload))
        } catch {
            throw VerificationFailure(.artifactMismatch, "the DSSE payload is not an in-toto statement")
        }
        guard InTotoStatement.Version(rawValue: statement._type) != nil else {
            throw VerificationFailure(.artifactMismatch, "the DSSE payload's _type \"\(statement._type.prefix(80))\" is not an in-toto Statement")
        }
        let wanted = Hex.encode(artifact.sha256)
        let subjects = statement.subject
        let matching = subjects.filter { $0.digest["sha256"]?.lowercased() == wanted }
        guard !matching.isEmpty else {
            let names = subjects.prefix(5).map { "\($0.name)@sha256:\($0.digest["sha256"] ?? "?")" }.joined(separator: ", ")
            throw VerificationFailure(.artifactMismatch, "no in-toto subject has the artifact's digest sha256:\(wanted) (subjects: \(names))")
        }
        if pep740 {
            guard let filename = artifact.filename else {
                throw VerificationFailure(.artifactMismatch, "a PEP 740 attestation needs the distribution's filename, not only its digest")
            }
            guard matching.contains(where: { $0.name == filename }) else {
                throw VerificationFailure(.artifactMismatch,
                                          "the PEP 740 subject is named \"\(matching[0].name)\", but the distribution is \"\(filename)\"")
            }
        }
    }

    /// Verifies with swift-crypto: ECDSA over a precomputed SHA-256 digest when the key allows,
    /// otherwise over the bytes.
    static func verify(signature: [UInt8], sha256: [UInt8], bytes: [UInt8]?, key: Certificate.PublicKey) -> Bool {
        if let p256 = P256.Signing.PublicKey(key) {
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p256.isValidSignature(parsed, for: PrehashedDigest<PrehashedSize32>(bytes: sha256))
        }
        if let p384 = P384.Signing.PublicKey(key) {
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p384.isValidSignature(parsed, for: PrehashedDigest<PrehashedSize32>(bytes: sha256))
        }
        if let p521 = P521.Signing.PublicKey(key) {
            guard let parsed = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p521.isValidSignature(parsed, for: PrehashedDigest<PrehashedSize32>(bytes: sha256))
        }
        guard let bytes else { return false }
        for algorithm in [Certificate.SignatureAlgorithm.ed25519, .sha256WithRSAEncryption] where key.isValidSignature(signature, for: bytes, signatureAlgorithm: algorithm) {
            return true
        }
        return false
    }
}

import TollgateModel

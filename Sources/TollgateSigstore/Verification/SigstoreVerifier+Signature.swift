import Foundation
import TollgateModel

extension SigstoreVerifier {
    /// Step 7 for message signatures: the bundle's digest is the artifact's under the bundle's
    /// algorithm (SHA2_256, SHA2_384 or SHA2_512), and the signature verifies over the artifact
    /// with the signing key. ECDSA verifies the precomputed digest (the artifact may be known only
    /// by digest); other keys need the bytes.
    func verifyMessageSignature(_ message: MessageSignature, artifact: Artifact, key: PublicKey) throws(VerificationFailure) {
        let algorithm: DigestAlgorithm
        if message.digest != nil || message.digestAlgorithm != nil {
            guard let named = DigestAlgorithm(name: message.digestAlgorithm ?? "SHA2_256") else {
                throw VerificationFailure(.artifactMismatch,
                                          "the bundle's message digest uses \(message.digestAlgorithm ?? "?"); only SHA2_256, SHA2_384 and SHA2_512 are supported")
            }
            algorithm = named
        } else {
            algorithm = .sha256
        }
        guard let artifactDigest = artifact.digest(algorithm) else {
            throw VerificationFailure(.artifactMismatch,
                                      "the bundle signs a \(algorithm.rawValue) digest, but the artifact is known only as \(artifact.digestDescription); give the file or its \(algorithm.rawValue) digest")
        }
        if let digest = message.digest, digest != artifactDigest {
            throw VerificationFailure(.artifactMismatch,
                                      "the bundle signs digest \(algorithm.rawValue):\(Hex.encode(digest)), but the artifact is \(algorithm.rawValue):\(Hex.encode(artifactDigest))")
        }
        if case .invalid(let reason) = Self.verify(signature: message.signature, digest: artifactDigest, algorithm: algorithm, bytes: artifact.bytes, key: key) {
            throw VerificationFailure(.signatureInvalid, "the signature does not verify over the artifact with the signing key: \(reason)")
        }
    }

    /// Step 7 for DSSE: the signature verifies over PAE(payloadType, payload), the payload is an
    /// in-toto Statement, and one subject carries the artifact's digest under an accepted
    /// algorithm (and, for PEP 740, the distribution's filename as its name).
    func verifyDSSE(_ envelope: BundleDSSEEnvelope, artifact: Artifact, key: PublicKey, pep740: Bool) throws(VerificationFailure) {
        let pae = envelope.preAuthenticationEncoding
        if case .invalid(let reason) = key.verify(signature: envelope.signature, message: pae) {
            throw VerificationFailure(.signatureInvalid, "the DSSE signature does not verify over the envelope with the signing key: \(reason)")
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
        let subjects = statement.subject
        let matching = Self.subjects(subjects, matching: artifact)
        guard !matching.isEmpty else {
            let names = subjects.prefix(5).map { subject in
                let digests = subject.digest.keys.sorted().map { "\($0):\(subject.digest[$0]?.prefix(16) ?? "")…" }.joined(separator: ",")
                return "\(subject.name)@\(digests)"
            }.joined(separator: ", ")
            throw VerificationFailure(.artifactMismatch,
                                      "no in-toto subject has the artifact's digest \(Self.describe(artifact, for: subjects)) (subjects: \(names))")
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

    /// The subjects that name `artifact`: a subject matches when it lists a digest, under an
    /// algorithm Tollgate accepts, that equals the artifact's digest under that algorithm, and no
    /// other accepted-algorithm digest it lists that can be computed for the artifact differs
    /// (a subject claiming two different artifacts names neither). Algorithms Tollgate does not
    /// accept (`sha1`, `gitCommit`, ...) are ignored, except that a Git commit artifact is named by
    /// the subjects whose `gitCommit` digest is its id.
    static func subjects(_ subjects: [InTotoSubject], matching artifact: Artifact) -> [InTotoSubject] {
        if let commit = artifact.gitCommit {
            return subjects.filter { $0.digest["gitCommit"]?.lowercased() == commit }
        }
        return subjects.filter { subject in
            var matched = false
            for (name, hex) in subject.digest {
                guard let algorithm = DigestAlgorithm(name: name), Artifact.acceptedAlgorithms.contains(algorithm),
                      let actual = artifact.digest(algorithm) else { continue }
                guard Hex.decode(hex) == actual else { return false }
                matched = true
            }
            return matched
        }
    }

    /// The artifact's digests under the algorithms the subjects use, for a failure message.
    static func describe(_ artifact: Artifact, for subjects: [InTotoSubject]) -> String {
        let used = Set(subjects.flatMap(\.digest.keys).compactMap(DigestAlgorithm.init(name:)))
        let shown = artifact.availableAlgorithms.filter { used.contains($0) }
        guard !shown.isEmpty else { return artifact.digestDescription }
        return shown.compactMap { algorithm in artifact.digest(algorithm).map { "\(algorithm.rawValue):\(Hex.encode($0))" } }
            .joined(separator: " / ")
    }

    /// Verifies with TollgateModel's ``PublicKey`` (its default ``AlgorithmPolicy``): ECDSA over
    /// the precomputed `digest` (made with `algorithm`), so an artifact known only by digest
    /// verifies; Ed25519 and RSA, which sign the message, over the bytes.
    static func verify(signature: [UInt8], digest: [UInt8], algorithm: DigestAlgorithm, bytes: [UInt8]?, key: PublicKey) -> SignatureVerdict {
        switch key.algorithm {
        case .ecdsaP256, .ecdsaP384, .ecdsaP521:
            guard let digest = try? Digest(algorithm: algorithm, bytes: digest) else {
                return .invalid(reason: "the \(algorithm.rawValue) digest has \(digest.count) bytes")
            }
            return key.verify(signature: signature, digest: digest)
        case .ed25519, .rsa:
            guard let bytes else {
                return .invalid(reason: "a \(key.algorithm.name) signature is over the artifact's bytes, but only its digest is known")
            }
            return key.verify(signature: signature, message: bytes)
        }
    }
}

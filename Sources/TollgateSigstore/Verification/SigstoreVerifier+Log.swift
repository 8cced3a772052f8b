import Foundation
import TollgateModel
import TollgateTransparency

extension SigstoreVerifier {
    /// Step 6: the inclusion proof recomputes its root (RFC 9162 §2.1.3.2), and a checkpoint
    /// signed by the log (C2SP signed-note, tlog-checkpoint) commits to that root and size.
    /// Rekor v2 entries and bundles from v0.2 on MUST carry a proof; v0.1 may rely on the SET alone.
    func verifyInclusion(_ entry: TransparencyLogEntry, log: TransparencyLogInstance, version: BundleVersion) throws(VerificationFailure) {
        guard let proof = entry.inclusionProof else {
            if version == .v0_1 && entry.signedEntryTimestamp != nil { return }
            throw VerificationFailure(.inclusionProofMissing, "log entry \(entry.logIndex) has no inclusion proof")
        }
        if case .invalid(let reason) = proof.inclusionProof(forEntryBody: entry.canonicalizedBody).verify() {
            throw VerificationFailure(.inclusionProofInvalid,
                                      "the inclusion proof for index \(proof.logIndex) in a tree of \(proof.treeSize) does not verify: \(reason)")
        }
        guard let note = proof.checkpoint else {
            if version == .v0_1 { return }
            throw VerificationFailure(.inclusionProofMissing, "the inclusion proof of log entry \(entry.logIndex) has no checkpoint")
        }
        let checkpoint = try verifyCheckpoint(note, log: log)
        guard checkpoint.size == proof.treeSize, checkpoint.rootHash == proof.rootHash else {
            throw VerificationFailure(.checkpointInvalid,
                                      "the checkpoint commits to size \(checkpoint.size) root \(Base64Text.encode(checkpoint.rootHash)); the proof has size \(proof.treeSize) root \(Base64Text.encode(proof.rootHash))")
        }
    }

    /// A checkpoint verifies when a signature line by this log's key verifies over the note text
    /// (``CheckpointVerifier``). Lines by other keys (witness cosignatures) are ignored
    /// (c2sp.org/signed-note: "unknown keys MUST be ignored"); a line with this log's key name and
    /// ID whose signature fails makes the note invalid. The key names come from the origin
    /// (``TransparencyLogInstance/noteVerifiers(origin:)``), which is read before the signature
    /// is checked only to choose them.
    func verifyCheckpoint(_ text: String, log: TransparencyLogInstance) throws(VerificationFailure) -> Checkpoint {
        let note: SignedNote
        do { note = try SignedNote(parsing: text) } catch {
            throw VerificationFailure(.checkpointInvalid, "the checkpoint is malformed: \(error.reason)")
        }
        let origin = String(note.text.prefix { $0 != "\n" })
        let verifiers = checkpointVerifiers(log, origin: origin)
        guard !verifiers.isEmpty else {
            throw VerificationFailure(.checkpointInvalid, "the key of log \(log.baseURL) cannot verify checkpoints")
        }
        switch CheckpointVerifier.verify(note, verifiers: verifiers) {
        case .valid(let verified):
            return verified.checkpoint
        case .invalid(let reason):
            throw VerificationFailure(.checkpointInvalid, "the checkpoint of \(log.baseURL) for origin \"\(origin.prefix(100))\" does not verify: \(reason)")
        }
    }

    /// Step 8 (CVE-2022-36056): the log entry must describe this bundle's signature, signing
    /// key and digest, not merely be some valid entry. `isSigner` says whether a certificate or
    /// key DER the entry names is the bundle's signing certificate or key.
    func verifyEntryBody(_ entry: TransparencyLogEntry, content: SignatureContent, artifact: Artifact,
                         certificateDER: [UInt8]? = nil, isSigner: ([UInt8]) -> Bool) throws(VerificationFailure) {
        let body: RekorEntryBody
        do {
            body = try RekorEntryBody(body: entry.canonicalizedBody, kind: entry.kind, version: entry.version, knownCertificate: certificateDER)
        } catch {
            throw VerificationFailure(.entryMismatch, "log entry \(entry.logIndex): \(error.message)")
        }
        func mismatch(_ what: String) -> VerificationFailure {
            VerificationFailure(.entryMismatch, "log entry \(entry.logIndex) (\(entry.kindVersion)) does not match the bundle: \(what)")
        }
        // A digest under the entry's algorithm; Rekor writes `sha256`, Rekor v2 `SHA2_256`.
        func digestAlgorithm(_ name: String, _ what: String) throws(VerificationFailure) -> DigestAlgorithm {
            guard let algorithm = DigestAlgorithm(name: name) else { throw mismatch("the \(what) uses \(name), which is not accepted") }
            return algorithm
        }
        let expectedSignature = content.signatureBytes
        switch (content, body.content) {
        case (.messageSignature, .hashed(let name, let digest)):
            // The hashedrekord digest is the artifact's under the entry's own algorithm.
            let algorithm = try digestAlgorithm(name, "entry hash")
            guard let expected = artifact.digest(algorithm) else {
                throw mismatch("the entry records a \(algorithm.rawValue) digest, but the artifact is known only as \(artifact.digestDescription)")
            }
            guard digest == expected else {
                throw mismatch("the entry's artifact digest \(algorithm.rawValue):\(Hex.encode(digest)) is not the artifact's \(algorithm.rawValue):\(Hex.encode(expected))")
            }
        case (.dsseEnvelope(let envelope), .hashed(let name, let digest)):
            let algorithm = try digestAlgorithm(name, "entry hash")
            guard digest == algorithm.hash(envelope.preAuthenticationEncoding).bytes else {
                throw mismatch("the entry's digest is not the \(algorithm.rawValue) of the envelope's PAE")
            }
        case (.dsseEnvelope(let envelope), .payloadHash(let name, let digest)):
            let algorithm = try digestAlgorithm(name, "payload hash")
            guard digest == algorithm.hash(envelope.payload).bytes else { throw mismatch("the entry's payload hash is not the envelope payload's") }
            if let type = body.payloadType, type != envelope.payloadType {
                throw mismatch("payload type \"\(type)\" is not the envelope's \"\(envelope.payloadType)\"")
            }
            // dsse 0.0.1 also records the hash of the submitted envelope JSON: it must be the
            // hash of one of the serializations the Sigstore clients write for this envelope.
            if let recorded = body.envelopeHash {
                let envelopeAlgorithm = try digestAlgorithm(recorded.algorithm, "envelope hash")
                guard envelope.rekorSubmissionCandidates.contains(where: { envelopeAlgorithm.hash($0).bytes == recorded.digest }) else {
                    throw mismatch("the entry's envelope hash \(envelopeAlgorithm.rawValue):\(Hex.encode(recorded.digest)) is not the hash of this envelope")
                }
            }
        case (.messageSignature, .payloadHash):
            throw mismatch("a \(entry.kind) entry cannot vouch for a message signature")
        }
        // intoto 0.0.1 names no signature: the envelope hash checked above covers it, and the
        // signer must be the bundle's.
        if let signer = body.envelopeSigner, body.envelopeHash != nil, body.signatures.isEmpty {
            guard isSigner(signer) else { throw mismatch("the entry's certificate or key is not the bundle's") }
            return
        }
        guard body.signatures.count == 1, let only = body.signatures.first else {
            throw mismatch("the entry has \(body.signatures.count) signatures; the bundle has one")
        }
        guard only.signature == expectedSignature else { throw mismatch("the entry's signature is not the bundle's signature") }
        guard let entryVerifier = only.verifierDER, isSigner(entryVerifier) else {
            throw mismatch("the entry's certificate or key is not the bundle's")
        }
    }
}

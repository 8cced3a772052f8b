import Crypto
import Foundation
import TollgateModel
import X509

extension SigstoreVerifier {
    /// Step 6: the inclusion proof recomputes its root (RFC 9162 §2.1.3.2), and a checkpoint
    /// signed by the log (C2SP signed-note) commits to that root and size. Rekor v2 entries
    /// and bundles from v0.2 on MUST carry a proof; v0.1 may rely on the SET alone.
    func verifyInclusion(_ entry: TransparencyLogEntry, log: TransparencyLogInstance, version: BundleVersion) throws(VerificationFailure) {
        guard let proof = entry.inclusionProof else {
            if version == .v0_1 && entry.signedEntryTimestamp != nil { return }
            throw VerificationFailure(.inclusionProofMissing, "log entry \(entry.logIndex) has no inclusion proof")
        }
        let leaf = MerkleInclusion.leafHash(entry.canonicalizedBody)
        guard let root = MerkleInclusion.rootFromProof(leafHash: leaf, index: proof.logIndex, size: proof.treeSize, proof: proof.hashes) else {
            throw VerificationFailure(.inclusionProofInvalid,
                                      "the inclusion proof for index \(proof.logIndex) in a tree of \(proof.treeSize) has the wrong number of hashes (\(proof.hashes.count))")
        }
        guard root == proof.rootHash else {
            throw VerificationFailure(.inclusionProofInvalid,
                                      "the inclusion proof computes root \(Base64Bytes.encode(root)), but the bundle claims \(Base64Bytes.encode(proof.rootHash))")
        }
        guard let note = proof.checkpoint else {
            if version == .v0_1 { return }
            throw VerificationFailure(.inclusionProofMissing, "the inclusion proof of log entry \(entry.logIndex) has no checkpoint")
        }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(note: note) } catch {
            throw VerificationFailure(.checkpointInvalid, "the checkpoint is malformed: \(error.message)")
        }
        try verifyCheckpointSignature(checkpoint, log: log)
        guard checkpoint.treeSize == proof.treeSize, checkpoint.rootHash == proof.rootHash else {
            throw VerificationFailure(.checkpointInvalid,
                                      "the checkpoint commits to size \(checkpoint.treeSize) root \(Base64Bytes.encode(checkpoint.rootHash)); the proof has size \(proof.treeSize) root \(Base64Bytes.encode(proof.rootHash))")
        }
    }

    /// A checkpoint verifies when a signature line carries this log's key ID and verifies over
    /// the note text. Lines with other key IDs (witness cosignatures, other keys) are ignored
    /// (c2sp.org/signed-note: "unknown keys MUST be ignored"); a line with this log's key ID
    /// whose signature fails makes the note invalid.
    ///
    /// Key IDs: Ed25519 logs (Rekor v2) use the C2SP formula over the line's name, and that name
    /// must equal the origin; ECDSA logs (Rekor v1) use the 4-byte log-ID prefix, and their
    /// line name is the origin without the " - <tree ID>" shard suffix
    /// (`rekor.sigstore.dev - 2605736670972794746` is signed as `rekor.sigstore.dev`).
    func verifyCheckpointSignature(_ checkpoint: Checkpoint, log: TransparencyLogInstance) throws(VerificationFailure) {
        guard let key = log.key else {
            throw VerificationFailure(.checkpointInvalid, "the key of log \(log.baseURL) cannot verify checkpoints")
        }
        let isEd25519 = log.ed25519Raw != nil
        var verified = false
        for line in checkpoint.signatures {
            let nameMatches = line.name == checkpoint.origin || checkpoint.origin.hasPrefix(line.name + " - ")
            guard nameMatches, line.keyID == log.noteKeyID(name: line.name) else { continue }
            let algorithm: Certificate.SignatureAlgorithm = isEd25519 ? .ed25519 : .ecdsaWithSHA256
            guard key.isValidSignature(line.signature, for: checkpoint.body, signatureAlgorithm: algorithm) else {
                throw VerificationFailure(.checkpointInvalid,
                                          "the checkpoint signature by \"\(line.name)\" does not verify with the key of \(log.baseURL)")
            }
            verified = true
        }
        guard verified else {
            throw VerificationFailure(.checkpointInvalid,
                                      "no checkpoint signature carries the key ID of \(log.baseURL) (expected \(Hex.encode(log.noteKeyID(name: checkpoint.origin))) for origin \"\(checkpoint.origin)\")")
        }
    }

    /// Step 8 (CVE-2022-36056): the log entry must describe this bundle's signature, signing
    /// key and digest, not merely be some valid entry.
    func verifyEntryBody(_ entry: TransparencyLogEntry, content: SignatureContent, artifact: Artifact, verifierDERs: [[UInt8]]) throws(VerificationFailure) {
        let body: RekorEntryBody
        do { body = try RekorEntryBody(body: entry.canonicalizedBody, kind: entry.kind, version: entry.version) } catch {
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
        guard body.signatures.count == 1, let only = body.signatures.first else {
            throw mismatch("the entry has \(body.signatures.count) signatures; the bundle has one")
        }
        guard only.signature == expectedSignature else { throw mismatch("the entry's signature is not the bundle's signature") }
        guard let entryVerifier = only.verifierDER, verifierDERs.contains(entryVerifier) else {
            throw mismatch("the entry's certificate or key is not the bundle's")
        }
    }
}

import TollgateModel

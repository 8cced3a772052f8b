import Foundation
import TollgateModel
import TollgateTransparency

/// The client-side auditor and witness (`tollgate ledger verify`): it fetches a log's newest
/// checkpoint, checks its signature, proves it consistent with the last checkpoint it stored, and
/// then stores the new one. A smaller log is a rollback; a different root at the same size, or a
/// failing consistency proof, is a fork. Both are reported with the two checkpoints.
///
/// Consistency proofs are computed from the log's tiles (C2SP tlog-tiles), so the auditor needs
/// nothing but the published files. With a cosigner it adds a tlog-cosignature/v1 line, which is
/// the witness role of https://c2sp.org/tlog-witness.
public struct CheckpointAuditor: Sendable {
    let source: any TileSource
    let verifiers: [any NoteVerifier]
    let origin: String?
    /// Where remembered checkpoints are kept, one file per origin.
    let stateDirectory: URL

    public init(source: any TileSource, verifiers: [any NoteVerifier], origin: String? = nil, stateDirectory: URL) {
        self.source = source
        self.verifiers = verifiers
        self.origin = origin
        self.stateDirectory = stateDirectory
    }

    /// Audits the log once. `now` is the cosignature time.
    public func audit(cosigner: CosignatureV1Signer? = nil, now: Date = Date()) async throws -> AuditReport {
        guard let bytes = try await source.read(TilePath.checkpoint) else {
            throw LedgerError(.io, "the log has no checkpoint file")
        }
        guard case .valid(let current) = CheckpointVerifier.verify(note: bytes, verifiers: verifiers, origin: origin) else {
            let verdict = CheckpointVerifier.verify(note: bytes, verifiers: verifiers, origin: origin)
            var reason = "the checkpoint does not verify"
            if case .invalid(let why) = verdict { reason = why }
            return AuditReport(origin: origin ?? "", verdict: .invalidCheckpoint, reason: reason, previous: nil,
                               current: nil, cosignature: nil)
        }
        let checkpoint = current.checkpoint
        let currentSeen = Self.seen(checkpoint, note: String(decoding: bytes, as: UTF8.self))
        let statePath = stateDirectory.appendingPathComponent(Self.stateFileName(checkpoint.origin))
        var previous: VerifiedCheckpoint? = nil
        if let stored = FileManager.default.contents(atPath: statePath.path) {
            guard case .valid(let remembered) = CheckpointVerifier.verify(note: Array(stored), verifiers: verifiers,
                                                                          origin: checkpoint.origin) else {
                throw LedgerError(.invalidCheckpoint, "the remembered checkpoint '\(statePath.path)' no longer verifies with these keys")
            }
            previous = remembered
        }
        func report(_ verdict: AuditReport.Verdict, _ reason: String, cosignature: String? = nil) -> AuditReport {
            AuditReport(origin: checkpoint.origin, verdict: verdict, reason: reason,
                        previous: previous.map { Self.seen($0.checkpoint, note: $0.note.serialized) },
                        current: currentSeen, cosignature: cosignature)
        }
        var verdict = AuditReport.Verdict.firstSeen
        var reason = "no checkpoint was remembered for \(checkpoint.origin); stored size \(checkpoint.size) (trust on first use)"
        if let old = previous?.checkpoint {
            if checkpoint.size < old.size {
                return report(.rollback, "the log shrank from \(old.size) to \(checkpoint.size) entries")
            }
            if checkpoint.size == old.size {
                guard checkpoint.rootHash == old.rootHash else {
                    return report(.fork, "two different roots at size \(old.size)")
                }
            } else {
                let builder = ProofBuilder(reader: TileNodeReader(source: source, treeSize: checkpoint.size))
                let proof: [[UInt8]]
                do {
                    proof = try await builder.consistencyProof(size1: old.size, size2: checkpoint.size)
                } catch let error as LedgerError where error.kind == .missingNode || error.kind == .invalidTile {
                    return report(.fork, "cannot build a consistency proof from \(old.size) to \(checkpoint.size) from the tiles: \(error.reason)")
                }
                let check = MerkleVerifier.verifyConsistency(size1: old.size, size2: checkpoint.size, root1: old.rootHash,
                                                             root2: checkpoint.rootHash, proof: proof,
                                                             fromEmpty: .acceptWithEmptyProof)
                guard check.isValid else {
                    return report(.fork, "the log at \(checkpoint.size) is not consistent with the remembered \(old.size): \(check)")
                }
            }
            verdict = .consistent
            reason = "size \(old.size) → \(checkpoint.size) is consistent"
        }
        do {
            try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
            try Data(bytes).write(to: statePath, options: .atomic)
        } catch {
            throw LedgerError(.io, "cannot store the checkpoint in '\(statePath.path)': \(ErrorText.describe(error))")
        }
        var cosignature: String? = nil
        if let cosigner {
            let line = try cosigner.cosign(text: Array(current.note.text.utf8), timestamp: UInt64(max(0, now.timeIntervalSince1970)))
            cosignature = line.line
        }
        return report(verdict, reason, cosignature: cosignature)
    }

    static func seen(_ checkpoint: Checkpoint, note: String) -> AuditReport.Seen {
        AuditReport.Seen(size: checkpoint.size, rootHash: Data(checkpoint.rootHash).base64EncodedString(), note: note)
    }

    /// A file name derived from the origin that cannot escape the state directory.
    static func stateFileName(_ origin: String) -> String {
        let safe = origin.unicodeScalars.map { scalar -> Character in
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-") && scalar.isASCII
                ? Character(scalar) : "_"
        }
        return String(safe) + ".checkpoint"
    }
}

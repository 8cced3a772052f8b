import TollgateTransparency

/// Why a `LedgerInclusionReceipt` does not verify: the check that failed and the reason
/// (expected vs actual).
public struct LedgerReceiptFailure: Sendable, Equatable, CustomStringConvertible {
    /// The verification steps of `LedgerInclusionReceipt.verify(logKey:)`, in order. The raw
    /// value is stable (the `failure` field of `tollgate ledger check-receipt --output json`).
    public enum Check: String, Sendable, CaseIterable, Codable {
        /// The key given is not named after the receipt's origin.
        case wrongKey = "wrong-key"
        /// The checkpoint is not a well-formed signed note or tlog-checkpoint body.
        case checkpointMalformed = "checkpoint-malformed"
        /// No log signature by the key verifies over the checkpoint.
        case signature = "signature"
        /// The signed checkpoint names another origin than the receipt.
        case originMismatch = "origin-mismatch"
        /// The entry index is not below the checkpoint's tree size.
        case indexNotCovered = "index-not-covered"
        /// The leaf hash is not `RFC6962.leafHash(leafData)`.
        case leafHashMismatch = "leaf-hash-mismatch"
        /// The inclusion proof does not lead from the leaf hash to the checkpoint's root.
        case inclusionProof = "inclusion-proof"
        /// The leaf data, although in the log, is not a ledger entry this build reads.
        case entryMalformed = "entry-malformed"
    }

    /// The check that failed.
    public let check: Check
    /// What was expected and what was found.
    public let reason: String

    public init(_ check: Check, _ reason: String) {
        self.check = check
        self.reason = reason
    }

    public var description: String { "\(check.rawValue): \(reason)" }
}

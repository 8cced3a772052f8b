import Foundation
import TollgateTransparency

/// A checkpoint as the `ledger check-note` and `ledger check-receipt` reports show it: the log's
/// origin, the tree size and the base64 root hash.
struct CheckpointSummary: Encodable {
    let origin: String
    let size: UInt64
    let rootHash: String

    init(_ checkpoint: Checkpoint) {
        origin = checkpoint.origin
        size = checkpoint.size
        rootHash = Data(checkpoint.rootHash).base64EncodedString()
    }
}

import Foundation
import TollgateLedger
import TollgateModel
import TollgateVerify

/// A rebuild verdict the ledger recorded about an artifact: the `attestation.stored` entry
/// `verify --record` appends for each trusted rebuild attestation (``RebuildStoredEntry``). The
/// rebuilder is the signer the policy trusted; `recordedBy` the actor that appended the entry.
struct RebuildVerdict: Sendable, Codable {
    var subject: Digest
    var time: Date
    var rebuilder: String
    var match: Bool
    var rebuilt: String
    var comparison: String
    var recordedBy: String
    var document: String
    var ledgerIndex: UInt64

    /// The verdict an entry holds, or nil when it is another kind of stored evidence.
    init?(_ entry: LedgerEntry, payload: Data, index: UInt64) {
        guard let stored = try? LedgerJSON.decode(RebuildStoredEntry.self, from: payload), stored.isRebuild,
              let subject = try? Digest(parsing: stored.subject), let match = stored.summary["match"]?.boolValue else { return nil }
        self.subject = subject
        time = entry.time
        rebuilder = stored.summary["rebuilder"]?.stringValue ?? "?"
        self.match = match
        rebuilt = stored.summary["rebuilt"]?.stringValue ?? "?"
        comparison = stored.summary["comparison"]?.stringValue ?? ""
        recordedBy = entry.actor
        document = stored.document
        ledgerIndex = index
    }
}

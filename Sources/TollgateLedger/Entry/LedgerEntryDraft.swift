import Foundation
import TollgateModel
import TollgateStore
import TollgateTransparency

/// An entry as a caller asks for it: kind, actor and payload, but no time. The ledger stamps the
/// time from its own clock when it integrates the entry (`docs/ledger.md#time`), so a caller
/// can never write a time into the log.
///
/// The canonical encoding (`LedgerEntry.encoded()`) is built here, outside the ledger, with the
/// time field left to fill: under the store's write lock only those 8 bytes and the leaf hash are
/// computed.
public struct LedgerEntryDraft: Sendable, Equatable {
    public let kind: LedgerEntryKind
    /// Who appends it: a token name or key ID (1 to 1024 bytes of UTF-8).
    public let actor: String
    /// The payload (canonical JSON for the built-in kinds).
    public let payload: Data
    /// SHA-256 of the payload bytes.
    public let payloadDigest: Digest
    /// The encoding with a zero time field.
    private let template: Data

    /// Validates the actor and computes the payload digest.
    public init(kind: LedgerEntryKind, actor: String, payload: Data) throws(LedgerError) {
        let entry = try LedgerEntry(kind: kind, time: Date(timeIntervalSince1970: 0), actor: actor, payload: payload)
        self.kind = kind
        self.actor = actor
        self.payload = payload
        self.payloadDigest = entry.payloadDigest
        self.template = entry.encoded()
    }

    /// Whether the payload is stored by digest beside the log (larger than `LedgerEntry.inlineLimit`).
    public var payloadIsDetached: Bool { payload.count > LedgerEntry.inlineLimit }

    /// The leaf for this entry stamped at `milliseconds` (Unix time).
    func stamped(milliseconds: Int64) -> LedgerLeaf {
        var data = template
        let offset = data.startIndex + LedgerEntry.timeOffset(kind: kind)
        data.replaceSubrange(offset..<offset + 8, with: LedgerEntry.timeField(milliseconds))
        return LedgerLeaf(data: data, leafHash: RFC6962.leafHash(data))
    }
}

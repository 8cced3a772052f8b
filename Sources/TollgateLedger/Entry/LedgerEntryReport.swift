import Foundation
import TollgateModel
import TollgateTransparency

/// One entry as `tollgate ledger get --format json` and `GET /v1/ledger/entries/{index}` show it
/// (`tollgate.dev/ledger-entry/v1`).
public struct LedgerEntryReport: Sendable, Codable, Equatable {
    public var schemaVersion = "tollgate.dev/ledger-entry/v1"
    public let index: UInt64
    public let kind: String
    public let time: Date
    public let actor: String
    public let payloadDigest: String
    public let leafHash: String
    /// The payload as text (JSON for the built-in kinds); absent when stored beside the log and missing.
    public let payload: String?

    /// The report of `entry`, stored at `index` as `leafData`.
    public init(index: UInt64, entry: LedgerEntry, leafData: Data) {
        self.index = index
        kind = entry.kind.rawValue
        time = entry.time
        actor = entry.actor
        payloadDigest = entry.payloadDigest.description
        leafHash = Hex.encode(RFC6962.leafHash(leafData))
        payload = entry.payload.map { String(decoding: $0, as: UTF8.self) }
    }
}

import TollgateStore

/// What `KeyLifecycle` did: the records written and the ledger entry recording it, or that the key
/// was already in the asked-for state (a repeated command changes nothing and appends nothing).
public struct KeyChange: Sendable, Codable, Hashable {
    public var schemaVersion = "tollgate.dev/key-change/v1"
    /// `key.added`, `key.rotated` or `key.revoked`.
    public let kind: String
    public let keys: [KeyRecord]
    /// The ledger index of the entry, nil when nothing changed.
    public let ledgerIndex: UInt64?
    public let unchanged: Bool
}

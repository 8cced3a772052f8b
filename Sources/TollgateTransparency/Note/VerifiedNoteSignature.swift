/// A signature line that verified.
public struct VerifiedNoteSignature: Sendable, Equatable {
    /// The key name of the line.
    public let name: String
    /// The key ID of the line.
    public let keyID: [UInt8]
    /// The cosignature time for tlog-cosignature signatures.
    public let cosignatureTimestamp: UInt64?

    /// A verified line from its parts.
    public init(name: String, keyID: [UInt8], cosignatureTimestamp: UInt64?) {
        self.name = name
        self.keyID = keyID
        self.cosignatureTimestamp = cosignatureTimestamp
    }
}

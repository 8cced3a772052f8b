/// One entry of a DSSE envelope's `signatures`: an optional, unauthenticated key id hint and the
/// signature bytes (base64 in JSON).
public struct DSSESignature: Sendable, Hashable {
    /// The `keyid` hint; empty when absent. Never trusted: verification tries the given keys.
    public var keyID: String
    /// The raw signature over `DSSE.pae(...)`.
    public var signature: [UInt8]

    public init(keyID: String = "", signature: [UInt8]) {
        self.keyID = keyID
        self.signature = signature
    }
}

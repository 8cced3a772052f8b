/// A payload whose envelope met the verifier's threshold. Only `DSSEVerifier` makes one.
public struct DSSEVerifiedPayload: Sendable, Hashable {
    public let payloadType: String
    public let payload: [UInt8]
    /// Ids of the distinct trusted keys whose signature verified (sorted).
    public let keyIDs: [String]

    init(payloadType: String, payload: [UInt8], keyIDs: [String]) {
        self.payloadType = payloadType
        self.payload = payload
        self.keyIDs = keyIDs
    }
}

/// A DSSE envelope as carried in a bundle (exactly one signature, per the Sigstore bundle spec).
/// Named distinctly from `TollgateModel.DSSEEnvelope`, which models the general envelope.
public struct BundleDSSEEnvelope: Sendable, Equatable {
    public let payloadType: String
    public let payload: [UInt8]
    public let signature: [UInt8]
    public let keyID: String?

    /// DSSE v1 Pre-Authentication Encoding (secure-systems-lab/dsse `protocol.md`):
    /// `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths as ASCII decimal.
    public var preAuthenticationEncoding: [UInt8] {
        let type = Array(payloadType.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + type.count + 32)
        out += Array("DSSEv1 \(type.count) ".utf8)
        out += type
        out += Array(" \(payload.count) ".utf8)
        out += payload
        return out
    }
}

import TollgateModel

/// A DSSE envelope as carried in a bundle (exactly one signature, per the Sigstore bundle spec).
/// Named distinctly from `TollgateModel.DSSEEnvelope`, which models the general envelope.
public struct BundleDSSEEnvelope: Sendable, Equatable {
    public let payloadType: String
    public let payload: [UInt8]
    public let signature: [UInt8]
    public let keyID: String?

    /// DSSE v1 Pre-Authentication Encoding (secure-systems-lab/dsse `protocol.md`), computed by
    /// `TollgateModel.DSSE.pae`.
    public var preAuthenticationEncoding: [UInt8] {
        DSSE.pae(payloadType: payloadType, payload: payload)
    }
}

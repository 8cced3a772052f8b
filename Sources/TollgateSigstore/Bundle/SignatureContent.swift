/// What the bundle's signature covers: the artifact itself or a DSSE envelope.
public enum SignatureContent: Sendable, Equatable {
    case messageSignature(MessageSignature)
    case dsseEnvelope(BundleDSSEEnvelope)

    /// The raw signature bytes: what an RFC 3161 timestamp's message imprint covers.
    public var signatureBytes: [UInt8] {
        switch self {
        case .messageSignature(let message): message.signature
        case .dsseEnvelope(let envelope): envelope.signature
        }
    }
}

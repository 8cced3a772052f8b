/// Dead Simple Signing Envelope helpers.
///
/// Spec: <https://github.com/secure-systems-lab/dsse/blob/master/protocol.md>
public enum DSSE {
    /// The payload type of an in-toto Statement.
    public static let inTotoPayloadType = "application/vnd.in-toto+json"

    /// Pre-Authentication Encoding, the exact bytes that are signed:
    ///
    /// `PAE(type, body) = "DSSEv1" + SP + LEN(type) + SP + type + SP + LEN(body) + SP + body`
    ///
    /// where LEN is the ASCII decimal byte length with no leading zeros and `type` is UTF-8.
    /// ("Signatures MUST be computed over PAE(UTF8(payloadType), SERIALIZED_BODY)", protocol.md.)
    public static func pae(payloadType: String, payload: [UInt8]) -> [UInt8] {
        let type = Array(payloadType.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + type.count + 32)
        out += Array("DSSEv1 ".utf8)
        out += Array(String(type.count).utf8)
        out.append(0x20)
        out += type
        out.append(0x20)
        out += Array(String(payload.count).utf8)
        out.append(0x20)
        out += payload
        return out
    }

    /// Signs `payload` with every key and returns the envelope (one signature per key, `keyid` set
    /// to the key's id).
    public static func sign(payload: [UInt8], payloadType: String, keys: [PrivateKey]) throws(ModelError) -> DSSEEnvelope {
        guard !keys.isEmpty else { throw ModelError(.invalidEnvelope, "at least one signing key is required") }
        let message = pae(payloadType: payloadType, payload: payload)
        var signatures: [DSSESignature] = []
        for key in keys {
            signatures.append(DSSESignature(keyID: key.publicKey.keyID, signature: try key.sign(message)))
        }
        return DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: signatures)
    }

    /// Signs `payload` with every signer (in-memory keys or external signers) and returns the envelope.
    public static func sign(payload: [UInt8], payloadType: String, signers: [any MessageSigner]) throws -> DSSEEnvelope {
        guard !signers.isEmpty else { throw ModelError(.invalidEnvelope, "at least one signing key is required") }
        let message = pae(payloadType: payloadType, payload: payload)
        var signatures: [DSSESignature] = []
        for signer in signers {
            signatures.append(DSSESignature(keyID: signer.publicKey.keyID, signature: try signer.sign(message: message)))
        }
        return DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: signatures)
    }
}

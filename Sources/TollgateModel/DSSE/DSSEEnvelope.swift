import Foundation

/// A DSSE envelope as JSON (envelope.md): `{"payload": b64, "payloadType": str, "signatures":
/// [{"keyid": str, "sig": b64}]}`.
///
/// Spec: <https://github.com/secure-systems-lab/dsse/blob/master/envelope.md>
/// Parsing is bounded (`maxBytes`, `maxSignatures`, nesting depth) and accepts standard or
/// URL-safe base64, as the reference implementations do. Parsing does not verify anything:
/// only `DSSEVerifier` turns an envelope into a `DSSEVerifiedPayload`.
public struct DSSEEnvelope: Sendable, Hashable {
    public var payloadType: String
    public var payload: [UInt8]
    public var signatures: [DSSESignature]

    /// Largest envelope accepted: 32 MiB.
    public static let maxBytes = 32 << 20
    /// Most signatures accepted in one envelope.
    public static let maxSignatures = 64
    /// Deepest nesting accepted (an envelope nests three levels).
    public static let maxDepth = 16

    public init(payloadType: String, payload: [UInt8], signatures: [DSSESignature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    private struct Wire: Codable {
        var payload: String
        var payloadType: String
        var signatures: [WireSignature]
    }

    private struct WireSignature: Codable {
        var keyid: String?
        var sig: String
    }

    /// Parses envelope JSON.
    public init(parsing bytes: some DataProtocol, maxBytes: Int = DSSEEnvelope.maxBytes) throws(ModelError) {
        guard bytes.count <= maxBytes else {
            throw ModelError(.tooLarge, "DSSE envelope is \(bytes.count) bytes, over the \(maxBytes)-byte limit")
        }
        guard !bytes.isEmpty else { throw ModelError(.invalidEnvelope, "DSSE envelope is empty") }
        // One fast parse (`JSONValue.parse`, bounded to 16 levels), then the fields by hand: the
        // envelope's payload is the whole attestation in base64, and Codable decoding of it was most
        // of the envelope's cost.
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, maxBytes: maxBytes, maxDepth: Self.maxDepth)
        } catch {
            // Too deep is reported as such (the depth scan runs only on this failure path: over a
            // large envelope it was 4% of a gate decision).
            try JSONDepth.check(bytes, maxDepth: Self.maxDepth)
            throw ModelError(.invalidEnvelope, "not a DSSE envelope: \(error.reason)")
        }
        guard case .object(let fields) = value else {
            throw ModelError(.invalidEnvelope, "not a DSSE envelope: expected a JSON object")
        }
        guard let payloadText = fields["payload"]?.stringValue else {
            throw ModelError(.invalidEnvelope, "not a DSSE envelope: missing or non-string field 'payload'")
        }
        guard let payloadType = fields["payloadType"]?.stringValue else {
            throw ModelError(.invalidEnvelope, "not a DSSE envelope: missing or non-string field 'payloadType'")
        }
        guard let list = fields["signatures"]?.arrayValue else {
            throw ModelError(.invalidEnvelope, "not a DSSE envelope: missing field 'signatures' (a list)")
        }
        var wireSignatures: [WireSignature] = []
        for (index, item) in list.enumerated() {
            guard case .object(let entry) = item, let sig = entry["sig"]?.stringValue else {
                throw ModelError(.invalidEnvelope, "not a DSSE envelope: signature \(index + 1) has no string 'sig'")
            }
            if let keyid = entry["keyid"], keyid != .null, keyid.stringValue == nil {
                throw ModelError(.invalidEnvelope, "not a DSSE envelope: signature \(index + 1) 'keyid' is not a string")
            }
            wireSignatures.append(WireSignature(keyid: entry["keyid"]?.stringValue, sig: sig))
        }
        let wire = Wire(payload: payloadText, payloadType: payloadType, signatures: wireSignatures)
        guard let payload = Base64Text.decode(wire.payload) else {
            throw ModelError(.invalidEnvelope, "DSSE 'payload' is not base64")
        }
        guard !wire.payloadType.isEmpty else {
            throw ModelError(.invalidEnvelope, "DSSE 'payloadType' is empty")
        }
        guard !wire.signatures.isEmpty else {
            throw ModelError(.invalidEnvelope, "DSSE envelope has no signatures")
        }
        guard wire.signatures.count <= Self.maxSignatures else {
            throw ModelError(.tooLarge, "DSSE envelope has \(wire.signatures.count) signatures, over the limit of \(Self.maxSignatures)")
        }
        var signatures: [DSSESignature] = []
        for (index, entry) in wire.signatures.enumerated() {
            guard !entry.sig.isEmpty else {
                throw ModelError(.invalidSignature, "DSSE signature \(index + 1) is empty")
            }
            guard let sig = Base64Text.decode(entry.sig) else {
                throw ModelError(.invalidSignature, "DSSE signature \(index + 1) is not base64")
            }
            signatures.append(DSSESignature(keyID: entry.keyid ?? "", signature: sig))
        }
        self.init(payloadType: wire.payloadType, payload: payload, signatures: signatures)
    }

    /// Compact JSON (`keyid` omitted when empty), standard padded base64.
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        let wire = Wire(payload: Base64Text.encode(payload), payloadType: payloadType,
                        signatures: signatures.map { WireSignature(keyid: $0.keyID.isEmpty ? nil : $0.keyID,
                                                                   sig: Base64Text.encode($0.signature)) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Strings and arrays of strings always encode.
        return (try? Array(encoder.encode(wire))) ?? []
    }

    /// The bytes every signature covers.
    public var pae: [UInt8] { DSSE.pae(payloadType: payloadType, payload: payload) }
}

import TollgateModel

extension BundleDSSEEnvelope {
    /// The envelope JSON a client submits to Rekor's dsse 0.0.1 type, whose SHA-256 Rekor stores
    /// as `envelopeHash` (rekor `pkg/types/dsse/v0.0.1`: the hash of the submitted text, not of a
    /// canonical form). There is no canonical serialization, so the verifier recomputes the ones
    /// the Sigstore clients write, base64 standard with padding:
    ///
    /// 1. protobuf field order `payload`, `payloadType`, `signatures[{sig, keyid}]` with an empty
    ///    `keyid` omitted: sigstore-python, sigstore-js (`JSON.stringify(envelopeToJSON(…))`) and
    ///    sigstore-go (`encoding/json` over the generated protobuf struct, `omitempty`);
    /// 2. the same with `keyid` always present;
    /// 3. securesystemslib's Go struct order `payloadType`, `payload`, `signatures[{keyid, sig}]`
    ///    with `keyid` always present (cosign's DSSE envelopes);
    ///
    /// each compact (`,` and `:`) and with Python's default separators (`, ` and `: `), which
    /// sigstore-python 3.x wrote (PyPI's PEP 740 attestations of 2024 carry such hashes).
    ///
    /// Strings are escaped minimally (quote, backslash, control characters); a payload type with
    /// characters some encoders escape differently (`<`, `>`, `&`, non-ASCII) may not reproduce.
    var rekorSubmissionCandidates: [[UInt8]] {
        typealias Members = [(name: String, json: String)]
        let payload = Self.jsonString(Base64Text.encode(self.payload))
        let sig = Self.jsonString(Base64Text.encode(signature))
        let type = Self.jsonString(payloadType)
        let keyid = Self.jsonString(keyID ?? "")
        let hasKeyID = !(keyID ?? "").isEmpty
        var shapes: [(envelope: Members, signature: Members)] = [
            ([("payload", payload), ("payloadType", type)], [("sig", sig)] + (hasKeyID ? [("keyid", keyid)] : [])),
            ([("payloadType", type), ("payload", payload)], [("keyid", keyid), ("sig", sig)]),
        ]
        if !hasKeyID { shapes.append(([("payload", payload), ("payloadType", type)], [("sig", sig), ("keyid", keyid)])) }
        var candidates: [[UInt8]] = []
        for (comma, colon) in [(",", ":"), (", ", ": ")] {
            func object(_ members: Members) -> String {
                "{" + members.map { Self.jsonString($0.name) + colon + $0.json }.joined(separator: comma) + "}"
            }
            for shape in shapes {
                let signatures = "[" + object(shape.signature) + "]"
                candidates.append(Array(object(shape.envelope + [("signatures", signatures)]).utf8))
            }
        }
        return candidates
    }

    /// A JSON string literal with the escapes every encoder agrees on.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

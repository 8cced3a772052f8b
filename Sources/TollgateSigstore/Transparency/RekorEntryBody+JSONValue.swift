import Foundation
import TollgateModel

extension RekorEntryBody.Envelope {
    /// Decodes an entry body: through ``JSONWire`` when it reads the document exactly as
    /// `JSONDecoder` would, otherwise with `JSONDecoder`.
    static func decode(_ body: [UInt8]) throws -> Self {
        if let envelope = try? Self(value: JSONWire.parse(body, maxBytes: TransparencyLogEntry.maxBodyBytes)) { return envelope }
        return try JSONDecoder().decode(Self.self, from: Data(body))
    }

    init(value: JSONValue) throws(JSONWire.Mismatch) {
        typealias Body = RekorEntryBody
        let members = try JSONWire.members(value)
        func hashValue(_ value: JSONValue?) throws(JSONWire.Mismatch) -> Body.HashValue? {
            try JSONWire.object(value) { (hash) throws(JSONWire.Mismatch) in
                Body.HashValue(algorithm: try JSONWire.string(hash["algorithm"]), value: try JSONWire.string(hash["value"]))
            }
        }
        func v2Hash(_ value: JSONValue?) throws(JSONWire.Mismatch) -> Body.V2Hash? {
            try JSONWire.object(value) { (hash) throws(JSONWire.Mismatch) in
                Body.V2Hash(algorithm: try JSONWire.string(hash["algorithm"]), digest: try JSONWire.string(hash["digest"]))
            }
        }
        func v2Signature(_ signature: [String: JSONValue]) throws(JSONWire.Mismatch) -> Body.V2Signature {
            Body.V2Signature(
                content: try JSONWire.string(signature["content"]),
                verifier: try JSONWire.object(signature["verifier"]) { (verifier) throws(JSONWire.Mismatch) in
                    Body.V2Verifier(x509Certificate: try JSONWire.object(verifier["x509Certificate"], BundleWire.BytesWire.init(members:)),
                                    publicKey: try JSONWire.object(verifier["publicKey"], BundleWire.BytesWire.init(members:)))
                })
        }
        self.init(
            apiVersion: try JSONWire.string(members["apiVersion"]),
            kind: try JSONWire.string(members["kind"]),
            spec: try JSONWire.object(members["spec"]) { (spec) throws(JSONWire.Mismatch) in
                Body.Spec(
                    data: try JSONWire.object(spec["data"]) { (data) throws(JSONWire.Mismatch) in
                        Body.HashedData(hash: try hashValue(data["hash"]))
                    },
                    signature: try JSONWire.object(spec["signature"]) { (signature) throws(JSONWire.Mismatch) in
                        Body.HashedSignature(
                            content: try JSONWire.string(signature["content"]),
                            publicKey: try JSONWire.object(signature["publicKey"]) { (key) throws(JSONWire.Mismatch) in
                                Body.PublicKeyContent(content: try JSONWire.string(key["content"]))
                            })
                    },
                    hashedRekordV002: try JSONWire.object(spec["hashedRekordV002"]) { (v2) throws(JSONWire.Mismatch) in
                        Body.HashedRekordV002(data: try v2Hash(v2["data"]),
                                              signature: try JSONWire.object(v2["signature"], v2Signature))
                    },
                    payloadHash: try hashValue(spec["payloadHash"]),
                    envelopeHash: try hashValue(spec["envelopeHash"]),
                    signatures: try JSONWire.array(spec["signatures"]) { (item) throws(JSONWire.Mismatch) in
                        try JSONWire.element(item) { (signature) throws(JSONWire.Mismatch) in
                            Body.DSSESig(signature: try JSONWire.string(signature["signature"]),
                                         verifier: try JSONWire.string(signature["verifier"]))
                        }
                    },
                    dsseV002: try JSONWire.object(spec["dsseV002"]) { (v2) throws(JSONWire.Mismatch) in
                        Body.DSSEV002(payloadHash: try v2Hash(v2["payloadHash"]),
                                      signatures: try JSONWire.array(v2["signatures"]) { (item) throws(JSONWire.Mismatch) in
                                          try JSONWire.element(item, v2Signature)
                                      })
                    },
                    content: try JSONWire.object(spec["content"]) { (content) throws(JSONWire.Mismatch) in
                        Body.IntotoContent(
                            envelope: try JSONWire.object(content["envelope"]) { (envelope) throws(JSONWire.Mismatch) in
                                Body.IntotoEnvelope(
                                    payloadType: try JSONWire.string(envelope["payloadType"]),
                                    signatures: try JSONWire.array(envelope["signatures"]) { (item) throws(JSONWire.Mismatch) in
                                        try JSONWire.element(item) { (signature) throws(JSONWire.Mismatch) in
                                            Body.IntotoSig(sig: try JSONWire.string(signature["sig"]),
                                                           publicKey: try JSONWire.string(signature["publicKey"]))
                                        }
                                    })
                            },
                            payloadHash: try hashValue(content["payloadHash"]),
                            hash: try hashValue(content["hash"]))
                    },
                    publicKey: try JSONWire.string(spec["publicKey"]))
            })
    }
}

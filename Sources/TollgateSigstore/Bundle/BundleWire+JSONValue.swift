import Foundation
import TollgateModel

extension BundleWire {
    /// Decodes bundle JSON: from `parsed` (the document as ``JSONWire`` parsed it) when it reads
    /// the document exactly as `JSONDecoder` would, otherwise with `JSONDecoder` (whose error,
    /// described by ``JSONDepth``, is the one thrown).
    static func decode(_ bytes: [UInt8], parsed: JSONValue?) throws -> BundleWire {
        if let parsed, let wire = try? BundleWire(value: parsed) { return wire }
        return try JSONDecoder().decode(BundleWire.self, from: Data(bytes))
    }

    init(value: JSONValue) throws(JSONWire.Mismatch) {
        let members = try JSONWire.members(value)
        self.init(
            mediaType: try JSONWire.string(members["mediaType"]),
            verificationMaterial: try JSONWire.object(members["verificationMaterial"], VerificationMaterialWire.init(members:)),
            messageSignature: try JSONWire.object(members["messageSignature"]) { (object) throws(JSONWire.Mismatch) in
                MessageSignatureWire(
                    messageDigest: try JSONWire.object(object["messageDigest"]) { (digest) throws(JSONWire.Mismatch) in
                        HashOutputWire(algorithm: try JSONWire.string(digest["algorithm"]), digest: try JSONWire.string(digest["digest"]))
                    },
                    signature: try JSONWire.string(object["signature"]))
            },
            dsseEnvelope: try JSONWire.object(members["dsseEnvelope"]) { (object) throws(JSONWire.Mismatch) in
                DSSEEnvelopeWire(
                    payload: try JSONWire.string(object["payload"]),
                    payloadType: try JSONWire.string(object["payloadType"]),
                    signatures: try JSONWire.array(object["signatures"]) { (item) throws(JSONWire.Mismatch) in
                        try JSONWire.element(item) { (signature) throws(JSONWire.Mismatch) in
                            DSSESignatureWire(sig: try JSONWire.string(signature["sig"]), keyid: try JSONWire.string(signature["keyid"]))
                        }
                    })
            })
    }
}

extension BundleWire.VerificationMaterialWire {
    init(members: [String: JSONValue]) throws(JSONWire.Mismatch) {
        self.init(
            x509CertificateChain: try JSONWire.object(members["x509CertificateChain"]) { (chain) throws(JSONWire.Mismatch) in
                BundleWire.ChainWire(certificates: try JSONWire.array(chain["certificates"]) { (item) throws(JSONWire.Mismatch) in
                    try JSONWire.element(item, BundleWire.BytesWire.init(members:))
                })
            },
            certificate: try JSONWire.object(members["certificate"], BundleWire.BytesWire.init(members:)),
            publicKey: try JSONWire.object(members["publicKey"]) { (key) throws(JSONWire.Mismatch) in
                BundleWire.PublicKeyIdentifierWire(hint: try JSONWire.string(key["hint"]))
            },
            tlogEntries: try JSONWire.array(members["tlogEntries"]) { (item) throws(JSONWire.Mismatch) in
                try JSONWire.element(item, TransparencyLogEntryWire.init(members:))
            },
            timestampVerificationData: try JSONWire.object(members["timestampVerificationData"]) { (data) throws(JSONWire.Mismatch) in
                BundleWire.TimestampVerificationDataWire(
                    rfc3161Timestamps: try JSONWire.array(data["rfc3161Timestamps"]) { (item) throws(JSONWire.Mismatch) in
                        try JSONWire.element(item) { (stamp) throws(JSONWire.Mismatch) in
                            BundleWire.SignedTimestampWire(signedTimestamp: try JSONWire.string(stamp["signedTimestamp"]))
                        }
                    })
            })
    }
}

extension BundleWire.BytesWire {
    init(members: [String: JSONValue]) throws(JSONWire.Mismatch) {
        self.init(rawBytes: try JSONWire.string(members["rawBytes"]))
    }
}

extension TransparencyLogEntryWire {
    init(members: [String: JSONValue]) throws(JSONWire.Mismatch) {
        self.init(
            logIndex: try JSONWire.int64(members["logIndex"]),
            logId: try JSONWire.object(members["logId"]) { (id) throws(JSONWire.Mismatch) in
                LogIDWire(keyId: try JSONWire.string(id["keyId"]))
            },
            kindVersion: try JSONWire.object(members["kindVersion"]) { (kind) throws(JSONWire.Mismatch) in
                KindVersionWire(kind: try JSONWire.string(kind["kind"]), version: try JSONWire.string(kind["version"]))
            },
            integratedTime: try JSONWire.int64(members["integratedTime"]),
            inclusionPromise: try JSONWire.object(members["inclusionPromise"]) { (promise) throws(JSONWire.Mismatch) in
                InclusionPromiseWire(signedEntryTimestamp: try JSONWire.string(promise["signedEntryTimestamp"]))
            },
            inclusionProof: try JSONWire.object(members["inclusionProof"]) { (proof) throws(JSONWire.Mismatch) in
                InclusionProofWire(
                    logIndex: try JSONWire.int64(proof["logIndex"]),
                    rootHash: try JSONWire.string(proof["rootHash"]),
                    treeSize: try JSONWire.int64(proof["treeSize"]),
                    hashes: try JSONWire.array(proof["hashes"], JSONWire.elementString),
                    checkpoint: try JSONWire.object(proof["checkpoint"]) { (checkpoint) throws(JSONWire.Mismatch) in
                        CheckpointWire(envelope: try JSONWire.string(checkpoint["envelope"]))
                    })
            },
            canonicalizedBody: try JSONWire.string(members["canonicalizedBody"]))
    }
}

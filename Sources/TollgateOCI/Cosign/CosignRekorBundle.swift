import TollgateModel

/// cosign's old-format Rekor "bundle" annotation (`dev.sigstore.cosign/bundle`): the entry's
/// signed entry timestamp (SET) and the entry it covers.
///
/// ```json
/// {"SignedEntryTimestamp": "<base64>",
///  "Payload": {"body": "<base64 entry>", "integratedTime": 1661794812, "logIndex": 3274548, "logID": "<hex>"}}
/// ```
///
/// It is verified by turning it, with the signature and its certificate chain, into the Sigstore
/// bundle v0.1 it is equivalent to (the SET as `inclusionPromise`), which ``SigstoreVerifier``
/// checks against the trusted root like any other: chain to Fulcio at the logged time, SCT, SET
/// by a known Rekor key, signature, and the entry body matching signature, key and digest.
public struct CosignRekorBundle: Sendable, Hashable {
    public var signedEntryTimestamp: String
    public var body: String
    public var integratedTime: Int64
    public var logIndex: Int64
    public var logID: [UInt8]
    /// The entry's kind and version, read from the body (`hashedrekord` 0.0.1, `intoto` 0.0.2, `dsse` 0.0.1).
    public var kind: String
    public var version: String

    public init(json text: String) throws(OCIError) {
        func fail(_ why: String) -> OCIError { OCIError(.invalidManifest, "the \(CosignAnnotation.rekorBundle) annotation: \(why)") }
        let value: JSONValue
        do { value = try JSONValue.parse(Array(text.utf8), maxBytes: 8 << 20, maxDepth: 16) } catch { throw fail(error.reason) }
        guard let set = value["SignedEntryTimestamp"]?.stringValue, Base64Text.decode(set) != nil else {
            throw fail("SignedEntryTimestamp is missing or not base64")
        }
        guard let payload = value["Payload"], let body = payload["body"]?.stringValue,
              let bodyBytes = Base64Text.decode(body) else { throw fail("Payload.body is missing or not base64") }
        guard let time = payload["integratedTime"]?.intValue, let index = payload["logIndex"]?.intValue, index >= 0 else {
            throw fail("Payload.integratedTime or Payload.logIndex is missing")
        }
        guard let logIDText = payload["logID"]?.stringValue, let logID = Hex.decode(logIDText), !logID.isEmpty else {
            throw fail("Payload.logID is missing or not hex")
        }
        let entry: JSONValue
        do { entry = try JSONValue.parse(bodyBytes, maxBytes: 8 << 20, maxDepth: 16) } catch { throw fail("the entry body is not JSON: \(error.reason)") }
        guard let kind = entry["kind"]?.stringValue, let version = entry["apiVersion"]?.stringValue else {
            throw fail("the entry body has no kind or apiVersion")
        }
        signedEntryTimestamp = set
        self.body = body
        integratedTime = time
        logIndex = index
        self.logID = logID
        self.kind = kind
        self.version = version
    }

    /// The material of the equivalent bundle: certificates (leaf first, DER) or a key.
    public enum Material: Sendable {
        case certificates([[UInt8]])
        case publicKey
    }

    /// What the equivalent bundle's signature covers.
    public enum Content: Sendable {
        /// A signature over bytes whose SHA-256 is `digest` (the simple-signing payload).
        case message(signature: [UInt8], digest: Digest)
        case dsse(DSSEEnvelope)
    }

    /// The Sigstore bundle v0.1 JSON equivalent to this signature, for ``SigstoreVerifier``.
    public func sigstoreBundle(material: Material, content: Content) -> [UInt8] {
        var verification: [String: JSONValue] = [
            "tlogEntries": [[
                "logIndex": .string(String(logIndex)),
                "logId": ["keyId": .string(Base64Text.encode(logID))],
                "kindVersion": ["kind": .string(kind), "version": .string(version)],
                "integratedTime": .string(String(integratedTime)),
                "inclusionPromise": ["signedEntryTimestamp": .string(signedEntryTimestamp)],
                "canonicalizedBody": .string(body),
            ]],
        ]
        switch material {
        case .certificates(let ders):
            verification["x509CertificateChain"] = ["certificates": .array(ders.map { ["rawBytes": .string(Base64Text.encode($0))] })]
        case .publicKey:
            verification["publicKey"] = ["hint": ""]
        }
        var bundle: [String: JSONValue] = [
            "mediaType": "application/vnd.dev.sigstore.bundle+json;version=0.1",
            "verificationMaterial": .object(verification),
        ]
        switch content {
        case .message(let signature, let digest):
            bundle["messageSignature"] = ["messageDigest": ["algorithm": "SHA2_256", "digest": .string(Base64Text.encode(digest.bytes))],
                                          "signature": .string(Base64Text.encode(signature))]
        case .dsse(let envelope):
            bundle["dsseEnvelope"] = ["payload": .string(Base64Text.encode(envelope.payload)), "payloadType": .string(envelope.payloadType),
                                      "signatures": .array(envelope.signatures.map { ["sig": .string(Base64Text.encode($0.signature)),
                                                                                      "keyid": .string($0.keyID)] })]
        }
        return JSONValue.object(bundle).encodedBytes()
    }

    /// DER certificates from PEM text (leaf first), for ``Material/certificates(_:)``.
    public static func certificates(leafPEM: String, chainPEM: String?) throws(OCIError) -> [[UInt8]] {
        do {
            var blocks = try PEMBlock.parseAll(leafPEM, limit: 1)
            if let chainPEM { blocks += try PEMBlock.parseAll(chainPEM, limit: 10) }
            guard blocks.allSatisfy({ $0.label == "CERTIFICATE" }), !blocks.isEmpty else {
                throw OCIError(.invalidManifest, "the certificate annotations hold something other than PEM certificates")
            }
            return blocks.map(\.der)
        } catch let error as OCIError {
            throw error
        } catch {
            throw OCIError(.invalidManifest, "the certificate annotations are not PEM: \(ErrorText.describe(error))")
        }
    }
}

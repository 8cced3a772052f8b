import TollgateModel

/// A cosign signature found in a registry (a `.sig` tag layer or a referrer signature), not yet
/// verified: the simple-signing payload, the signature from the layer's annotation, and the
/// certificate, chain and Rekor bundle annotations of keyless signatures.
public struct CosignSignature: Sendable, Hashable {
    /// The payload bytes exactly as stored (the signature covers these bytes).
    public var payload: [UInt8]
    public var signature: [UInt8]
    public var certificatePEM: String?
    public var chainPEM: String?
    /// The `dev.sigstore.cosign/bundle` annotation (JSON), when the signature was logged in Rekor.
    public var rekorBundle: String?
    /// Where it was found, for reports: `registry/repo:sha256-….sig#1`.
    public var source: String
    /// The digest it was found for (the subject of the lookup; the payload must name it).
    public var foundFor: Digest

    public init(payload: [UInt8], signature: [UInt8], certificatePEM: String? = nil, chainPEM: String? = nil,
                rekorBundle: String? = nil, source: String, foundFor: Digest) {
        self.payload = payload
        self.signature = signature
        self.certificatePEM = certificatePEM
        self.chainPEM = chainPEM
        self.rekorBundle = rekorBundle
        self.source = source
        self.foundFor = foundFor
    }

    /// Reads the signature from a simple-signing layer's annotations.
    public init(layer: Descriptor, payload: [UInt8], source: String, foundFor: Digest) throws(OCIError) {
        guard let text = layer.annotations[CosignAnnotation.signature], !text.isEmpty else {
            throw OCIError(.invalidManifest, "\(source): the layer has no \(CosignAnnotation.signature) annotation")
        }
        guard let signature = Base64Text.decode(text), !signature.isEmpty else {
            throw OCIError(.invalidManifest, "\(source): the \(CosignAnnotation.signature) annotation is not base64")
        }
        self.init(payload: payload, signature: signature,
                  certificatePEM: layer.annotations[CosignAnnotation.certificate].flatMap { $0.isEmpty ? nil : $0 },
                  chainPEM: layer.annotations[CosignAnnotation.chain].flatMap { $0.isEmpty ? nil : $0 },
                  rekorBundle: layer.annotations[CosignAnnotation.rekorBundle].flatMap { $0.isEmpty ? nil : $0 },
                  source: source, foundFor: foundFor)
    }

    /// The layer annotations that carry this signature.
    public var annotations: [String: String] {
        var result = [CosignAnnotation.signature: Base64Text.encode(signature)]
        if let certificatePEM { result[CosignAnnotation.certificate] = certificatePEM }
        if let chainPEM { result[CosignAnnotation.chain] = chainPEM }
        if let rekorBundle { result[CosignAnnotation.rekorBundle] = rekorBundle }
        return result
    }
}

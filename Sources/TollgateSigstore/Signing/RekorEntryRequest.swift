import TollgateModel

/// The Rekor v1 entries keyless signing proposes (`POST /api/v1/log/entries`), in the JSON shape
/// Rekor's OpenAPI types define; one builder for the signer and for test deployments.
public enum RekorEntryRequest {
    /// `hashedrekord` 0.0.1: the artifact's SHA-256 (hex), the signature and the signer's PEM
    /// certificate (base64). Rekor logs it as it is: this is also the canonical body.
    public static func hashedRekord(sha256 digest: [UInt8], signature: [UInt8], certificatePEM: String) -> JSONValue {
        [
            "apiVersion": "0.0.1", "kind": "hashedrekord",
            "spec": [
                "data": ["hash": ["algorithm": "sha256", "value": .string(Hex.encode(digest))]],
                "signature": ["content": .string(Base64Text.encode(signature)),
                              "publicKey": ["content": .string(Base64Text.encode(Array(certificatePEM.utf8)))]],
            ],
        ]
    }
}

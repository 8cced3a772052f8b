import TollgateModel

/// The content digest of an SBOM document, the same whether it arrives as a file or as the
/// predicate of an attestation: SHA-256 of the JSON re-encoded compactly with sorted keys (so a
/// pretty-printed file and the predicate an envelope carries agree), or of the raw bytes for XML
/// and tag-value documents. A scan attestation names the SBOM it scanned by this digest.
public enum SBOMDigest {
    public static func of(_ bytes: [UInt8]) -> Digest {
        if let value = try? JSONValue.parse(bytes), case .object = value {
            return of(json: value)
        }
        return DigestAlgorithm.sha256.hash(bytes)
    }

    public static func of(json value: JSONValue) -> Digest {
        of(encoded: value.encodedBytes())
    }

    /// The digest of a document already encoded by `JSONValue.encodedBytes()` (so a caller that
    /// needs those bytes anyway encodes once).
    public static func of(encoded bytes: [UInt8]) -> Digest {
        DigestAlgorithm.sha256.hash(bytes)
    }
}

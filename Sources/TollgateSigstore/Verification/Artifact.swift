import Crypto

/// The artifact a bundle is checked against: its bytes, or only its SHA-256 digest
/// (`sha256:<hex>` on the command line). `filename` is what a PEP 740 subject must name.
public struct Artifact: Sendable {
    public let sha256: [UInt8]
    /// The bytes, when known; needed only for non-ECDSA managed keys (Ed25519 cannot prehash).
    public let bytes: [UInt8]?
    public let filename: String?

    public init(bytes: [UInt8], filename: String? = nil) {
        self.sha256 = Array(SHA256.hash(data: bytes))
        self.bytes = bytes
        self.filename = filename
    }

    /// An artifact known only by digest.
    public init(sha256: [UInt8], filename: String? = nil) throws(SigstoreError) {
        guard sha256.count == 32 else {
            throw SigstoreError(.invalidArtifact, "a SHA-256 digest is 32 bytes; got \(sha256.count)")
        }
        self.sha256 = sha256
        self.bytes = nil
        self.filename = filename
    }

    /// Parses `sha256:<64 hex>`.
    public init(digestString: String) throws(SigstoreError) {
        guard digestString.hasPrefix("sha256:"), let bytes = Hex.decode(digestString.dropFirst(7)), bytes.count == 32 else {
            throw SigstoreError(.invalidArtifact, "expected sha256:<64 hex digits>, got \"\(digestString.prefix(80))\"")
        }
        try self.init(sha256: bytes)
    }
}

import TollgateModel

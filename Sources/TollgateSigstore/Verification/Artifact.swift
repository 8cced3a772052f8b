import TollgateModel

/// The artifact a bundle is checked against: its bytes, or one digest of it (`sha256:<hex>`,
/// `sha384:<hex>` or `sha512:<hex>` on the command line). npm subjects, for example, carry only
/// `sha512`. `filename` is what a PEP 740 subject must name.
public struct Artifact: Sendable {
    /// The digest given (or, for bytes, the SHA-256 computed at once: every message signature needs it).
    private let known: TollgateModel.Digest
    /// The bytes, when known: every accepted digest can then be computed, and non-ECDSA managed
    /// keys (Ed25519 cannot prehash) can verify.
    public let bytes: [UInt8]?
    public let filename: String?

    /// The algorithms Tollgate accepts for artifact digests.
    public static let acceptedAlgorithms: [DigestAlgorithm] = [.sha256, .sha384, .sha512]

    public init(bytes: [UInt8], filename: String? = nil) {
        self.known = DigestAlgorithm.sha256.hash(bytes)
        self.bytes = bytes
        self.filename = filename
    }

    /// An artifact known only by one digest.
    public init(digest: TollgateModel.Digest, filename: String? = nil) {
        self.known = digest
        self.bytes = nil
        self.filename = filename
    }

    /// An artifact known only by its SHA-256 digest.
    public init(sha256: [UInt8], filename: String? = nil) throws(SigstoreError) {
        guard sha256.count == 32 else {
            throw SigstoreError(.invalidArtifact, "a SHA-256 digest is 32 bytes; got \(sha256.count)")
        }
        try self.init(algorithm: .sha256, digest: sha256, filename: filename)
    }

    /// An artifact known only by a digest in one of ``acceptedAlgorithms``.
    public init(algorithm: DigestAlgorithm, digest: [UInt8], filename: String? = nil) throws(SigstoreError) {
        do {
            self.init(digest: try TollgateModel.Digest(algorithm: algorithm, bytes: digest), filename: filename)
        } catch {
            throw SigstoreError(.invalidArtifact, error.reason)
        }
    }

    /// Parses `sha256:<64 hex>`, `sha384:<96 hex>` or `sha512:<128 hex>`.
    public init(digestString: String) throws(SigstoreError) {
        guard Self.isDigestString(digestString) else {
            throw SigstoreError(.invalidArtifact, "expected sha256:, sha384: or sha512: and hex digits, got \"\(digestString.prefix(80))\"")
        }
        do {
            self.init(digest: try TollgateModel.Digest(parsing: digestString))
        } catch {
            throw SigstoreError(.invalidArtifact, "\"\(digestString.prefix(80))\" is not a digest: \(error.reason)")
        }
    }

    /// True when `text` names a digest (`sha256:`, `sha384:` or `sha512:` prefix) rather than a file.
    public static func isDigestString(_ text: String) -> Bool {
        acceptedAlgorithms.contains { text.hasPrefix($0.rawValue + ":") }
    }

    /// The SHA-256 digest, when known (always, when the bytes are).
    public var sha256: [UInt8]? { digest(.sha256) }

    /// The digest under `algorithm`: computed from the bytes when they are known, otherwise only
    /// the one digest given.
    public func digest(_ algorithm: DigestAlgorithm) -> [UInt8]? {
        if known.algorithm == algorithm { return known.bytes }
        return bytes.map { algorithm.hash($0).bytes }
    }

    /// The digests a message can name: every accepted algorithm with bytes, else the one given.
    var availableAlgorithms: [DigestAlgorithm] {
        bytes == nil ? [known.algorithm] : Self.acceptedAlgorithms
    }

    /// `algorithm:hex` of the digest given (SHA-256 for bytes), for messages.
    public var digestDescription: String { known.description }
}

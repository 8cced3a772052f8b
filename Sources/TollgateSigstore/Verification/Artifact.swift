import TollgateModel

/// The artifact a bundle is checked against: its bytes, or one digest of it (`sha256:<hex>`,
/// `sha384:<hex>` or `sha512:<hex>` on the command line). npm subjects, for example, carry only
/// `sha512`. `filename` is what a PEP 740 subject must name. A statement about source (a source audit)
/// is about a Git commit instead: its in-toto subject digest is `gitCommit`, and only a DSSE bundle can
/// be about one.
public struct Artifact: Sendable {
    /// The digest given (or, for bytes, the SHA-256 computed at once: every message signature needs it);
    /// nil for a Git commit.
    private let known: TollgateModel.Digest?
    /// The Git commit id (lowercase hex), when the artifact is a commit.
    public let gitCommit: String?
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
        gitCommit = nil
    }

    /// An artifact known only by one digest.
    public init(digest: TollgateModel.Digest, filename: String? = nil) {
        self.known = digest
        self.bytes = nil
        self.filename = filename
        gitCommit = nil
    }

    /// A Git commit, by its full id (40 hex digits, or 64 in a SHA-256 repository): a DSSE bundle is
    /// about it when one in-toto subject has the digest `gitCommit` with this id.
    public init(gitCommit: String) throws(SigstoreError) {
        let id = gitCommit.lowercased()
        guard [40, 64].contains(id.count), Hex.decode(id) != nil else {
            throw SigstoreError(.invalidArtifact, "a Git commit id is 40 or 64 hex digits, not \"\(gitCommit.prefix(80))\"")
        }
        known = nil
        bytes = nil
        filename = nil
        self.gitCommit = id
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
        if let known, known.algorithm == algorithm { return known.bytes }
        return bytes.map { algorithm.hash($0).bytes }
    }

    /// The digests a message can name: every accepted algorithm with bytes, else the one given.
    var availableAlgorithms: [DigestAlgorithm] {
        bytes == nil ? known.map { [$0.algorithm] } ?? [] : Self.acceptedAlgorithms
    }

    /// `algorithm:hex` of the digest given (SHA-256 for bytes), for messages.
    public var digestDescription: String { known?.description ?? "gitCommit:\(gitCommit ?? "")" }
}

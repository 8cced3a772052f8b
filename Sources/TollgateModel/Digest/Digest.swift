/// A content digest such as `sha256:9f86…`. The bytes always have the algorithm's length.
public struct Digest: Sendable, Hashable, Codable, CustomStringConvertible {
    public let algorithm: DigestAlgorithm
    public let bytes: [UInt8]

    /// Builds a digest, checking the length against the algorithm.
    public init(algorithm: DigestAlgorithm, bytes: [UInt8]) throws(ModelError) {
        guard bytes.count == algorithm.byteCount else {
            throw ModelError(.invalidDigest,
                             "a \(algorithm.rawValue) digest has \(algorithm.byteCount) bytes, found \(bytes.count)")
        }
        self.algorithm = algorithm
        self.bytes = bytes
    }

    init(algorithm: DigestAlgorithm, uncheckedBytes: [UInt8]) {
        self.algorithm = algorithm
        self.bytes = uncheckedBytes
    }

    /// Parses `algorithm:hex`, e.g. `sha256:e3b0…`.
    public init(parsing text: String) throws(ModelError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw ModelError(.invalidDigest, "expected ALGORITHM:HEX such as sha256:…, found '\(text.prefix(80))'")
        }
        let name = String(text[..<colon])
        guard let algorithm = DigestAlgorithm(name: name) else {
            throw ModelError(.unsupportedAlgorithm,
                             "digest algorithm '\(name.prefix(32))' is not accepted; expected sha256, sha384 or sha512")
        }
        try self.init(algorithm: algorithm, hex: String(text[text.index(after: colon)...]))
    }

    /// Parses a hex digest for a known algorithm.
    public init(algorithm: DigestAlgorithm, hex: String) throws(ModelError) {
        guard let bytes = Hex.decode(hex) else {
            throw ModelError(.invalidDigest, "digest is not hex: '\(hex.prefix(80))'")
        }
        try self.init(algorithm: algorithm, bytes: bytes)
    }

    /// Lowercase hex of the digest bytes.
    public var hex: String { Hex.encode(bytes) }

    /// `algorithm:hex`.
    public var description: String { "\(algorithm.rawValue):\(hex)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Digest(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A statement subject (in-toto ResourceDescriptor, restricted to `name` and `digest`).
///
/// Spec: <https://github.com/in-toto/attestation/blob/main/spec/v1/resource_descriptor.md>
public struct InTotoSubject: Sendable, Hashable, Codable {
    public var name: String
    /// Algorithm name (`sha256`, `sha512`, `gitCommit`, ...) → lowercase hex.
    public var digest: [String: String]

    public init(name: String, digest: [String: String]) {
        self.name = name
        self.digest = digest
    }

    /// A subject naming `digest` under its algorithm name.
    public init(name: String, digest: Digest) {
        self.init(name: name, digest: [digest.algorithm.rawValue: digest.hex])
    }

    /// True when this subject lists `digest`'s algorithm with the same value (hex compared
    /// case-insensitively, as the spec permits either case on read).
    public func matches(_ digest: Digest) -> Bool {
        for (name, value) in self.digest where DigestAlgorithm(name: name) == digest.algorithm {
            if let bytes = Hex.decode(value), bytes == digest.bytes { return true }
        }
        return false
    }

    private enum CodingKeys: String, CodingKey { case name, digest }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        digest = try container.decodeIfPresent([String: String].self, forKey: .digest) ?? [:]
    }
}

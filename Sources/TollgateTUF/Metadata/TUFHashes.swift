import TollgateModel

/// The `hashes` of a METAFILE or TARGETFILE (spec §4.4, §4.5): algorithm name → hex digest.
///
/// Every listed algorithm the client knows (`sha256`, `sha384`, `sha512`) must match. Names it does
/// not know are skipped when a known one is listed too; a file listed under unknown algorithms
/// alone is refused (`tuf.unknown-hash-algorithm`), since nothing about it could be checked.
public struct TUFHashes: Sendable, Hashable {
    public let values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    /// The algorithm names TUF writes, mapped to the client's digests (exact names only).
    static func algorithm(_ name: String) -> DigestAlgorithm? {
        switch name {
        case "sha256": .sha256
        case "sha384": .sha384
        case "sha512": .sha512
        default: nil
        }
    }

    /// The hex digest used to name a consistent-snapshot target (`HASH.FILENAME`): a known
    /// algorithm's, preferring sha256.
    public var preferredHex: String? {
        for name in ["sha256", "sha512", "sha384"] { if let hex = values[name] { return hex } }
        return nil
    }

    /// Throws unless every known algorithm's digest of `bytes` matches and at least one is known.
    public func verify(_ bytes: [UInt8], what: String) throws(TUFError) {
        var checked = 0
        for (name, expected) in values.sorted(by: { $0.key < $1.key }) {
            guard let algorithm = Self.algorithm(name) else { continue }
            let actual = algorithm.hash(bytes).hex
            guard actual == expected.lowercased() else {
                throw TUFError(.lengthOrHashMismatch, "\(what) has \(name) \(actual.prefix(16))…, expected \(expected.prefix(16))…")
            }
            checked += 1
        }
        guard checked > 0 else {
            throw TUFError(.unknownHashAlgorithm,
                           "\(what) lists only hash algorithms this client does not know (\(values.keys.sorted().joined(separator: ", ").prefix(80))); expected sha256, sha384 or sha512")
        }
    }
}

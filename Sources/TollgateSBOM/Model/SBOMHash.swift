import Foundation
import TollgateModel

/// A hash of a component's artifact, with the algorithm named as CycloneDX names it
/// (`SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`, `SHA3-256`, `MD5`, `BLAKE2b-256`, ...).
public struct SBOMHash: Sendable, Hashable, Codable, Comparable {
    /// CycloneDX hash algorithm name.
    public var algorithm: String
    /// Lowercase hex digest.
    public var value: String

    public init(algorithm: String, value: String) {
        self.algorithm = algorithm
        self.value = value.lowercased()
    }

    public static func < (lhs: SBOMHash, rhs: SBOMHash) -> Bool {
        (lhs.algorithm, lhs.value) < (rhs.algorithm, rhs.value)
    }

    /// Maps algorithm spellings used by lockfiles and SPDX (`sha256`, `SHA256`, `sha-512`) to the
    /// CycloneDX names; returns `nil` for algorithms CycloneDX cannot express.
    public static func cycloneDXName(_ raw: String) -> String? {
        // The spelling CycloneDX documents use (almost every SBOM) needs no normalising.
        switch raw {
        case "SHA-256", "SHA-1", "SHA-512", "SHA-384", "MD5", "SHA3-256", "SHA3-384", "SHA3-512", "BLAKE3": return raw
        default: break
        }
        let key = raw.uppercased().replacingOccurrences(of: "_", with: "-")
        switch key {
        case "MD5": return "MD5"
        case "SHA1", "SHA-1": return "SHA-1"
        case "SHA256", "SHA-256": return "SHA-256"
        case "SHA384", "SHA-384": return "SHA-384"
        case "SHA512", "SHA-512": return "SHA-512"
        case "SHA3-256": return "SHA3-256"
        case "SHA3-384": return "SHA3-384"
        case "SHA3-512": return "SHA3-512"
        case "BLAKE2B-256": return "BLAKE2b-256"
        case "BLAKE2B-384": return "BLAKE2b-384"
        case "BLAKE2B-512": return "BLAKE2b-512"
        case "BLAKE3": return "BLAKE3"
        default: return nil
        }
    }

    /// The SPDX 2.3 checksum algorithm name for a CycloneDX name.
    public var spdxAlgorithm: String? {
        switch algorithm {
        case "MD5": "MD5"
        case "SHA-1": "SHA1"
        case "SHA-256": "SHA256"
        case "SHA-384": "SHA384"
        case "SHA-512": "SHA512"
        case "SHA3-256": "SHA3-256"
        case "SHA3-384": "SHA3-384"
        case "SHA3-512": "SHA3-512"
        case "BLAKE2b-256": "BLAKE2b-256"
        case "BLAKE2b-384": "BLAKE2b-384"
        case "BLAKE2b-512": "BLAKE2b-512"
        case "BLAKE3": "BLAKE3"
        default: nil
        }
    }

    /// Parses a Subresource Integrity string (`sha512-<base64>`, as npm and pnpm write).
    public static func fromIntegrity(_ integrity: String) -> [SBOMHash] {
        var hashes: [SBOMHash] = []
        for token in integrity.split(separator: " ") {
            guard let dash = token.firstIndex(of: "-") else { continue }
            let algorithm = String(token[..<dash])
            guard let name = cycloneDXName(algorithm),
                  let bytes = Base64Text.decode(token[token.index(after: dash)...]) else { continue }
            hashes.append(SBOMHash(algorithm: name, value: Hex.encode(bytes)))
        }
        return hashes
    }

    /// Parses `algorithm:hex` (pip `--hash=sha256:...`, uv, poetry, Pipfile.lock).
    public static func fromPrefixed(_ text: String) -> SBOMHash? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let value = text[text.index(after: colon)...]
        guard let name = cycloneDXName(String(text[..<colon])),
              value.count == hexLength(name), value.allSatisfy({ $0.isHexDigit }) else { return nil }
        return SBOMHash(algorithm: name, value: String(value))
    }

    /// The hex length of a digest, so a truncated or bogus value is not recorded as a hash.
    static func hexLength(_ algorithm: String) -> Int? {
        switch algorithm {
        case "MD5": 32
        case "SHA-1": 40
        case "SHA-256", "SHA3-256", "BLAKE2b-256", "BLAKE3": 64
        case "SHA-384", "SHA3-384", "BLAKE2b-384": 96
        case "SHA-512", "SHA3-512", "BLAKE2b-512": 128
        default: nil
        }
    }
}

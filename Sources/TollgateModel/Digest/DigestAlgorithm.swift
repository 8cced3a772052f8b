import Crypto

/// A hash algorithm Tollgate accepts for artifact digests. SHA-1 and MD5 are never accepted.
public enum DigestAlgorithm: String, Sendable, Codable, CaseIterable, Hashable {
    case sha256
    case sha384
    case sha512

    /// Length of the digest in bytes.
    public var byteCount: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// Parses a name as written in digests, in-toto subjects and Sigstore bundles
    /// (`sha256`, `SHA2_256`, `sha2-256`, ...). Returns `nil` for anything else, including SHA-1.
    public init?(name: String) {
        switch name.lowercased() {
        case "sha256", "sha2_256", "sha2-256", "sha-256": self = .sha256
        case "sha384", "sha2_384", "sha2-384", "sha-384": self = .sha384
        case "sha512", "sha2_512", "sha2-512", "sha-512": self = .sha512
        default: return nil
        }
    }

    /// Hashes `bytes` in one call.
    public func hash<Bytes: DataProtocol>(_ bytes: Bytes) -> Digest {
        var hasher = StreamingHasher(self)
        hasher.update(bytes)
        return hasher.finalize()
    }
}

import Foundation

/// An incremental hasher over one of the accepted algorithms.
public struct StreamingHasher: Sendable {
    private enum State: Sendable {
        case sha256(SHA256)
        case sha384(SHA384)
        case sha512(SHA512)
    }

    private var state: State
    /// The algorithm this hasher computes.
    public let algorithm: DigestAlgorithm

    public init(_ algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .sha256: state = .sha256(SHA256())
        case .sha384: state = .sha384(SHA384())
        case .sha512: state = .sha512(SHA512())
        }
    }

    public mutating func update<Bytes: DataProtocol>(_ bytes: Bytes) {
        switch state {
        case .sha256(var h): h.update(data: bytes); state = .sha256(h)
        case .sha384(var h): h.update(data: bytes); state = .sha384(h)
        case .sha512(var h): h.update(data: bytes); state = .sha512(h)
        }
    }

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        switch state {
        case .sha256(var h): h.update(bufferPointer: bufferPointer); state = .sha256(h)
        case .sha384(var h): h.update(bufferPointer: bufferPointer); state = .sha384(h)
        case .sha512(var h): h.update(bufferPointer: bufferPointer); state = .sha512(h)
        }
    }

    public func finalize() -> Digest {
        let bytes: [UInt8]
        switch state {
        case .sha256(let h): bytes = Array(h.finalize())
        case .sha384(let h): bytes = Array(h.finalize())
        case .sha512(let h): bytes = Array(h.finalize())
        }
        return Digest(algorithm: algorithm, uncheckedBytes: bytes)
    }
}

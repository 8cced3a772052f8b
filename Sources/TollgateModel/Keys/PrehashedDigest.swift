import Crypto

/// Wraps digest bytes computed elsewhere (for example a Sigstore hashedrekord's `sha256:<hex>`) so
/// swift-crypto's ECDSA can verify them without rehashing. ECDSA only reads the bytes, so the
/// length is carried by the phantom `Size`.
public struct PrehashedDigest<Size: PrehashedDigestSize>: Crypto.Digest {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public static var byteCount: Int { Size.byteCount }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    public func makeIterator() -> Array<UInt8>.Iterator { bytes.makeIterator() }

    public var description: String { "prehashed: \(Hex.encode(bytes))" }
}

/// The digest length a `PrehashedDigest` claims.
public protocol PrehashedDigestSize: Sendable, Hashable { static var byteCount: Int { get } }
public enum PrehashedSize32: PrehashedDigestSize { public static var byteCount: Int { 32 } }
public enum PrehashedSize48: PrehashedDigestSize { public static var byteCount: Int { 48 } }
public enum PrehashedSize64: PrehashedDigestSize { public static var byteCount: Int { 64 } }

import Crypto

/// Wraps digest bytes computed elsewhere (for example a Sigstore hashedrekord's `sha256:<hex>`) so
/// swift-crypto's ECDSA can verify them without rehashing. ECDSA only reads the bytes, so the
/// length is carried by the phantom `Size`.
struct PrehashedDigest<Size: PrehashedDigestSize>: Crypto.Digest {
    let bytes: [UInt8]

    static var byteCount: Int { Size.byteCount }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    func makeIterator() -> Array<UInt8>.Iterator { bytes.makeIterator() }

    var description: String { "prehashed: \(Hex.encode(bytes))" }
}

/// The digest length a `PrehashedDigest` claims.
protocol PrehashedDigestSize: Sendable, Hashable { static var byteCount: Int { get } }
enum PrehashedSize32: PrehashedDigestSize { static var byteCount: Int { 32 } }
enum PrehashedSize48: PrehashedDigestSize { static var byteCount: Int { 48 } }
enum PrehashedSize64: PrehashedDigestSize { static var byteCount: Int { 64 } }

import Crypto

/// A digest computed elsewhere (the artifact was given as `sha256:<hex>`, or was hashed while
/// streaming) handed to swift-crypto's ECDSA `isValidSignature(_:for:)`, which takes any `Digest`.
/// Named distinctly from `TollgateModel.Digest` on purpose.
struct PrehashedDigest: Crypto.Digest {
    static var byteCount: Int { 64 }
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }

    var description: String { "PrehashedDigest(\(bytes.count) bytes)" }
}

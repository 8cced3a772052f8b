/// A METAFILE entry of timestamp or snapshot `meta` (spec §4.4): the version of a metadata file and,
/// optionally, its length and hashes.
public struct TUFMetaFile: Sendable, Hashable {
    public let version: Int
    public let length: Int?
    public let hashes: TUFHashes?

    init(_ fields: TUFFields) throws(TUFError) {
        version = try fields.integer("version", minimum: 1)
        length = try fields.optionalInteger("length", minimum: 0)
        if fields.has("hashes") {
            let map = try fields.stringMap("hashes")
            guard !map.isEmpty else { throw TUFError(.malformed, "\(fields.context).hashes must not be empty") }
            hashes = TUFHashes(map)
        } else {
            hashes = nil
        }
    }

    /// Spec §5.5.2 / §5.6.2: the bytes must have the listed length and hashes, when listed.
    public func verify(_ bytes: [UInt8], what: String) throws(TUFError) {
        if let length, bytes.count != length {
            throw TUFError(.lengthOrHashMismatch, "\(what) is \(bytes.count) bytes, expected \(length)")
        }
        try hashes?.verify(bytes, what: what)
    }
}

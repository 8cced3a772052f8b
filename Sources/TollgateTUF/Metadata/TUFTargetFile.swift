import TollgateModel

/// A TARGETFILE entry (spec §4.5): a target path's length, hashes and custom data.
public struct TUFTargetFile: Sendable, Hashable {
    /// The target path as listed.
    public let path: String
    public let length: Int
    public let hashes: TUFHashes
    public let custom: JSONValue?

    init(path: String, _ fields: TUFFields) throws(TUFError) {
        self.path = path
        length = try fields.integer("length", minimum: 0)
        let map = try fields.stringMap("hashes")
        guard !map.isEmpty else { throw TUFError(.malformed, "\(fields.context).hashes must not be empty") }
        hashes = TUFHashes(map)
        custom = fields.object["custom"]
    }

    /// Spec §5.7.3: the downloaded bytes must have the listed length and hashes.
    public func verify(_ bytes: [UInt8]) throws(TUFError) {
        guard bytes.count == length else {
            throw TUFError(.lengthOrHashMismatch, "target '\(path.prefix(120))' is \(bytes.count) bytes, expected \(length)")
        }
        try hashes.verify(bytes, what: "target '\(path.prefix(120))'")
    }
}

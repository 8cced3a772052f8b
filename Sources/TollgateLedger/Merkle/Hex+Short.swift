import TollgateModel

extension Hex {
    /// The first 8 bytes of a hash in hex, for reasons shown to people.
    static func short(_ bytes: [UInt8]) -> String {
        bytes.count > 8 ? Hex.encode(bytes.prefix(8)) + "…" : Hex.encode(bytes)
    }
}

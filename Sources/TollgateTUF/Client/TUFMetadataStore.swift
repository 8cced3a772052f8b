/// Where the client keeps the metadata it trusts: each role under its non-versioned name, as the
/// exact bytes received (spec §5.3.8: "persist root metadata", likewise for every role).
public protocol TUFMetadataStore: Sendable {
    /// The stored bytes of `role`, or `nil` when there are none. At most `maxLength` bytes are read.
    func load(role: String, maxLength: Int) throws -> [UInt8]?
    /// Replaces `role`'s bytes atomically.
    func store(role: String, bytes: [UInt8]) throws
    /// Removes `role`'s bytes, if any.
    func remove(role: String) throws
}

/// Where tiles are read from: a directory (`TileDirectory`) or, in the server, an HTTP prefix.
public protocol TileSource: Sendable {
    /// The bytes at `path` (relative to the log prefix), or nil when absent.
    func read(_ path: String) async throws -> [UInt8]?
}

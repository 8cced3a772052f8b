import Foundation

/// One evidence file handed to the collector: its name (for messages) and its bytes.
public struct EvidenceInput: Sendable {
    public var name: String
    public var bytes: [UInt8]
    /// The file's modification time (a scan report without its own timestamp is dated by it).
    public var modified: Date?

    public init(name: String, bytes: [UInt8], modified: Date? = nil) {
        self.name = name
        self.bytes = bytes
        self.modified = modified
    }
}

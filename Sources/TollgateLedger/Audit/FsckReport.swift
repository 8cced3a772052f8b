/// The result of `LedgerChecker.check`: counts and, when the store is damaged, the first bad
/// index and what is wrong there.
public struct FsckReport: Sendable, Equatable, Codable {
    public let schemaVersion: String
    /// Size of the log according to its head.
    public let size: UInt64
    public let entriesChecked: UInt64
    public let nodesChecked: UInt64
    public let checkpointsChecked: Int
    /// The first entry index at which the stored data disagrees with a recomputation.
    public let firstBadIndex: UInt64?
    /// What is wrong at `firstBadIndex` (or with the head or a checkpoint), expected vs actual.
    public let problem: String?

    public var isHealthy: Bool { problem == nil }
}

import Testing

/// The suites that run commands in the shared `CommandWorld` run one test at a time: the commands
/// are separate processes working on the same data directory (advisories, ledger, keys), and the
/// tests expect each other's state in order. (Opening one SQLite file from several processes at once
/// is itself safe: `ConcurrentOpenTests`.)
@Suite("commands in the shared world", .serialized)
enum CommandWorldSuite {}

import Testing

/// The suites that run commands in the shared `CommandWorld` run one test at a time: the commands
/// are separate processes opening the same SQLite files (advisories, ledger), and two of them
/// preparing the advisory database at once can meet "database is locked" (store.io, exit 4).
@Suite("commands in the shared world", .serialized)
enum CommandWorldSuite {}

import Foundation
import GRDB
import TollgateModel
import TollgateStore

/// Opens SQLite databases the way Tollgate's durable stores need them: WAL journal (readers never
/// block the writer), `synchronous = FULL` (a commit is on disk when it returns, so an
/// acknowledged write survives a crash or power loss), and a busy timeout so several processes
/// can share one file.
public enum SQLiteDatabase {
    /// How long a writer waits for another process's write lock before failing.
    public static let busyTimeout: TimeInterval = 60

    /// Opens (creating if needed) a WAL database pool at `path`.
    public static func openPool(path: String, durable: Bool = true) throws(StoreError) -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            // A bounded page cache per connection (64 MiB) keeps the upper levels of the node
            // index in memory, so a proof's few dozen lookups rarely reach the OS; memory stays
            // bounded however large the log grows.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            return try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.unavailable, "cannot open the SQLite database '\(path)': \(ErrorText.describe(error))")
        }
    }

    /// Runs `sql` (`CREATE TABLE IF NOT EXISTS …`) in one write transaction: a store's `prepare()`.
    public static func createTables(in pool: DatabasePool, _ sql: String, path: String, what: String) async throws {
        do {
            try await pool.write { db in try db.execute(sql: sql) }
        } catch {
            throw storeError(error, "cannot create the \(what) schema in '\(path)'")
        }
    }

    /// Maps a GRDB or SQLite error to a `StoreError`.
    static func storeError(_ error: any Error, _ context: String) -> any Error {
        // Errors raised by Tollgate code inside a transaction (the ledger's integrator) pass through.
        if error is any TollgateError { return error }
        return StoreError(.io, "\(context): \(ErrorText.describe(error))")
    }
}

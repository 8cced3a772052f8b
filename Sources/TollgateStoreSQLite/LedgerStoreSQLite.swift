import Foundation
import GRDB
import GRDBSQLite
import TollgateModel
import TollgateStore

/// The SQLite (GRDB) implementation of `LedgerStore`: one file in WAL mode with
/// `synchronous = FULL`, so `integrate` returns only after the batch is on disk.
///
/// Each batch runs in a `BEGIN IMMEDIATE` transaction that reads the head, so several processes
/// appending to one file are serialized by SQLite's write lock and never fork the tree.
public final class LedgerStoreSQLite: LedgerStore {
    private let pool: DatabasePool
    /// The file path.
    public let path: String

    /// The file name used inside a data directory (`--data DIR`).
    public static let defaultFileName = "ledger.sqlite"

    /// Opens (creating if needed) the ledger database at `path`.
    public init(path: String) throws(StoreError) {
        self.path = path
        pool = try SQLiteDatabase.openPool(path: path, durable: true)
    }

    public func prepare() async throws {
        try await SQLiteDatabase.createTables(in: pool, """
            CREATE TABLE IF NOT EXISTS ledger_entry (idx INTEGER PRIMARY KEY, data BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS ledger_node (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS ledger_head (
                id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, frontier BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS ledger_checkpoint (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS ledger_blob (digest TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
            INSERT OR IGNORE INTO ledger_head (id, size, frontier) VALUES (1, 0, x'');
            """, path: path, what: "ledger")
    }

    public func head() async throws -> LedgerHead {
        do {
            return try await pool.read { db in try Self.readHead(db) }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the ledger head")
        }
    }

    private static func readHead(_ db: Database) throws -> LedgerHead {
        guard let row = try Row.fetchOne(db, sql: "SELECT size, frontier FROM ledger_head WHERE id = 1") else {
            throw StoreError(.corrupt, "the ledger head row is missing; run `tollgate ledger init`")
        }
        let size: Int64 = row[0]
        let frontier: Data = row[1] ?? Data()
        guard size >= 0 else { throw StoreError(.corrupt, "the ledger head size is negative (\(size))") }
        return LedgerHead(size: UInt64(size), frontier: Array(frontier))
    }

    public func integrate(using integrator: LedgerIntegrator) async throws -> (first: UInt64, integration: LedgerIntegration) {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: (first: UInt64, integration: LedgerIntegration)? = nil
                // IMMEDIATE takes the write lock before reading the head, so two processes cannot
                // both extend the same head (nor stamp a time before the other's last entry).
                try db.inTransaction(.immediate) {
                    let head = try Self.readHead(db)
                    let integration = try integrator(head, try Self.lastEntry(db, head))
                    result = (head.size, integration)
                    guard !integration.leaves.isEmpty else { return .commit }
                    // Rows are bound straight through the SQLite C API: at tens of thousands of rows
                    // per second, building GRDB argument arrays is most of the cost.
                    let entry = try db.cachedStatement(sql: "INSERT INTO ledger_entry (idx, data) VALUES (?, ?)")
                    for (offset, leaf) in integration.leaves.enumerated() {
                        try leaf.data.withUnsafeBytes { bytes in
                            try Self.insert(entry, db, Int64(head.size) + Int64(offset), bytes)
                        }
                    }
                    let node = try db.cachedStatement(sql: "INSERT INTO ledger_node (id, hash) VALUES (?, ?)")
                    for (id, hash) in integration.nodes {
                        try hash.withUnsafeBytes { bytes in try Self.insert(node, db, id.packed, bytes) }
                    }
                    try db.execute(sql: "UPDATE ledger_head SET size = ?, frontier = ? WHERE id = 1",
                                   arguments: [Int64(integration.head.size), Data(integration.head.frontier)])
                    return .commit
                }
                guard let result else { throw StoreError(.io, "the append transaction ended without integrating") }
                return result
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot append to the ledger")
        }
    }

    /// The entry at `head.size - 1` (nil for an empty log), read in the writer's transaction.
    private static func lastEntry(_ db: Database, _ head: LedgerHead) throws -> Data? {
        guard head.size > 0 else { return nil }
        guard let data = try Data.fetchOne(db, sql: "SELECT data FROM ledger_entry WHERE idx = ?",
                                           arguments: [Int64(head.size - 1)]) else {
            throw StoreError(.corrupt, "the ledger head counts \(head.size) entries but entry \(head.size - 1) is missing; run `tollgate ledger fsck`")
        }
        return data
    }

    /// Binds `(key, blob)` to a prepared two-parameter INSERT and steps it. The blob is bound
    /// without copying (SQLITE_STATIC), which is safe because the statement is stepped and reset
    /// before `bytes` goes out of scope.
    private static func insert(_ statement: Statement, _ db: Database, _ key: Int64, _ bytes: UnsafeRawBufferPointer) throws {
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        guard sqlite3_bind_int64(handle, 1, key) == SQLITE_OK,
              sqlite3_bind_blob(handle, 2, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), nil) == SQLITE_OK,
              sqlite3_step(handle) == SQLITE_DONE else {
            throw StoreError(.io, "cannot insert row \(key): \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
        }
    }

    public func entries(in range: Range<UInt64>) async throws -> [Data] {
        guard !range.isEmpty else { return [] }
        do {
            return try await pool.read { db in
                try Data.fetchAll(db, sql: "SELECT data FROM ledger_entry WHERE idx >= ? AND idx < ? ORDER BY idx",
                                  arguments: [Int64(clamping: range.lowerBound), Int64(clamping: range.upperBound)])
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read ledger entries")
        }
    }

    public func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]] {
        guard !ids.isEmpty else { return [:] }
        do {
            return try await pool.read { db in try Self.readNodes(db, ids) }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read ledger nodes")
        }
    }

    public func sizeAndNodes(_ ids: [LedgerNodeID]) async throws -> (size: UInt64, nodes: [LedgerNodeID: [UInt8]]) {
        do {
            // One read transaction: the head and the nodes come from the same snapshot. Never GRDB's
            // synchronous read here: it blocks a cooperative thread until a reader is free, while the
            // asynchronous reads holding the readers wait for a cooperative thread to give them back.
            // With a thread per core that deadlocked a server under concurrent decisions.
            return try await pool.read { db in (try Self.readHead(db).size, try Self.readNodes(db, ids)) }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read ledger nodes")
        }
    }

    /// Looks the nodes up through one cached `IN (…)` statement per list length (proofs reuse a
    /// handful of lengths), binding and reading columns through the C API.
    private static func readNodes(_ db: Database, _ ids: [LedgerNodeID]) throws -> [LedgerNodeID: [UInt8]] {
        var out: [LedgerNodeID: [UInt8]] = [:]
        out.reserveCapacity(ids.count)
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let statement = try db.cachedStatement(sql: "SELECT id, hash FROM ledger_node WHERE id IN (\(placeholders))")
            let handle = statement.sqliteStatement
            defer {
                sqlite3_reset(handle)
                sqlite3_clear_bindings(handle)
            }
            for (position, id) in chunk.enumerated() where sqlite3_bind_int64(handle, Int32(position + 1), id.packed) != SQLITE_OK {
                throw StoreError(.io, "cannot bind node \(id): \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            var code = sqlite3_step(handle)
            while code == SQLITE_ROW {
                let id = LedgerNodeID(packed: sqlite3_column_int64(handle, 0))
                let count = Int(sqlite3_column_bytes(handle, 1))
                if let bytes = sqlite3_column_blob(handle, 1) {
                    out[id] = Array(UnsafeRawBufferPointer(start: bytes, count: count))
                } else {
                    out[id] = []
                }
                code = sqlite3_step(handle)
            }
            guard code == SQLITE_DONE else {
                throw StoreError(.io, "cannot read ledger nodes: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            start += 500
        }
        return out
    }

    public func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws {
        do {
            try await pool.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO ledger_checkpoint (size, note) VALUES (?, ?)",
                               arguments: [Int64(checkpoint.size), checkpoint.note])
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot store a checkpoint")
        }
    }

    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        do {
            return try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT size, note FROM ledger_checkpoint ORDER BY size DESC LIMIT 1")
                    .map { StoredCheckpoint(size: UInt64(max(0, $0[0] as Int64)), note: $0[1]) }
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read checkpoints")
        }
    }

    public func checkpoints(in range: ClosedRange<UInt64>) async throws -> [StoredCheckpoint] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT size, note FROM ledger_checkpoint WHERE size >= ? AND size <= ? ORDER BY size",
                                 arguments: [Int64(clamping: range.lowerBound), Int64(clamping: range.upperBound)])
                    .map { StoredCheckpoint(size: UInt64(max(0, $0[0] as Int64)), note: $0[1]) }
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read checkpoints")
        }
    }

    public func putBlob(digest: String, data: Data) async throws {
        do {
            try await pool.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO ledger_blob (digest, data) VALUES (?, ?)", arguments: [digest, data])
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot store blob \(digest)")
        }
    }

    public func blob(digest: String) async throws -> Data? {
        do {
            return try await pool.read { db in
                try Data.fetchOne(db, sql: "SELECT data FROM ledger_blob WHERE digest = ?", arguments: [digest])
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read blob \(digest)")
        }
    }
}

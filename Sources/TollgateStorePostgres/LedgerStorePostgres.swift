import Foundation
import NIOCore
import PostgresNIO
import TollgateModel
import TollgateStore

/// The PostgreSQL implementation of `LedgerStore`, for several Tollgate processes sharing one log.
///
/// Tables live in one schema (default `public`; tests use a schema each). A batch runs in one
/// transaction that locks the head row (`SELECT … FOR UPDATE`), so concurrent writers in any
/// process are serialized and never fork the tree; `integrate` returns after `COMMIT`, which is
/// durable with the default `synchronous_commit = on`. Entries and nodes are inserted with
/// `unnest` over arrays, one statement per table per batch.
public final class LedgerStorePostgres: LedgerStore {
    /// The connection pool (tests use it to corrupt rows on purpose).
    public let database: PostgresDatabase
    /// The schema holding the ledger tables.
    public let schema: String

    /// Connects lazily to `url` (`postgres://USER@HOST:PORT/DB`) and uses `schema`.
    public convenience init(url: String, schema: String = "public", maxConnections: Int = 4) throws(StoreError) {
        try self.init(database: try PostgresDatabase(url: url, maxConnections: maxConnections), schema: schema)
    }

    /// Uses `schema` through a connection pool shared with other stores.
    public init(database: PostgresDatabase, schema: String = "public") throws(StoreError) {
        self.schema = try PostgresDatabase.checkSchema(schema)
        self.database = database
    }

    /// Closes idle connections.
    public func close() async { await database.close() }

    private func table(_ name: String) -> String { "\"\(schema)\".\(name)" }

    public func prepare() async throws {
        let entry = table("ledger_entry"), node = table("ledger_node"), head = table("ledger_head")
        let checkpoint = table("ledger_checkpoint"), blob = table("ledger_blob")
        try await database.createTables(schema: schema, [
            "CREATE TABLE IF NOT EXISTS \(entry) (idx BIGINT PRIMARY KEY, data BYTEA NOT NULL)",
            "CREATE TABLE IF NOT EXISTS \(node) (id BIGINT PRIMARY KEY, hash BYTEA NOT NULL)",
            "CREATE TABLE IF NOT EXISTS \(head) (id INT PRIMARY KEY CHECK (id = 1), size BIGINT NOT NULL, frontier BYTEA NOT NULL)",
            "CREATE TABLE IF NOT EXISTS \(checkpoint) (size BIGINT PRIMARY KEY, note TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS \(blob) (digest TEXT PRIMARY KEY, data BYTEA NOT NULL)",
            "INSERT INTO \(head) (id, size, frontier) VALUES (1, 0, ''::bytea) ON CONFLICT (id) DO NOTHING",
        ], "cannot create the ledger schema")
    }

    public func head() async throws -> LedgerHead {
        let sql = "SELECT size, frontier FROM \(table("ledger_head")) WHERE id = 1"
        let logger = database.logger
        do {
            return try await database.withConnection { connection in
                try await Self.readHead(connection, sql: sql, logger: logger)
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot read the ledger head")
        }
    }

    private static func readHead(_ connection: PostgresConnection, sql: String, logger: Logger) async throws -> LedgerHead {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        for try await (size, frontier) in rows.decode((Int64, ByteBuffer).self) {
            return LedgerHead(size: try headSize(size), frontier: Array(frontier.readableBytesView))
        }
        throw missingHead
    }

    private static var missingHead: StoreError {
        StoreError(.corrupt, "the ledger head row is missing; run `tollgate ledger init`")
    }

    /// The head row's size, refusing a missing row (nil) or a negative size.
    private static func headSize(_ size: Int64?) throws -> UInt64 {
        guard let size else { throw missingHead }
        guard size >= 0 else { throw StoreError(.corrupt, "the ledger head size is negative (\(size))") }
        return UInt64(size)
    }

    public func integrate(using integrator: LedgerIntegrator) async throws -> (first: UInt64, integration: LedgerIntegration) {
        let lockHead = "SELECT size, frontier FROM \(table("ledger_head")) WHERE id = 1 FOR UPDATE"
        let lastEntry = "SELECT data FROM \(table("ledger_entry")) WHERE idx = $1"
        let insertEntries = "INSERT INTO \(table("ledger_entry")) (idx, data) SELECT * FROM unnest($1::int8[], $2::bytea[])"
        let insertNodes = "INSERT INTO \(table("ledger_node")) (id, hash) SELECT * FROM unnest($1::int8[], $2::bytea[])"
        let updateHead = "UPDATE \(table("ledger_head")) SET size = $1, frontier = $2 WHERE id = 1"
        let logger = database.logger
        do {
            return try await database.withTransaction { connection in
                // The row lock serializes writers across processes until COMMIT.
                let head = try await Self.readHead(connection, sql: lockHead, logger: logger)
                // A separate statement after the lock: under READ COMMITTED it takes a new snapshot,
                // so it sees the last entry of the writer that held the lock before (a join in the
                // locking statement would be re-checked against the old snapshot's rows).
                var last: Data? = nil
                if head.size > 0 {
                    var query = PostgresQuery(unsafeSQL: lastEntry)
                    query.binds.append(Int64(head.size - 1))
                    for try await data in try await connection.query(query, logger: logger).decode(ByteBuffer.self) {
                        last = Data(data.readableBytesView)
                    }
                    guard last != nil else {
                        throw StoreError(.corrupt, "the ledger head counts \(head.size) entries but entry \(head.size - 1) is missing; run `tollgate ledger fsck`")
                    }
                }
                let integration = try integrator(head, last)
                guard !integration.leaves.isEmpty else { return (head.size, integration) }
                let indices = (0..<integration.leaves.count).map { Int64(head.size) + Int64($0) }
                let datas = integration.leaves.map { ByteBuffer(bytes: $0.data) }
                var query = PostgresQuery(unsafeSQL: insertEntries)
                query.binds.append(indices)
                query.binds.append(datas)
                try await connection.query(query, logger: logger)
                var nodes = PostgresQuery(unsafeSQL: insertNodes)
                nodes.binds.append(integration.nodes.map { $0.0.packed })
                nodes.binds.append(integration.nodes.map { ByteBuffer(bytes: $0.1) })
                try await connection.query(nodes, logger: logger)
                var update = PostgresQuery(unsafeSQL: updateHead)
                update.binds.append(Int64(integration.head.size))
                update.binds.append(ByteBuffer(bytes: integration.head.frontier))
                try await connection.query(update, logger: logger)
                return (head.size, integration)
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot append to the ledger")
        }
    }

    public func entries(in range: Range<UInt64>) async throws -> [Data] {
        guard !range.isEmpty else { return [] }
        var query = PostgresQuery(unsafeSQL: "SELECT data FROM \(table("ledger_entry")) WHERE idx >= $1 AND idx < $2 ORDER BY idx")
        query.binds.append(Int64(clamping: range.lowerBound))
        query.binds.append(Int64(clamping: range.upperBound))
        let logger = database.logger
        let finalQuery = query
        do {
            return try await database.withConnection { connection in
                var out: [Data] = []
                for try await data in try await connection.query(finalQuery, logger: logger).decode(ByteBuffer.self) {
                    out.append(Data(data.readableBytesView))
                }
                return out
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot read ledger entries")
        }
    }

    public func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]] {
        guard !ids.isEmpty else { return [:] }
        var query = PostgresQuery(unsafeSQL: "SELECT id, hash FROM \(table("ledger_node")) WHERE id = ANY($1::int8[])")
        query.binds.append(ids.map(\.packed))
        let logger = database.logger
        let finalQuery = query
        do {
            return try await database.withConnection { connection in
                var out: [LedgerNodeID: [UInt8]] = [:]
                for try await (id, hash) in try await connection.query(finalQuery, logger: logger).decode((Int64, ByteBuffer).self) {
                    out[LedgerNodeID(packed: id)] = Array(hash.readableBytesView)
                }
                return out
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot read ledger nodes")
        }
    }

    public func sizeAndNodes(_ ids: [LedgerNodeID]) async throws -> (size: UInt64, nodes: [LedgerNodeID: [UInt8]]) {
        // One statement, so one snapshot: the head row joined with the matching nodes (NULLs when none match).
        var query = PostgresQuery(unsafeSQL: """
            SELECT h.size, n.id, n.hash FROM \(table("ledger_head")) h
            LEFT JOIN \(table("ledger_node")) n ON n.id = ANY($1::int8[]) WHERE h.id = 1
            """)
        query.binds.append(ids.map(\.packed))
        let logger = database.logger
        let finalQuery = query
        do {
            return try await database.withConnection { connection in
                var size: Int64? = nil
                var out: [LedgerNodeID: [UInt8]] = [:]
                let rows = try await connection.query(finalQuery, logger: logger)
                for try await (headSize, id, hash) in rows.decode((Int64, Int64?, ByteBuffer?).self) {
                    size = headSize
                    if let id, let hash { out[LedgerNodeID(packed: id)] = Array(hash.readableBytesView) }
                }
                return (try Self.headSize(size), out)
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot read ledger nodes")
        }
    }

    public func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws {
        var query = PostgresQuery(unsafeSQL: "INSERT INTO \(table("ledger_checkpoint")) (size, note) VALUES ($1, $2) ON CONFLICT (size) DO NOTHING")
        query.binds.append(Int64(clamping: checkpoint.size))
        query.binds.append(checkpoint.note)
        try await execute(query, "cannot store a checkpoint")
    }

    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        try await readCheckpoints(PostgresQuery(unsafeSQL: "SELECT size, note FROM \(table("ledger_checkpoint")) ORDER BY size DESC LIMIT 1")).first
    }

    public func checkpoints(in range: ClosedRange<UInt64>) async throws -> [StoredCheckpoint] {
        var query = PostgresQuery(unsafeSQL: "SELECT size, note FROM \(table("ledger_checkpoint")) WHERE size >= $1 AND size <= $2 ORDER BY size")
        query.binds.append(Int64(clamping: range.lowerBound))
        query.binds.append(Int64(clamping: range.upperBound))
        return try await readCheckpoints(query)
    }

    private func readCheckpoints(_ query: PostgresQuery) async throws -> [StoredCheckpoint] {
        let logger = database.logger
        do {
            return try await database.withConnection { connection in
                var out: [StoredCheckpoint] = []
                for try await (size, note) in try await connection.query(query, logger: logger).decode((Int64, String).self) {
                    out.append(StoredCheckpoint(size: UInt64(max(0, size)), note: note))
                }
                return out
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot read checkpoints")
        }
    }

    public func putBlob(digest: String, data: Data) async throws {
        var query = PostgresQuery(unsafeSQL: "INSERT INTO \(table("ledger_blob")) (digest, data) VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING")
        query.binds.append(digest)
        query.binds.append(ByteBuffer(bytes: data))
        try await execute(query, "cannot store blob \(digest)")
    }

    public func blob(digest: String) async throws -> Data? {
        var query = PostgresQuery(unsafeSQL: "SELECT data FROM \(table("ledger_blob")) WHERE digest = $1")
        query.binds.append(digest)
        let logger = database.logger
        let finalQuery = query
        do {
            return try await database.withConnection { connection in
                for try await data in try await connection.query(finalQuery, logger: logger).decode(ByteBuffer.self) {
                    return Data(data.readableBytesView)
                }
                return nil
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot read blob \(digest)")
        }
    }

    private func execute(_ query: PostgresQuery, _ context: String) async throws {
        let logger = database.logger
        do {
            _ = try await database.withConnection { connection in
                try await connection.query(query, logger: logger)
            }
        } catch {
            throw PostgresDatabase.storeError(error, context)
        }
    }
}

import Foundation
import Logging
import NIOCore
import PostgresNIO
import TollgateModel
import TollgateStore

/// A small pool of PostgreSQL connections shared by Tollgate's PostgreSQL stores.
///
/// Each operation checks out one connection exclusively (`withConnection`), so a transaction's
/// statements never interleave with another task's. Connections are opened lazily, up to
/// `maxConnections`, and reused.
public actor PostgresDatabase {
    private let configuration: PostgresConnection.Configuration
    private let maxConnections: Int
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<PostgresConnection?, Never>] = []
    private var nextID = 0
    let logger: Logger

    /// Parses `postgres://user[:password]@host[:port]/database` (TLS is not used; loopback or a
    /// private network is expected, as in `.ci/run`).
    public init(url: String, maxConnections: Int = 4) throws(StoreError) {
        guard let components = URLComponents(string: url), components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty else {
            throw StoreError(.invalidConfiguration, "expected postgres://USER@HOST[:PORT]/DATABASE, found '\(url.prefix(200))'")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        self.configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        self.maxConnections = max(1, maxConnections)
        var logger = Logger(label: "tollgate.store.postgres")
        logger.logLevel = .critical
        self.logger = logger
    }

    /// Runs `body` with a connection checked out for its whole duration.
    public func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            release(connection)
            return result
        } catch {
            // A failed statement may leave the connection mid-transaction: drop it.
            discard(connection)
            throw error
        }
    }

    /// Runs `body` inside `BEGIN … COMMIT` (rolled back when it throws).
    public func withTransaction<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    deinit {
        // PostgresConnection must be closed before it is released; the completion handler keeps
        // each connection alive until its channel has closed.
        for connection in idle {
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
        }
    }

    /// Closes every idle connection.
    public func close() async {
        let connections = idle
        idle = []
        for connection in connections {
            try? await connection.close()
            open -= 1
        }
    }

    private func acquire() async throws -> PostgresConnection {
        while true {
            if let connection = idle.popLast() {
                if connection.isClosed {
                    open -= 1
                    continue
                }
                return connection
            }
            if open < maxConnections {
                open += 1
                nextID += 1
                do {
                    return try await PostgresConnection.connect(configuration: configuration, id: nextID, logger: logger)
                } catch {
                    open -= 1
                    wakeOne(nil)
                    throw StoreError(.unavailable, "cannot connect to PostgreSQL at \(configuration.host ?? "?"):\(configuration.port ?? 0): \(ErrorText.describe(error))")
                }
            }
            if let connection = await withCheckedContinuation({ waiters.append($0) }) {
                return connection
            }
        }
    }

    private func release(_ connection: PostgresConnection) {
        if connection.isClosed {
            open -= 1
            wakeOne(nil)
        } else if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    private func discard(_ connection: PostgresConnection) {
        open -= 1
        Task { try? await connection.close() }
        wakeOne(nil)
    }

    private func wakeOne(_ connection: PostgresConnection?) {
        if !waiters.isEmpty { waiters.removeFirst().resume(returning: connection) }
    }

    /// Returns `schema` when it is a plain identifier (1–63 characters of a–z, 0–9 and _): the
    /// stores quote it into their SQL.
    public static func checkSchema(_ schema: String) throws(StoreError) -> String {
        guard !schema.isEmpty, schema.count <= 63,
              schema.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw StoreError(.invalidConfiguration, "a schema name is 1–63 characters of a–z, 0–9 and _, found '\(schema.prefix(80))'")
        }
        return schema
    }

    /// Creates `schema` and runs `statements` (`CREATE TABLE IF NOT EXISTS …`) in one transaction
    /// under the schema's DDL lock: DDL from several processes at once races on the catalog.
    public func createTables(schema: String, _ statements: [String], _ context: String) async throws {
        let logger = self.logger
        do {
            try await withTransaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(schema)))", logger: logger)
                for statement in ["CREATE SCHEMA IF NOT EXISTS \"\(schema)\""] + statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
        } catch {
            throw Self.storeError(error, context)
        }
    }

    /// Runs `query` and returns every row (for small results: tokens, policies, attachments).
    public func rows(_ query: PostgresQuery, _ context: String) async throws -> [PostgresRow] {
        let logger = self.logger
        do {
            return try await withConnection { connection in
                var out: [PostgresRow] = []
                for try await row in try await connection.query(query, logger: logger) { out.append(row) }
                return out
            }
        } catch {
            throw Self.storeError(error, context)
        }
    }

    /// Maps a driver error to a `StoreError`, keeping Tollgate errors raised inside a transaction.
    static func storeError(_ error: any Error, _ context: String) -> any Error {
        if error is any TollgateError { return error }
        return StoreError(.io, "\(context): \(ErrorText.describe(error))")
    }
}

import Crypto
import Foundation
import GRDB
import PostgresNIO
import Synchronization
import Testing
import TollgateLedger
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite
import TollgateTransparency

/// The two store implementations; every store test runs against both, on real databases.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The PostgreSQL URL of the throwaway server `.ci/run` starts. Required: a missing variable
    /// fails the PostgreSQL tests rather than skipping them.
    static var postgresURL: String? { ProcessInfo.processInfo.environment["TOLLGATE_TEST_POSTGRES"] }
}

/// A fresh, isolated store: a temporary SQLite file, or a new PostgreSQL schema.
struct TestStore: Sendable {
    let backend: Backend
    let store: any LedgerStore
    /// SQLite file path or PostgreSQL schema.
    let location: String
    let directory: URL

    static func make(_ backend: Backend) throws -> TestStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            let path = directory.appendingPathComponent("ledger.sqlite").path
            return TestStore(backend: backend, store: try LedgerStoreSQLite(path: path), location: path, directory: directory)
        case .postgres:
            guard let url = Backend.postgresURL else {
                throw StoreError(.unavailable, "TOLLGATE_TEST_POSTGRES is not set; scripts/test.sh starts a throwaway PostgreSQL and sets it")
            }
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            return TestStore(backend: backend, store: try LedgerStorePostgres(url: url, schema: String(schema)),
                             location: String(schema), directory: directory)
        }
    }

    /// A second store object on the same database, as another process would open it.
    func reopen() throws -> any LedgerStore {
        switch backend {
        case .sqlite:
            return try LedgerStoreSQLite(path: location)
        case .postgres:
            guard let url = Backend.postgresURL else { throw StoreError(.unavailable, "TOLLGATE_TEST_POSTGRES is not set") }
            return try LedgerStorePostgres(url: url, schema: location)
        }
    }

    /// Runs raw SQL against the store's database (to corrupt data on purpose).
    func executeUnsafe(_ sql: String) async throws {
        switch backend {
        case .sqlite:
            let queue = try DatabaseQueue(path: location)
            try await queue.write { db in try db.execute(sql: sql) }
        case .postgres:
            guard let postgres = store as? LedgerStorePostgres else { return }
            let prefixed = sql.replacingOccurrences(of: "ledger_", with: "\"\(location)\".ledger_")
            _ = try await postgres.database.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: prefixed), logger: Logger(label: "test"))
            }
        }
    }
}

/// A fixed signer for tests (never used outside them).
enum TestKeys {
    static let signer: Ed25519NoteSigner = {
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0x42, count: 32))
        return try! Ed25519NoteSigner(name: "tollgate.test/ledger", privateKey: key)
    }()
}

func noteEntry(_ i: Int, size: Int = 64) throws -> LedgerEntryDraft {
    let filler = String(repeating: "x", count: max(0, size - 20))
    return try LedgerEntryDraft(kind: .note, actor: "test", payload: Data("{\"i\":\(i),\"f\":\"\(filler)\"}".utf8))
}

/// A clock that plays back scripted times, one per reading, then repeats the last one; it
/// stands in for a wall clock that steps back or runs skewed.
final class ScriptedClock: Sendable {
    private let state: Mutex<(times: [Date], next: Int)>

    init(_ seconds: [Double]) {
        state = Mutex((seconds.map { Date(timeIntervalSince1970: $0) }, 0))
    }

    func now() -> Date {
        state.withLock { state in
            defer { state.next = min(state.next + 1, state.times.count - 1) }
            return state.times[state.next]
        }
    }
}

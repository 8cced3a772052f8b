import Crypto
import Foundation
import Synchronization
import Testing
import TollgateInventory
import TollgateLedger
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite
import TollgateTransparency

/// The two store implementations; every inventory test runs against both, on real databases.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The throwaway server scripts/test.sh starts. Required: a missing variable fails the
    /// PostgreSQL tests rather than skipping them.
    static var postgresURL: String? { ProcessInfo.processInfo.environment["TOLLGATE_TEST_POSTGRES"] }
}

/// A clock the test moves by hand: ledger entry times (and so inventory times) are under control.
final class TestClock: Sendable {
    private let state: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        state = Mutex(start)
    }

    func now() -> Date { state.withLock { $0 } }

    /// Moves the clock forward and returns the new time.
    @discardableResult
    func advance(days: Double = 0, seconds: Double = 0) -> Date {
        state.withLock { date in
            date = date.addingTimeInterval(days * 86_400 + seconds)
            return date
        }
    }
}

/// A fresh ledger and inventory on one backend, with the recorder every write goes through.
struct TestInventory: Sendable {
    let backend: Backend
    let ledger: Ledger
    let store: any InventoryStore
    let recorder: InventoryRecorder
    let clock: TestClock
    let directory: URL
    /// SQLite paths or the PostgreSQL schema, to open the same data again.
    let location: String

    static let signer: Ed25519NoteSigner = {
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0x24, count: 32))
        return try! Ed25519NoteSigner(name: "tollgate.test/inventory", privateKey: key)
    }()

    static func make(_ backend: Backend) async throws -> TestInventory {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-inventory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ledgerStore: any LedgerStore
        let store: any InventoryStore
        let location: String
        switch backend {
        case .sqlite:
            ledgerStore = try LedgerStoreSQLite(path: directory.appendingPathComponent("ledger.sqlite").path)
            store = try InventoryStoreSQLite(path: directory.appendingPathComponent(InventoryStoreSQLite.defaultFileName).path)
            location = directory.path
        case .postgres:
            guard let url = Backend.postgresURL else {
                throw StoreError(.unavailable, "TOLLGATE_TEST_POSTGRES is not set; scripts/test.sh starts a throwaway PostgreSQL and sets it")
            }
            location = "i_" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20))
            ledgerStore = try LedgerStorePostgres(url: url, schema: location)
            store = try InventoryStorePostgres(url: url, schema: location)
        }
        let clock = TestClock()
        let ledger = try await Ledger.open(store: ledgerStore, signer: signer, clock: { clock.now() })
        try await store.prepare()
        return TestInventory(backend: backend, ledger: ledger, store: store,
                             recorder: InventoryRecorder(ledger: ledger, store: store, actor: "test"), clock: clock,
                             directory: directory, location: location)
    }
}

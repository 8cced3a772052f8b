import Foundation
import Testing
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite

/// The key registry (issue #20): register, rotate and revoke write one ledger entry each and the
/// records, on both stores; validity is judged at signing time.
@Suite("key registry")
struct KeyRegistryTests {
    static func lifecycle(_ backend: Backend) async throws -> (KeyLifecycle, Ledger, TestStore) {
        let test = try TestStore.make(backend)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let registry: any KeyRegistry
        switch backend {
        case .sqlite:
            registry = try KeyRegistrySQLite(path: test.directory.appendingPathComponent("keys.sqlite").path)
        case .postgres:
            let postgres = try #require(test.store as? LedgerStorePostgres)
            registry = try KeyRegistryPostgres(database: postgres.database, schema: test.location)
        }
        try await registry.prepare()
        return (KeyLifecycle(registry: registry, ledger: ledger), ledger, test)
    }

    static func pem() throws -> String { try PrivateKey.generate(.ecdsaP256).publicKey.pem }

    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("register, rotate and revoke each append one ledger entry and update the registry", arguments: Backend.allCases)
    func lifecycle(_ backend: Backend) async throws {
        let (keys, ledger, _) = try await Self.lifecycle(backend)
        let first = try Self.pem(), second = try Self.pem()
        let added = try await keys.register(publicKeyPEM: first, owner: "alice@acme.example", purpose: .artifactSigning,
                                            validFrom: Self.t0, validUntil: nil, reason: "release key", actor: "cli:alice")
        let id = try #require(added.keys.first?.keyID)
        #expect(added.ledgerIndex == 0)
        // Registering again changes nothing and appends nothing.
        #expect(try await keys.register(publicKeyPEM: first, owner: "alice@acme.example", purpose: .artifactSigning,
                                        validFrom: Self.t0, validUntil: nil, reason: "again", actor: "cli:alice").unchanged)
        let rotation = Self.t0.addingTimeInterval(86_400)
        let rotated = try await keys.rotate(keyID: id, to: second, validUntil: nil, reason: "yearly rotation", actor: "cli:bob", at: rotation)
        #expect(rotated.ledgerIndex == 1)
        let newID = try #require(rotated.keys.last?.keyID)
        let revoked = try await keys.revoke(keyID: newID, reason: "laptop stolen", actor: "cli:carol", at: rotation.addingTimeInterval(3600))
        #expect(revoked.ledgerIndex == 2)
        #expect(try await keys.revoke(keyID: newID, reason: "again", actor: "cli:carol", at: Date()).unchanged)

        var kinds: [LedgerEntryKind] = [], actors: [String] = []
        for index in 0..<3 {
            let entry = try await ledger.entry(at: UInt64(index))
            kinds.append(entry.kind)
            actors.append(entry.actor)
        }
        #expect(kinds == [.keyAdded, .keyRotated, .keyRevoked])
        #expect(actors == ["cli:alice", "cli:bob", "cli:carol"])
        let payload = try JSONValue.parse(try await ledger.entry(at: 2).payload ?? Data())
        #expect(payload["reason"]?.stringValue == "laptop stolen")
        #expect(payload["keyID"]?.stringValue == newID)

        let records = try await keys.registry.keys()
        #expect(records.count == 2)
        let old = try #require(records.first { $0.keyID == id }), new = try #require(records.first { $0.keyID == newID })
        #expect(old.status == .rotated && old.replacedBy == newID && old.validUntil == rotation)
        #expect(new.status == .revoked && new.owner == "alice@acme.example" && new.purpose == .artifactSigning)
        #expect(new.revokedAt == rotation.addingTimeInterval(3600))
    }

    @Test("a key's validity is judged at signing time", arguments: Backend.allCases)
    func validityAtSigningTime(_ backend: Backend) async throws {
        let (keys, _, _) = try await Self.lifecycle(backend)
        let end = Self.t0.addingTimeInterval(30 * 86_400)
        let added = try await keys.register(publicKeyPEM: try Self.pem(), owner: "ci", purpose: .sbomSigning, validFrom: Self.t0,
                                            validUntil: end, reason: "sbom", actor: "test")
        let id = try #require(added.keys.first?.keyID)
        let revokedAt = Self.t0.addingTimeInterval(10 * 86_400)
        _ = try await keys.revoke(keyID: id, reason: "compromised", actor: "test", at: revokedAt)
        let record = try #require(try await keys.registry.key(id: id))
        #expect(KeyValidity.of(record, at: Self.t0.addingTimeInterval(86_400)) == .valid)
        #expect(KeyValidity.of(record, at: revokedAt.addingTimeInterval(1)) == .revoked(revokedAt: revokedAt))
        #expect(KeyValidity.of(record, at: Self.t0.addingTimeInterval(-1)) == .notYetValid(validFrom: Self.t0))
        #expect(KeyValidity.of(record, at: nil) == .signingTimeUnknown)
        var unrevoked = record
        unrevoked.status = .active
        unrevoked.revokedAt = nil
        #expect(KeyValidity.of(unrevoked, at: end.addingTimeInterval(1)) == .expired(validUntil: end))
    }

    @Test("changes the registry refuses append nothing", arguments: Backend.allCases)
    func refusals(_ backend: Backend) async throws {
        let (keys, ledger, _) = try await Self.lifecycle(backend)
        let pem = try Self.pem()
        await #expect(throws: LedgerError.self) {
            _ = try await keys.rotate(keyID: "00", to: pem, validUntil: nil, reason: "x", actor: "t", at: Date())
        }
        await #expect(throws: LedgerError.self) { _ = try await keys.revoke(keyID: "00", reason: "x", actor: "t", at: Date()) }
        await #expect(throws: LedgerError.self) {
            _ = try await keys.register(publicKeyPEM: pem, owner: "o", purpose: .ledgerCheckpoints, validFrom: Date(), validUntil: nil,
                                        reason: " ", actor: "t")
        }
        let added = try await keys.register(publicKeyPEM: pem, owner: "o", purpose: .ledgerCheckpoints, validFrom: Date(),
                                            validUntil: nil, reason: "r", actor: "t")
        let id = try #require(added.keys.first?.keyID)
        _ = try await keys.revoke(keyID: id, reason: "r", actor: "t", at: Date())
        await #expect(throws: LedgerError.self) {
            _ = try await keys.rotate(keyID: id, to: try Self.pem(), validUntil: nil, reason: "x", actor: "t", at: Date())
        }
        await #expect(throws: LedgerError.self) {
            _ = try await keys.register(publicKeyPEM: pem, owner: "other", purpose: .ledgerCheckpoints, validFrom: Date(),
                                        validUntil: nil, reason: "r", actor: "t")
        }
        #expect(try await ledger.size() == 2)
    }
}

import Foundation
import GRDB
import Testing
import TollgateStore
import TollgateStoreSQLite
@testable import TollgateVulnerabilities

/// A CVE id finds every advisory that describes it: responders search by CVE, the databases publish
/// by GHSA, PYSEC, RUSTSEC or GO id (real records from `Fixtures/osv/osv.zip`, see its SOURCES.md).
struct AdvisoryAliasTests {
    @Test("an alias names every advisory listing it, in any case, across ecosystems")
    func aliasAcrossEcosystems() async throws {
        let store = try await SharedDatabase.store()
        // CVE-2023-39410 (Apache Avro): PYSEC-2023-188 for PyPI, GHSA-rhrv-645h-fjfh for Maven.
        #expect(try await store.advisoryIDs(aliasing: "CVE-2023-39410") == ["GHSA-rhrv-645h-fjfh", "PYSEC-2023-188"])
        #expect(try await store.advisoryIDs(aliasing: "cve-2023-39410") == ["GHSA-rhrv-645h-fjfh", "PYSEC-2023-188"])
        #expect(try await store.advisoryIDs(aliasing: "CVE-2021-33503") == ["PYSEC-2021-108"])
        #expect(try await store.advisoryIDs(aliasing: "GHSA-q2q7-5pp4-w6pg") == ["PYSEC-2021-108"])
        #expect(try await store.advisoryIDs(aliasing: "CVE-1999-0000").isEmpty)
    }

    @Test("re-importing or deleting an advisory keeps the alias index in step")
    func aliasIndexFollowsChanges() async throws {
        let store = try temporaryStore()
        try await store.prepare()
        let first = MatchingTests.record("OSV-ALIAS-1", ecosystem: "npm", name: "a", events: [.introduced("0"), .fixed("1.0.0")],
                                         aliases: ["CVE-2099-0001"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-alias-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try first.write(to: directory.appendingPathComponent("OSV-ALIAS-1.json"))
        _ = try await AdvisoryImporter(store: store).importPath(directory.path)
        #expect(try await store.advisoryIDs(aliasing: "CVE-2099-0001") == ["OSV-ALIAS-1"])

        let renamed = MatchingTests.record("OSV-ALIAS-1", ecosystem: "npm", name: "a", events: [.introduced("0"), .fixed("1.0.0")],
                                           aliases: ["CVE-2099-0002"])
        try renamed.write(to: directory.appendingPathComponent("OSV-ALIAS-1.json"))
        _ = try await AdvisoryImporter(store: store).importPath(directory.path)
        #expect(try await store.advisoryIDs(aliasing: "CVE-2099-0001").isEmpty)
        #expect(try await store.advisoryIDs(aliasing: "CVE-2099-0002") == ["OSV-ALIAS-1"])

        try await store.apply(AdvisoryStoreChange(upserts: [], deletions: ["OSV-ALIAS-1"]))
        #expect(try await store.advisoryIDs(aliasing: "CVE-2099-0002").isEmpty)
    }
}

/// A database imported before the alias index existed gets it filled from the stored aliases.
struct AdvisoryAliasBackfillTests {
    @Test("opening an older database fills the alias index once")
    func backfill() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-alias-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try MatchingTests.record("OSV-OLD-1", ecosystem: "PyPI", name: "b", events: [.introduced("0")], aliases: ["CVE-2099-0003"])
            .write(to: directory.appendingPathComponent("OSV-OLD-1.json"))
        let path = directory.appendingPathComponent("advisories.sqlite").path
        let store = try AdvisoryStoreSQLite(path: path)
        _ = try await AdvisoryImporter(store: store).importPath(directory.path)
        // As a database written before the index: the table is there, empty.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "DELETE FROM advisory_alias") }
        try queue.close()
        #expect(try await store.advisoryIDs(aliasing: "CVE-2099-0003").isEmpty)

        let reopened = try AdvisoryStoreSQLite(path: path)
        try await reopened.prepare()
        #expect(try await reopened.advisoryIDs(aliasing: "CVE-2099-0003") == ["OSV-OLD-1"])
    }
}

import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing
import TollgateModel
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite

// MARK: Fixtures

func invDigest(_ name: String) -> Digest { DigestAlgorithm.sha256.hash(Data(name.utf8)) }
func invTime(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

/// A fresh, prepared inventory store: a temporary SQLite file, or a new PostgreSQL schema.
struct InventoryTestStore: Sendable {
    let backend: Backend
    let store: any InventoryStore
    /// SQLite file path or PostgreSQL schema.
    let location: String

    static func make(_ backend: Backend) async throws -> InventoryTestStore {
        let test: InventoryTestStore
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-inventory-\(UUID().uuidString)")
            let path = directory.appendingPathComponent(InventoryStoreSQLite.defaultFileName).path
            test = InventoryTestStore(backend: backend, store: try InventoryStoreSQLite(path: path), location: path)
        case .postgres:
            guard let url = Backend.postgresURL else {
                throw StoreError(.unavailable, "TOLLGATE_TEST_POSTGRES is not set; scripts/test.sh starts a throwaway PostgreSQL and sets it")
            }
            let schema = "i_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            test = InventoryTestStore(backend: backend, store: try InventoryStorePostgres(url: url, schema: String(schema)),
                                      location: String(schema))
        }
        try await test.store.prepare()
        return test
    }

    /// A second store object on the same database, as another process would open it.
    func reopen() throws -> any InventoryStore {
        switch backend {
        case .sqlite:
            return try InventoryStoreSQLite(path: location)
        case .postgres:
            guard let url = Backend.postgresURL else { throw StoreError(.unavailable, "TOLLGATE_TEST_POSTGRES is not set") }
            return try InventoryStorePostgres(url: url, schema: location)
        }
    }

    /// Runs raw SQL against the store's database (to corrupt data on purpose); `§` is the table prefix.
    func executeUnsafe(_ sql: String) async throws {
        switch backend {
        case .sqlite:
            let queue = try DatabaseQueue(path: location)
            try await queue.write { db in try db.execute(sql: sql.replacingOccurrences(of: "§", with: "")) }
        case .postgres:
            guard let postgres = store as? InventoryStorePostgres else { return }
            let prefixed = sql.replacingOccurrences(of: "§", with: "\"\(location)\".")
            _ = try await postgres.database.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: prefixed), logger: Logger(label: "test"))
            }
        }
    }
}

/// A small world: six artifacts, SBOMs, provenance, signatures, decisions, deployments, tags,
/// findings and exception events, split into batches that overlap (repeated sightings).
enum InventoryScenario {
    static let app1 = invDigest("app-1"), app2 = invDigest("app-2"), app3 = invDigest("app-3")
    static let lib4 = invDigest("lib-4"), noSBOM5 = invDigest("app-5"), unknown6 = invDigest("unknown-6")
    static let sbomDoc1 = invDigest("sbom-1"), sbomDoc2 = invDigest("sbom-2"), sbomDoc3a = invDigest("sbom-3a")
    static let sbomDoc3b = invDigest("sbom-3b"), sbomDoc4 = invDigest("sbom-4")

    static func component(_ purl: String, _ relationship: InventoryRelationship = .unknown, licenses: [String] = []) -> InventoryComponentRecord {
        let key = InventoryPackageKey.of(purl: purl)
        let name = String(key.split(separator: "/").last ?? "")
        let ecosystem = String(key.dropFirst(4).prefix { $0 != "/" })
        return InventoryComponentRecord(purl: purl, name: name, version: InventoryPackageKey.version(of: purl),
                                        ecosystem: ecosystem, licenses: licenses, relationship: relationship)
    }

    static var batches: [InventoryBatch] {
        var b1 = InventoryBatch()
        b1.artifacts = [
            InventoryArtifactRecord(digest: app1, name: "app", version: "1.0.0", purl: "pkg:oci/app@1.0.0?repository_url=r.example/app",
                                    mediaType: "application/vnd.oci.image.manifest.v1+json", time: invTime(10)),
            InventoryArtifactRecord(digest: app2, name: "app", time: invTime(20)),
        ]
        b1.sboms = [InventorySBOMRecord(artifact: app1, document: sbomDoc1, format: "cyclonedx", components: [
            component("pkg:npm/lodash@4.17.20", .direct, licenses: ["MIT"]),
            component("pkg:npm/express@4.18.2", .direct, licenses: ["MIT"]),
            component("pkg:npm/debug@2.6.9", .transitive),
        ], time: invTime(11))]
        b1.tags = [TagObservationRecord(repository: "r.example/app", tag: "latest", digest: app1, time: invTime(10))]

        var b2 = InventoryBatch()
        b2.artifacts = [
            InventoryArtifactRecord(digest: app2, name: "app", version: "1.1.0", purl: "pkg:oci/app@1.1.0", time: invTime(21)),
            InventoryArtifactRecord(digest: app1, name: "app-renamed-later", time: invTime(50)),
        ]
        b2.sboms = [InventorySBOMRecord(artifact: app2, document: sbomDoc2, format: "spdx", components: [
            component("pkg:npm/lodash@4.17.21", .direct, licenses: ["MIT"]),
            component("pkg:npm/left-pad@1.3.0", .transitive, licenses: ["WTFPL"]),
        ], time: invTime(22))]
        b2.tags = [TagObservationRecord(repository: "r.example/app", tag: "latest", digest: app2, time: invTime(21)),
                   TagObservationRecord(repository: "r.example/app", tag: "1.1.0", digest: app2, time: invTime(21))]
        b2.provenance = [InventoryProvenanceRecord(
            artifact: app2, source: .selfAsserted, vouchedBy: "provenance.json", repository: "github.com/acme/app",
            commit: "bbbb", workflow: ".github/workflows/rogue.yml", time: invTime(22))]

        var b3 = InventoryBatch()
        b3.artifacts = [InventoryArtifactRecord(digest: app3, name: "worker", version: "3.0", time: invTime(30)),
                        InventoryArtifactRecord(digest: lib4, name: "libfoo", time: invTime(31)),
                        InventoryArtifactRecord(digest: noSBOM5, purl: "pkg:oci/app@0.9.0", time: invTime(5))]
        b3.sboms = [
            InventorySBOMRecord(artifact: app3, document: sbomDoc3a, format: "cyclonedx", components: [
                component("pkg:npm/lodash@4.17.21", .transitive),
                component("pkg:npm/debug@2.6.9", .unknown),
            ], time: invTime(30)),
            InventorySBOMRecord(artifact: app3, document: sbomDoc3b, format: "spdx", components: [
                component("pkg:npm/debug@2.6.9", .direct, licenses: ["MIT"]),
                component("pkg:pypi/requests@2.31.0", .direct, licenses: ["Apache-2.0"]),
            ], time: invTime(32)),
            InventorySBOMRecord(artifact: lib4, document: sbomDoc4, format: "cyclonedx", components: [
                component("pkg:npm/lodash@4.17.20", .unknown, licenses: ["CC0-1.0"]),
            ], time: invTime(31)),
        ]
        b3.provenance = [
            InventoryProvenanceRecord(artifact: app1, source: .certificate, vouchedBy: "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1",
                                      repository: "github.com/acme/app", commit: "aaaa", ref: "refs/tags/v1",
                                      workflow: ".github/workflows/release.yml", builder: "https://github.com/actions/runner",
                                      trigger: "push", document: invDigest("att-1"), time: invTime(12)),
            InventoryProvenanceRecord(artifact: app3, source: .signedStatement, vouchedBy: "key:abc", repository: "github.com/acme/worker",
                                      builder: "https://builder.example/v1", time: invTime(33)),
        ]
        b3.signatures = [
            InventorySignatureRecord(artifact: app1, evidence: "artifact", signer: "release@acme.example",
                                     issuer: "https://accounts.google.com", trusted: true, time: invTime(12)),
            InventorySignatureRecord(artifact: app2, evidence: "provenance", signer: "key:zzz", trusted: false, time: invTime(22)),
        ]
        b3.decisions = [
            InventoryDecisionRecord(artifact: app1, decision: "allow", policy: "prod", ledgerIndex: 7, time: invTime(13)),
            InventoryDecisionRecord(artifact: app2, decision: "deny", policy: "prod", ledgerIndex: 9, time: invTime(23)),
        ]

        var b4 = InventoryBatch()
        b4.deployments = [
            InventoryDeploymentRecord(environment: "prod", cluster: "eu-1", namespace: "shop", service: "api",
                                      reference: "r.example/app@\(app1)", digest: app1, time: invTime(40)),
            InventoryDeploymentRecord(environment: "prod", cluster: "eu-1", namespace: "shop", service: "api",
                                      reference: "r.example/app:latest", digest: app1, time: invTime(41)),
            InventoryDeploymentRecord(environment: "staging", cluster: "eu-1", namespace: "shop", service: "worker",
                                      digest: app3, time: invTime(42)),
            InventoryDeploymentRecord(environment: "prod", cluster: "us-1", service: "batch",
                                      reference: "r.example/batch:stable", digest: nil, time: invTime(43)),
            InventoryDeploymentRecord(environment: "dev", digest: unknown6, time: invTime(44)),
        ]
        b4.findings = [InventoryFindingRecord(advisory: "GHSA-lodash", purl: "pkg:npm/lodash@4.17.20", time: invTime(60))]
        b4.exceptionEvents = ["granted:prod:EX-1"]

        var b5 = InventoryBatch()
        b5.deployments = [
            // The slot moves to app2: app1 is no longer running there.
            InventoryDeploymentRecord(environment: "prod", cluster: "eu-1", namespace: "shop", service: "api",
                                      reference: "r.example/app:latest", digest: app2, time: invTime(50)),
            // The worker is removed.
            InventoryDeploymentRecord(environment: "staging", cluster: "eu-1", namespace: "shop", service: "worker",
                                      digest: app3, running: false, time: invTime(55)),
            // An unknown digest is replaced in dev by app1, an earlier one seen later.
            InventoryDeploymentRecord(environment: "dev", digest: app1, time: invTime(45)),
            InventoryDeploymentRecord(environment: "qa", digest: unknown6, time: invTime(46)),
        ]
        b5.findings = [InventoryFindingRecord(advisory: "GHSA-lodash", purl: "pkg:npm/lodash@4.17.20", time: invTime(45)),
                       InventoryFindingRecord(advisory: "GHSA-debug", purl: "pkg:npm/debug@2.6.9", time: invTime(70))]
        b5.exceptionEvents = ["expired:prod:EX-1", "granted:prod:EX-1"]
        b5.tags = [TagObservationRecord(repository: "r.example/app", tag: "latest", digest: app1, time: invTime(10))]

        var b6 = InventoryBatch()
        // A repeated sighting of app1, the earliest (its version wins), and its SBOM again (partly).
        b6.artifacts = [InventoryArtifactRecord(digest: app1, version: "1.0.0-rc", time: invTime(9))]
        b6.sboms = [InventorySBOMRecord(artifact: app1, document: sbomDoc1, format: "cyclonedx", components: [
            component("pkg:npm/lodash@4.17.20", .direct, licenses: ["MIT"]),
        ], time: invTime(70))]
        b6.provenance = [InventoryProvenanceRecord(
            artifact: app1, source: .certificate, vouchedBy: "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1",
            repository: "github.com/acme/app", commit: "aaaa", ref: "refs/tags/v1", workflow: ".github/workflows/release.yml",
            builder: "https://github.com/actions/runner", trigger: "push", document: invDigest("att-1"), time: invTime(80))]
        return [b1, b2, b3, b4, b5, b6]
    }

    static let digests = [app1, app2, app3, lib4, noSBOM5, unknown6]
    static let packageKeys = ["pkg:npm/lodash", "pkg:npm/debug", "pkg:npm/left-pad", "pkg:pypi/requests", "pkg:npm/express",
                              "pkg:oci/app", "app", "worker", "libfoo", "pkg:npm/absent"]
}

/// Every query's answer, to compare stores.
struct InventorySnapshot: Equatable, CustomStringConvertible {
    var artifacts: [InventoryArtifactRow] = []
    var byPackage: [[InventoryArtifactRow]] = []
    var versions: [[String]] = []
    var containing: [[InventoryComponentMatch]] = []
    var containingFiltered: [[InventoryComponentMatch]] = []
    var components: [[InventoryComponentRecord]] = []
    var provenance: [InventoryProvenanceRecord] = []
    var byProvenance: [[Digest]] = []
    var signatures: [InventorySignatureRecord] = []
    var decisions: [InventoryDecisionRecord] = []
    var deployments: [InventoryDeploymentRow] = []
    var withoutDigest: [InventoryDeploymentRow] = []
    var tagHistory: [TagObservationRecord] = []
    var tags: [[TagObservationRecord]] = []
    var findings: [Date?] = []
    var exceptions: Set<String> = []
    var coverage: InventoryCoverage? = nil

    var description: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func text(_ value: some Encodable) -> String { (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?" }
        return [text(artifacts), text(byPackage), text(versions), text(containing), text(components), text(provenance),
                text(deployments), text(withoutDigest), text(tagHistory), text(coverage)].joined(separator: "\n")
    }

    static func take(_ store: any InventoryStore, digests: [Digest] = InventoryScenario.digests,
                     packageKeys: [String] = InventoryScenario.packageKeys) async throws -> InventorySnapshot {
        var s = InventorySnapshot()
        s.artifacts = try await store.artifacts(digests)
        for key in packageKeys {
            s.byPackage.append(try await store.artifacts(packageKey: key))
            let versions = try await store.componentVersions(packageKey: key)
            s.versions.append(versions)
            s.containing.append(try await store.artifactsContaining(packageKey: key, versions: nil))
            s.containingFiltered.append(try await store.artifactsContaining(packageKey: key, versions: Array(versions.prefix(1))))
        }
        for digest in digests { s.components.append(try await store.components(of: digest)) }
        s.provenance = try await store.provenance(of: digests)
        for field in InventoryProvenanceField.allCases {
            for value in Set(s.provenance.compactMap { $0.value(of: field) }).sorted() {
                s.byProvenance.append(try await store.artifacts(withProvenance: field, equalTo: value))
            }
        }
        s.signatures = try await store.signatures(of: digests)
        s.decisions = try await store.decisions(of: digests)
        s.deployments = try await store.deployments(of: digests)
        s.withoutDigest = try await store.deploymentsWithoutDigest()
        s.tagHistory = try await store.tagHistory(of: digests)
        for (repository, tag) in [("r.example/app", "latest"), ("r.example/app", "1.1.0"), ("r.example/app", "none")] {
            s.tags.append(try await store.tagObservations(repository: repository, tag: tag))
        }
        for (advisory, purl) in [("GHSA-lodash", "pkg:npm/lodash@4.17.20"), ("GHSA-debug", "pkg:npm/debug@2.6.9"), ("GHSA-x", "pkg:npm/x@1")] {
            s.findings.append(try await store.firstSeen(advisory: advisory, purl: purl))
        }
        s.exceptions = try await store.exceptionEvents()
        s.coverage = try await store.coverage()
        return s
    }
}

/// A reproducible shuffle (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: Tests

@Suite("Inventory store on SQLite and PostgreSQL")
struct InventoryStoreTests {
    typealias S = InventoryScenario

    static func applyAll(_ store: any InventoryStore, _ batches: [InventoryBatch]) async throws {
        for batch in batches { try await store.apply(batch) }
    }

    @Test("applying every batch twice changes no answer", arguments: Backend.allCases)
    func idempotent(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        let once = try await InventorySnapshot.take(test.store)
        try await Self.applyAll(test.store, S.batches)
        try await Self.applyAll(test.store, S.batches.reversed())
        let thrice = try await InventorySnapshot.take(test.store)
        #expect(once == thrice)
        #expect(once.coverage?.artifacts == 5)
    }

    @Test("batches applied in any order, split or merged, give identical answers to every query", arguments: Backend.allCases)
    func orderIndependent(_ backend: Backend) async throws {
        let forward = try await InventoryTestStore.make(backend)
        try await Self.applyAll(forward.store, S.batches)
        let expected = try await InventorySnapshot.take(forward.store)

        let reversed = try await InventoryTestStore.make(backend)
        try await Self.applyAll(reversed.store, S.batches.reversed())
        let reversedAnswers = try await InventorySnapshot.take(reversed.store)
        #expect(reversedAnswers == expected, "\(reversedAnswers)\n---\n\(expected)")

        // Everything in one batch, each record list shuffled.
        var generator = SeededGenerator(state: 42)
        var merged = InventoryBatch()
        for batch in S.batches.shuffled(using: &generator) { merged.merge(batch) }
        merged.artifacts.shuffle(using: &generator)
        merged.sboms.shuffle(using: &generator)
        merged.deployments.shuffle(using: &generator)
        merged.tags.shuffle(using: &generator)
        merged.findings.shuffle(using: &generator)
        let single = try await InventoryTestStore.make(backend)
        try await single.store.apply(merged)
        #expect(try await InventorySnapshot.take(single.store) == expected)

        // One record per batch, shuffled.
        var pieces: [InventoryBatch] = []
        for batch in S.batches {
            for record in batch.artifacts { var b = InventoryBatch(); b.artifacts = [record]; pieces.append(b) }
            for record in batch.sboms { var b = InventoryBatch(); b.sboms = [record]; pieces.append(b) }
            for record in batch.provenance { var b = InventoryBatch(); b.provenance = [record]; pieces.append(b) }
            for record in batch.signatures { var b = InventoryBatch(); b.signatures = [record]; pieces.append(b) }
            for record in batch.decisions { var b = InventoryBatch(); b.decisions = [record]; pieces.append(b) }
            for record in batch.deployments { var b = InventoryBatch(); b.deployments = [record]; pieces.append(b) }
            for record in batch.tags { var b = InventoryBatch(); b.tags = [record]; pieces.append(b) }
            for record in batch.findings { var b = InventoryBatch(); b.findings = [record]; pieces.append(b) }
            for event in batch.exceptionEvents { var b = InventoryBatch(); b.exceptionEvents = [event]; pieces.append(b) }
        }
        let scattered = try await InventoryTestStore.make(backend)
        try await Self.applyAll(scattered.store, pieces.shuffled(using: &generator))
        #expect(try await InventorySnapshot.take(scattered.store) == expected)
    }

    @Test("first seen is the earliest sighting, last seen the latest; identity fills in from the earliest sighting", arguments: Backend.allCases)
    func seenWindowAndIdentity(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        let rows = try await test.store.artifacts([S.app1, S.app2, S.unknown6, S.app1])
        #expect(rows.map(\.digest) == [S.app1, S.app2].sorted(by: InventoryStoreSupport.less))
        let app1 = try #require(rows.first { $0.digest == S.app1 })
        // Sightings at 9 (version only), 10 (full identity), 11/12/13 (SBOM, facts), 50 (another name), 70, 80.
        #expect(app1.firstSeen == invTime(9))
        #expect(app1.lastSeen == invTime(80))
        #expect(app1.name == "app")              // 10 beats 50
        #expect(app1.version == "1.0.0-rc")      // 9 beats 10
        #expect(app1.purl == "pkg:oci/app@1.0.0?repository_url=r.example/app")
        #expect(app1.mediaType == "application/vnd.oci.image.manifest.v1+json")
        #expect(app1.sbomCount == 1)
        let app2 = try #require(rows.first { $0.digest == S.app2 })
        #expect(app2.firstSeen == invTime(20) && app2.lastSeen == invTime(23))
        #expect(app2.version == "1.1.0" && app2.purl == "pkg:oci/app@1.1.0" && app2.mediaType == nil)

        // A later batch with an even earlier name wins; nil never replaces a value.
        var batch = InventoryBatch()
        batch.artifacts = [InventoryArtifactRecord(digest: S.app1, name: "app-original", time: invTime(1)),
                           InventoryArtifactRecord(digest: S.app1, time: invTime(0))]
        try await test.store.apply(batch)
        let updated = try #require(try await test.store.artifacts([S.app1]).first)
        #expect(updated.name == "app-original" && updated.version == "1.0.0-rc" && updated.firstSeen == invTime(0))
        #expect(updated.purl == app1.purl)
    }

    @Test("an artifact's components are the union over its SBOMs, with the strongest relationship", arguments: Backend.allCases)
    func componentUnion(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        let components = try await test.store.components(of: S.app3)
        #expect(components.map(\.purl) == ["pkg:npm/debug@2.6.9", "pkg:npm/lodash@4.17.21", "pkg:pypi/requests@2.31.0"])
        #expect(components.map(\.relationship) == [.direct, .transitive, .direct])
        #expect(components[0].licenses == ["MIT"] && components[0].name == "debug" && components[0].version == "2.6.9")
        #expect(components[2].ecosystem == "pypi")
        #expect(try await test.store.artifacts([S.app3]).first?.sbomCount == 2)
        #expect(try await test.store.components(of: S.noSBOM5).isEmpty)
        // lodash@4.17.20's licenses are the union over the SBOMs that name it.
        let lodash = try await test.store.artifactsContaining(packageKey: "pkg:npm/lodash", versions: ["4.17.20"])
        #expect(lodash.map(\.artifact) == [S.app1, S.lib4].sorted(by: InventoryStoreSupport.less))
        #expect(lodash.allSatisfy { $0.component.licenses == ["CC0-1.0", "MIT"] })
        #expect(lodash.first { $0.artifact == S.app1 }?.component.relationship == .direct)
        #expect(lodash.first { $0.artifact == S.lib4 }?.component.relationship == .unknown)
    }

    @Test("versions filter the artifacts containing a package; package keys find other versions", arguments: Backend.allCases)
    func versionsAndPackageKeys(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        #expect(try await test.store.componentVersions(packageKey: "pkg:npm/lodash") == ["4.17.20", "4.17.21"])
        #expect(try await test.store.componentVersions(packageKey: "pkg:npm/absent").isEmpty)
        let all = try await test.store.artifactsContaining(packageKey: "pkg:npm/lodash", versions: nil)
        #expect(Set(all.map(\.artifact)) == [S.app1, S.app2, S.app3, S.lib4])
        #expect(all.map(\.component.purl) == all.map(\.component.purl).sorted())
        let fixed = try await test.store.artifactsContaining(packageKey: "pkg:npm/lodash", versions: ["4.17.21", "9.9.9"])
        #expect(Set(fixed.map(\.artifact)) == [S.app2, S.app3])
        #expect(try await test.store.artifactsContaining(packageKey: "pkg:npm/lodash", versions: []).isEmpty)
        #expect(try await test.store.artifactsContaining(packageKey: "pkg:npm/absent", versions: nil).isEmpty)
        // Several packages in one call (the incident's recovery order): each answer as asked alone, in order.
        let asked: [(packageKey: String, versions: [String]?)] = [("pkg:npm/lodash", ["4.17.21", "9.9.9"]), ("pkg:npm/absent", nil),
                                                                  ("pkg:npm/lodash", nil), ("pkg:npm/lodash", [])]
        let batched = try await test.store.artifactsContaining(packages: asked)
        #expect(batched.count == 4)
        #expect(batched.map { $0.map(\.artifact) } == [fixed.map(\.artifact), [], all.map(\.artifact), []])
        #expect(batched[2].map(\.component) == all.map(\.component))
        #expect(try await test.store.artifactsContaining(packages: []).isEmpty)

        // Artifacts by package: the purl's key (app1, app2 and the SBOM-less app5), oldest first; else the name.
        let apps = try await test.store.artifacts(packageKey: "pkg:oci/app")
        #expect(apps.map(\.digest) == [S.noSBOM5, S.app1, S.app2])
        #expect(try await test.store.artifacts(packageKey: "worker").map(\.digest) == [S.app3])
        #expect(try await test.store.artifacts(packageKey: "app").isEmpty) // app1 and app2 have purls
    }

    @Test("provenance is searchable by each field, of any trust source", arguments: Backend.allCases)
    func provenanceFields(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        let store = test.store
        #expect(try await store.artifacts(withProvenance: .repository, equalTo: "github.com/acme/app")
                == [S.app1, S.app2].sorted(by: InventoryStoreSupport.less))
        #expect(try await store.artifacts(withProvenance: .commit, equalTo: "aaaa") == [S.app1])
        #expect(try await store.artifacts(withProvenance: .ref, equalTo: "refs/tags/v1") == [S.app1])
        #expect(try await store.artifacts(withProvenance: .workflow, equalTo: ".github/workflows/rogue.yml") == [S.app2])
        #expect(try await store.artifacts(withProvenance: .builder, equalTo: "https://builder.example/v1") == [S.app3])
        #expect(try await store.artifacts(withProvenance: .trigger, equalTo: "push") == [S.app1])
        #expect(try await store.artifacts(withProvenance: .builder, equalTo: "https://other").isEmpty)
        let facts = try await store.provenance(of: [S.app1])
        #expect(facts.count == 1)
        #expect(facts.first?.time == invTime(12) && facts.first?.document == invDigest("att-1"))
        #expect(facts.first?.source == .certificate)
        let signatures = try await store.signatures(of: [S.app1, S.app2])
        #expect(signatures.map(\.trusted) == (InventoryStoreSupport.less(S.app1, S.app2) ? [true, false] : [false, true]))
        // `tollgate key review`'s last use: the latest recorded signature per signer; unseen signers absent.
        let lastUse = try await store.lastSignatureTimes(signers: ["key:zzz", "release@acme.example", "key:never"])
        #expect(lastUse["key:zzz"] == invTime(22))
        #expect(lastUse["release@acme.example"] != nil)
        #expect(lastUse["key:never"] == nil)
        #expect(try await store.lastSignatureTimes(signers: []).isEmpty)
        let decisions = try await store.decisions(of: [S.app2, S.app1])
        #expect(Set(decisions.map(\.decision)) == ["allow", "deny"])
        #expect(decisions.first { $0.artifact == S.app1 }?.ledgerIndex == 7)
    }

    @Test("deployments: a newer digest in a slot replaces the older, running:false removes, tags without digests are listed",
          arguments: Backend.allCases)
    func deployments(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        let store = test.store
        let app1 = try await store.deployments(of: [S.app1])
        let api1 = try #require(app1.first { $0.service == "api" })
        #expect(!api1.running)
        #expect(api1.firstSeen == invTime(40) && api1.lastSeen == invTime(41))
        #expect(api1.reference == "r.example/app@\(S.app1)") // the earliest sighting's reference
        let dev1 = try #require(app1.first { $0.environment == "dev" })
        #expect(dev1.running) // 45 is later than the unknown digest's 44
        let api2 = try #require(try await store.deployments(of: [S.app2]).first)
        #expect(api2.running && api2.environment == "prod" && api2.cluster == "eu-1" && api2.namespace == "shop")
        let worker = try #require(try await store.deployments(of: [S.app3]).first)
        #expect(!worker.running && worker.lastSeen == invTime(55))
        let unknown = try await store.deployments(of: [S.unknown6])
        #expect(unknown.map(\.environment) == ["dev", "qa"])
        #expect(unknown.map(\.running) == [false, true])
        let tagOnly = try await store.deploymentsWithoutDigest()
        #expect(tagOnly.count == 1)
        #expect(tagOnly.first?.reference == "r.example/batch:stable" && tagOnly.first?.running == true)
        #expect(tagOnly.first?.namespace == nil && tagOnly.first?.cluster == "us-1")

        // The removed worker comes back with the same digest: running again.
        var batch = InventoryBatch()
        batch.deployments = [InventoryDeploymentRecord(environment: "staging", cluster: "eu-1", namespace: "shop",
                                                       service: "worker", digest: S.app3, time: invTime(90))]
        try await store.apply(batch)
        let back = try #require(try await store.deployments(of: [S.app3]).first)
        #expect(back.running && back.firstSeen == invTime(42) && back.lastSeen == invTime(90))
        // A removal with neither digest nor reference stops whatever ran in the slot.
        batch.deployments = [InventoryDeploymentRecord(environment: "prod", cluster: "eu-1", namespace: "shop",
                                                       service: "api", digest: nil, running: false, time: invTime(91))]
        try await store.apply(batch)
        #expect(try await store.deployments(of: [S.app2]).first?.running == false)
        #expect(try await store.deploymentsWithoutDigest().count == 1)
    }

    @Test("deployments of a few digests (index probes) and of many (one pass) agree", arguments: Backend.allCases)
    func deploymentsFewAndMany(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        var batch = InventoryBatch()
        let digests = (0..<40).map { invDigest("many-\($0)") }
        for (index, digest) in digests.enumerated() {
            for environment in ["prod", "staging"] where index % 3 != 0 || environment == "prod" {
                batch.deployments.append(InventoryDeploymentRecord(
                    environment: environment, cluster: index % 2 == 0 ? "a" : nil, namespace: "ns\(index % 4)",
                    service: "svc\(index % 7)", digest: digest, time: invTime(Double(index))))
            }
        }
        try await test.store.apply(batch)
        let all = try await test.store.deployments(of: digests)
        #expect(all.count == batch.deployments.count)
        var one: [InventoryDeploymentRow] = []
        for digest in digests { one += try await test.store.deployments(of: [digest]) }
        var expected = one
        InventoryStoreSupport.sortDeployments(&expected)
        #expect(all == expected)
        #expect(Set(all.compactMap(\.digest)) == Set(digests))
        // The latest sighting per slot is the only running row of the slot.
        let slots = Dictionary(grouping: all) { "\($0.environment)|\($0.cluster ?? "-")|\($0.namespace ?? "-")|\($0.service ?? "-")" }
        #expect(slots.values.allSatisfy { rows in rows.filter(\.running).count == 1 })
    }

    @Test("tag history follows a moved tag", arguments: Backend.allCases)
    func movedTag(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        let latest = try await test.store.tagObservations(repository: "r.example/app", tag: "latest")
        #expect(latest.map(\.digest) == [S.app1, S.app2])
        #expect(latest.map(\.time) == [invTime(10), invTime(21)])
        // Asking about app1 brings the whole history of every tag that ever pointed at it.
        let history = try await test.store.tagHistory(of: [S.app1])
        #expect(history == latest)
        let both = try await test.store.tagHistory(of: [S.app2])
        #expect(both.count == 3 && Set(both.map(\.tag)) == ["latest", "1.1.0"])
        #expect(try await test.store.tagHistory(of: [S.lib4]).isEmpty)
    }

    @Test("findings keep their first sighting; exception events are a set", arguments: Backend.allCases)
    func findingsAndExceptions(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        #expect(try await test.store.firstSeen(advisory: "GHSA-lodash", purl: "pkg:npm/lodash@4.17.20") == invTime(45))
        #expect(try await test.store.firstSeen(advisory: "GHSA-debug", purl: "pkg:npm/debug@2.6.9") == invTime(70))
        #expect(try await test.store.firstSeen(advisory: "GHSA-lodash", purl: "pkg:npm/lodash@4.17.21") == nil)
        #expect(try await test.store.exceptionEvents() == ["granted:prod:EX-1", "expired:prod:EX-1"])
    }

    @Test("coverage counts what the inventory lacks", arguments: Backend.allCases)
    func coverage(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        #expect(try await test.store.coverage() == InventoryCoverage(
            artifacts: 0, artifactsWithoutSBOM: 0, artifactsWithoutTrustedProvenance: 0, deployments: 0,
            deploymentsWithoutDigest: 0, deploymentsOfUnknownArtifacts: 0, componentRows: 0))
        try await Self.applyAll(test.store, S.batches)
        // Artifacts app1, app2, app3, lib4, app5; SBOMs for 1–4; trusted provenance for app1 (certificate) and
        // app3 (signed statement). Deployment rows: api×2, worker, batch (tag), dev×2, qa. Running on unknown
        // artifacts: qa (dev's unknown digest was replaced by app1).
        let expected = InventoryCoverage(artifacts: 5, artifactsWithoutSBOM: 1, artifactsWithoutTrustedProvenance: 3,
                                         deployments: 7, deploymentsWithoutDigest: 1, deploymentsOfUnknownArtifacts: 1,
                                         componentRows: 9)
        #expect(try await test.store.coverage() == expected)

        // The unknown digest becomes a known artifact: no running deployment is of an unknown artifact.
        var batch = InventoryBatch()
        batch.artifacts = [InventoryArtifactRecord(digest: S.unknown6, time: invTime(100))]
        try await test.store.apply(batch)
        var known = expected
        known.artifacts = 6
        known.artifactsWithoutSBOM = 2
        known.artifactsWithoutTrustedProvenance = 4
        known.deploymentsOfUnknownArtifacts = 0
        #expect(try await test.store.coverage() == known)
    }

    @Test("reset empties the store and it fills again the same way", arguments: Backend.allCases)
    func reset(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        let before = try await InventorySnapshot.take(test.store)
        // A second store object (another process) caches component ids; reset must invalidate them.
        let other = try test.reopen()
        // The revision (what cached incident answers are keyed by) moves with every batch and reset, seen by every store object.
        let start = try #require(try await test.store.revision())
        try await other.apply(S.batches[0])
        let applied = try #require(try await test.store.revision())
        #expect(applied > start)
        try await test.store.reset()
        #expect(try #require(try await other.revision()) > applied)
        let empty = try await InventorySnapshot.take(test.store)
        #expect(empty.artifacts.isEmpty && empty.deployments.isEmpty && empty.exceptions.isEmpty && empty.tagHistory.isEmpty)
        #expect(empty.coverage == InventoryCoverage(artifacts: 0, artifactsWithoutSBOM: 0, artifactsWithoutTrustedProvenance: 0,
                                                    deployments: 0, deploymentsWithoutDigest: 0,
                                                    deploymentsOfUnknownArtifacts: 0, componentRows: 0))
        try await Self.applyAll(other, S.batches)
        #expect(try await InventorySnapshot.take(test.store) == before)
    }

    @Test("several store objects applying at once lose nothing", arguments: Backend.allCases)
    func concurrentWriters(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        let writers = 4, batchesPerWriter = 50
        func batch(_ writer: Int, _ index: Int) -> InventoryBatch {
            let n = writer * batchesPerWriter + index
            var batch = InventoryBatch()
            let own = invDigest("w\(writer)-\(index)")
            let time = Double(n)
            batch.artifacts = [InventoryArtifactRecord(digest: own, name: "w\(writer)", version: "\(index)", time: invTime(time)),
                               InventoryArtifactRecord(digest: invDigest("shared"), name: "shared-\(n)", time: invTime(time))]
            // Components overlap between writers: the same purls are created concurrently.
            let components = (0..<20).map { k in
                InventoryScenario.component("pkg:npm/c\((n * 7 + k) % 60)@1.\(k % 3).0", k % 2 == 0 ? .direct : .transitive)
            }
            batch.sboms = [InventorySBOMRecord(artifact: own, document: invDigest("doc-\(n)"), format: "cyclonedx",
                                               components: components, time: invTime(time)),
                           InventorySBOMRecord(artifact: invDigest("shared"), document: invDigest("shared-doc-\(n % 10)"),
                                               format: "spdx", components: Array(components.prefix(3)), time: invTime(time))]
            batch.deployments = [InventoryDeploymentRecord(environment: "prod", service: "shared", digest: own, time: invTime(time)),
                                 InventoryDeploymentRecord(environment: "w\(writer)", service: "own", digest: own, time: invTime(time))]
            batch.tags = [TagObservationRecord(repository: "r.example/shared", tag: "latest", digest: own, time: invTime(time))]
            batch.findings = [InventoryFindingRecord(advisory: "GHSA-c", purl: components[0].purl, time: invTime(time))]
            batch.exceptionEvents = ["granted:p:\(n % 13)"]
            return batch
        }
        let stores = try (0..<writers).map { _ in try test.reopen() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (writer, store) in stores.enumerated() {
                group.addTask {
                    for index in 0..<batchesPerWriter { try await store.apply(batch(writer, index)) }
                }
            }
            try await group.waitForAll()
        }
        // The same batches applied one after another by one store.
        let sequential = try await InventoryTestStore.make(backend)
        for writer in 0..<writers {
            for index in 0..<batchesPerWriter { try await sequential.store.apply(batch(writer, index)) }
        }
        var digests = [invDigest("shared")]
        for writer in 0..<writers { for index in 0..<batchesPerWriter { digests.append(invDigest("w\(writer)-\(index)")) } }
        let keys = (0..<60).map { "pkg:npm/c\($0)" }
        let concurrent = try await InventorySnapshot.take(test.store, digests: digests, packageKeys: keys)
        let expected = try await InventorySnapshot.take(sequential.store, digests: digests, packageKeys: keys)
        #expect(concurrent == expected)
        let coverage = try #require(concurrent.coverage)
        #expect(coverage.artifacts == writers * batchesPerWriter + 1)
        #expect(coverage.deployments == 2 * writers * batchesPerWriter)
        #expect(concurrent.deployments.filter(\.running).count == writers + 1)
        let shared = try #require(concurrent.artifacts.first { $0.digest == invDigest("shared") })
        #expect(shared.firstSeen == invTime(0) && shared.lastSeen == invTime(Double(writers * batchesPerWriter - 1)))
        #expect(shared.name == "shared-0" && shared.sbomCount == 10)
        #expect(try await test.store.tagObservations(repository: "r.example/shared", tag: "latest").count == writers * batchesPerWriter)
        #expect(try await test.store.exceptionEvents().count == 13)
    }

    @Test("corrupt stored rows are store.corrupt, not a crash", arguments: Backend.allCases)
    func corruptRows(_ backend: Backend) async throws {
        let test = try await InventoryTestStore.make(backend)
        try await Self.applyAll(test.store, S.batches)
        // A digest with an unknown algorithm code (SQLite: text where a blob belongs).
        try await test.executeUnsafe("""
            UPDATE §inv_artifact SET purl_key = 'x', digest = '\\x0901' WHERE id = (SELECT min(id) FROM §inv_artifact)
            """)
        await #expect { try await test.store.artifacts(packageKey: "x") } throws: { error in
            (error as? StoreError)?.kind == .corrupt
        }
        // A digest of the wrong length.
        try await test.executeUnsafe("UPDATE §inv_tag SET digest = '\\x0102'")
        await #expect { try await test.store.tagObservations(repository: "r.example/app", tag: "latest") } throws: { error in
            (error as? StoreError)?.kind == .corrupt
        }
    }

    @Test("an unreachable or unprepared database is a StoreError")
    func unavailable() async throws {
        let missing = try InventoryStorePostgres(url: "postgres://tollgate@127.0.0.1:1/none", schema: "x")
        await #expect { try await missing.coverage() } throws: { error in (error as? StoreError)?.kind == .unavailable }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-inventory-\(UUID().uuidString)")
        let unprepared = try InventoryStoreSQLite(path: directory.appendingPathComponent("inventory.sqlite").path)
        await #expect { try await unprepared.apply(S.batches[0]) } throws: { error in (error as? StoreError)?.kind == .io }
        #expect(throws: StoreError.self) { try InventoryStorePostgres(url: "http://nope", schema: "x") }
        #expect(throws: StoreError.self) { try InventoryStorePostgres(url: "postgres://u@h/d", schema: "Bad-Name") }
    }
}

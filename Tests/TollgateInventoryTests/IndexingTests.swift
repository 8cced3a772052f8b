import Foundation
import Testing
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateSBOM
import TollgateStore

/// Ledger entries → inventory rows: SBOM subjects and relationships from real SBOMs, entries written
/// before the database (legacy payloads), and payloads that cannot be indexed.
@Suite("Indexing ledger entries")
struct IndexingTests {
    static let subjects: [(String, String?)] = [
        // CycloneDX metadata.component.hashes (SHA-256 preferred over SHA-1).
        ("sbom/cern-lhc-vdm-editor.with-subject-hash.cdx.json", "sha256:02fe7953521a20dca19e37c00e52d4bd6dada563b00050aa50ea470b48ee00f6"),
        // An OCI purl whose version is the digest.
        ("sbom/cern-lhc-vdm-editor.oci-purl.cdx.json", "sha256:fc1133e07398b0f2389043cac4ae1ef76296a283dad8d226e4693ac02a690ad5"),
        // SPDX: the described package's SHA256 checksum.
        ("sbom/SPDXJSONExample-v2.3.spdx.json", "sha256:11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd"),
        // Real SBOMs that name no digest for their subject.
        ("sbom/cern-lhc-vdm-editor-e564943__bom.json", nil),
        ("sbom/laravel-7.12.0__bom.1.4.json", nil),
    ]

    @Test("the artifact digest comes from the SBOM's own subject, never a guess", arguments: subjects.indices)
    func subjectDigest(_ index: Int) throws {
        let (file, expected) = Self.subjects[index]
        let data = try Fixtures.data(file)
        if let expected {
            let item = try SBOMImport(data: data, file: file, artifact: nil)
            #expect(item.artifact.description == expected)
            #expect(item.artifactSource == "subject")
        } else {
            #expect {
                try SBOMImport(data: data, file: file, artifact: nil)
            } throws: { error in
                guard let error = error as? InventoryError else { return false }
                return error.kind == .noSubject && error.reason.contains("--artifact")
            }
            let given = Digest.of(file)
            #expect(try SBOMImport(data: data, file: file, artifact: given).artifact == given)
        }
    }

    @Test("direct and transitive components follow the SBOM's dependency graph from its subject")
    func relationships() throws {
        let sbom = try SBOMReader.read(data: Fixtures.data("sbom/laravel-7.12.0__bom.1.4.json")).sbom
        let components = SBOMComponents.records(of: sbom)
        #expect(components.count == 62)
        let byPurl = Dictionary(uniqueKeysWithValues: components.map { ($0.purl, $0.relationship) })
        #expect(byPurl["pkg:composer/laravel/laravel@v7.12.0"] == .direct)
        #expect(byPurl["pkg:composer/symfony/routing@v5.4.15"] == .transitive)
        #expect(components.filter { $0.relationship == .direct }.count == 1)
        #expect(components.allSatisfy { $0.ecosystem == "composer" })
        // The XML rendering of the same SBOM gives the same components.
        let xml = SBOMComponents.records(of: try SBOMReader.read(data: Fixtures.data("sbom/laravel-7.12.0__bom.1.4.xml")).sbom)
        #expect(Set(xml.map(\.purl)) == Set(components.map(\.purl)))
        // No dependency graph: relationships are unknown, not guessed.
        let cern = SBOMComponents.records(of: try SBOMReader.read(data: Fixtures.data("sbom/cern-lhc-vdm-editor-e564943__bom.json")).sbom)
        #expect(!cern.isEmpty && cern.allSatisfy { $0.relationship == .unknown })
    }

    @Test("an SPDX document's described package is the artifact, not one of its components")
    func spdxSubjectNotAComponent() throws {
        let sbom = try SBOMReader.read(data: Fixtures.data("sbom/SPDXJSONExample-v2.3.spdx.json")).sbom
        let components = SBOMComponents.records(of: sbom)
        #expect(!components.contains { $0.name == "glibc" })
        #expect(components.contains { $0.purl == "pkg:maven/org.apache.jena/apache-jena@3.12.0" })
    }

    @Test("an imported SBOM is stored once by digest and indexed with its components", arguments: Backend.allCases)
    func importedSBOM(_ backend: Backend) async throws {
        let world = try await TestInventory.make(backend)
        let data = try Fixtures.data("sbom/cern-lhc-vdm-editor.with-subject-hash.cdx.json")
        let item = try SBOMImport(data: data, file: "cern.cdx.json", artifact: nil)
        try await world.recorder.record(try item.drafts(world.recorder), documents: [item.document: item.bytes])
        // Importing it again changes nothing.
        try await world.recorder.record(try item.drafts(world.recorder), documents: [item.document: item.bytes])
        let stored = try #require(try await world.ledger.underlyingStore.blob(digest: item.document.description))
        #expect(DigestAlgorithm.sha256.hash(stored) == item.document)
        #expect(item.document == SBOMDigest.of(Array(data)))
        let artifact = try #require(try await world.store.artifacts([item.artifact]).first)
        #expect(artifact.name == "lhc-vdm-editor" && artifact.purl == "pkg:npm/lhc-vdm-editor@0.0.1" && artifact.sbomCount == 1)
        #expect(try await world.store.components(of: item.artifact).count == item.components)
        #expect(try await world.ledger.size() == 4)
    }

    @Test("entries written before the inventory database (unversioned payloads) are indexed", arguments: Backend.allCases)
    func legacyPayloads(_ backend: Backend) async throws {
        let world = try await TestInventory.make(backend)
        let digest = Digest.of("legacy app")
        let tag = #"{"digest":"\#(digest)","repository":"registry.example/app","tag":"1.0","time":"2026-03-01T00:00:00Z"}"#
        let deployment = #"{"digest":"\#(digest)","environment":"production","cluster":"eu-1","reference":"registry.example/app:1.0","service":"app","time":"2026-03-02T00:00:00Z"}"#
        try await world.recorder.record([
            try LedgerEntryDraft(kind: .tagObserved, actor: "old", payload: Data(tag.utf8)),
            try LedgerEntryDraft(kind: .deploymentRecorded, actor: "old", payload: Data(deployment.utf8)),
        ])
        let observations = try await world.store.tagObservations(repository: "registry.example/app", tag: "1.0")
        #expect(observations.map(\.time) == [ISO8601.parse("2026-03-01T00:00:00Z")])
        let rows = try await world.store.deployments(of: [digest])
        #expect(rows.count == 1 && rows.first?.running == true && rows.first?.reference == "registry.example/app:1.0")
        #expect(rows.first?.firstSeen == ISO8601.parse("2026-03-02T00:00:00Z"))
    }

    @Test("a hand-written entry of a built-in kind is skipped by a rebuild, counted and named", arguments: Backend.allCases)
    func unindexableEntry(_ backend: Backend) async throws {
        let world = try await TestInventory.make(backend)
        _ = try await world.ledger.append(kind: .artifactRegistered, actor: "operator", payload: Data(#"{"m":1}"#.utf8))
        _ = try await world.ledger.append(kind: .note, actor: "operator", payload: Data(#"{"m":2}"#.utf8))
        let report = try await InventoryRebuilder(ledger: world.ledger, store: world.store).rebuild()
        #expect(report.entries == 2 && report.skipped == 1 && report.indexed == 0)
        #expect(report.skippedEntries.first?.index == 0)
        #expect(report.skippedEntries.first?.reason.contains("schemaVersion") == true)
    }

    @Test("an SBOM entry whose document is missing is an error, not an empty artifact; a rebuild skips it", arguments: Backend.allCases)
    func missingDocument(_ backend: Backend) async throws {
        let world = try await TestInventory.make(backend)
        let entry = SBOMImportedEntry(artifact: .of("a"), document: .of("no such document"), format: "cyclonedx", via: "import")
        await #expect {
            try await world.recorder.record([try world.recorder.draft(.sbomImported, entry)])
        } throws: { ($0 as? InventoryError)?.kind == .missingDocument }
        #expect(try await world.store.artifacts([.of("a")]).isEmpty)
        let report = try await InventoryRebuilder(ledger: world.ledger, store: world.store).rebuild()
        #expect(report.skipped == 1 && report.skippedEntries.first?.reason.contains("not stored beside") == true)
    }
}

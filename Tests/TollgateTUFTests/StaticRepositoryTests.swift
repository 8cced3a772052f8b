import Foundation
import Testing
import TollgateModel
@testable import TollgateTUF

/// Repositories made by other tools: python-tuf's test repository (RSA-PSS root key, ed25519
/// roles, no consistent snapshots) and tuf-on-ci 0.11 (ECDSA keys, empty signatures for keys that
/// did not sign, custom fields, a delegated role).
@Suite struct StaticRepositoryTests {
    @Test func pythonTUFsRepositoryVerifiesAndItsTargetsDownload() async throws {
        let base = Fixtures.url("python-tuf-repository")
        let directory = try Fixtures.temporaryDirectory("python-tuf-client")
        try TUFDirectoryStore(directory: directory).store(role: "root", bytes: try Fixtures.bytes("python-tuf-repository/metadata/1.root.json"))
        let fetcher = TUFDirectoryFetcher(metadataDirectory: base.appendingPathComponent("metadata"),
                                          targetsDirectory: base.appendingPathComponent("targets"))
        let updater = try TUFUpdater(store: TUFDirectoryStore(directory: directory), fetcher: fetcher,
                                     referenceTime: Date(timeIntervalSince1970: 1_800_000_000))
        try await updater.refresh()
        for name in ["file1.txt", "file2.txt"] {
            let info = try #require(try await updater.targetInfo(for: name))
            #expect(try await updater.download(info) == (try Fixtures.bytes("python-tuf-repository/targets/\(name)")))
        }
        // file3.txt is delegated to role1.
        let info = try #require(try await updater.targetInfo(for: "file3.txt"))
        #expect(try await updater.download(info) == (try Fixtures.bytes("python-tuf-repository/targets/file3.txt")))
    }

    @Test func theRSAPSSRootKeyOfPythonTUFsRepositoryVerifies() throws {
        let metadata = try UnverifiedTUFMetadata(bytes: Fixtures.bytes("python-tuf-repository/metadata/root.json"), maxBytes: 1 << 20, role: "root")
        let root = try TUFRoot(metadata)
        #expect(root.keys.values.contains { $0.scheme == "rsassa-pss-sha256" })
        #expect(root.verdict(for: metadata, as: .root).isMet)
    }

    @Test func tufOnCIsDelegatedArtifactDownloadsAtItsFakeTime() async throws {
        let base = Fixtures.url("tuf-on-ci-0.11")
        let directory = try Fixtures.temporaryDirectory("tuf-on-ci-client")
        try TUFDirectoryStore(directory: directory).store(role: "root", bytes: try Fixtures.bytes("tuf-on-ci-0.11/initial_root.json"))
        let fetcher = TUFDirectoryFetcher(metadataDirectory: base.appendingPathComponent("metadata"),
                                          targetsDirectory: base.appendingPathComponent("targets"))
        // faketime: 2025-02-09 09:17:23+00:00
        let updater = try TUFUpdater(store: TUFDirectoryStore(directory: directory), fetcher: fetcher,
                                     referenceTime: Date(timeIntervalSince1970: 1_739_092_643))
        let info = try #require(try await updater.targetInfo(for: "delegatedrole/artifact"))
        let bytes = try await updater.download(info)
        #expect(bytes.count == info.length)
        #expect(await updater.root.version == 1)
    }
}

/// The repository python-tuf generated (scripts/tuf/make-test-repository.py): every key type the
/// client supports, signed by python-tuf/securesystemslib, served as Sigstore's CDN serves its own.
@Suite struct GeneratedRepositoryTests {
    @Test func aRepositorySignedByPythonTUFWithRSAECDSAAndEd25519KeysVerifiesAndItsTargetsDownload() async throws {
        let base = Fixtures.url("generated-repository")
        let directory = try Fixtures.temporaryDirectory("generated-client")
        try TUFDirectoryStore(directory: directory).store(role: "root", bytes: try Fixtures.bytes("generated-repository/initial_root.json"))
        let fetcher = TUFDirectoryFetcher(metadataDirectory: base.appendingPathComponent("metadata"),
                                          targetsDirectory: base.appendingPathComponent("targets"))
        let updater = try TUFUpdater(store: TUFDirectoryStore(directory: directory), fetcher: fetcher)
        try await updater.refresh()
        #expect(await updater.root.version == 2)
        let trusted = try #require(try await updater.targetInfo(for: "trusted_root.json"))
        #expect(try await updater.download(trusted) == (try Fixtures.bytes("sigstore-root-signing/targets/trusted_root.json")))
        let npm = try #require(try await updater.targetInfo(for: "registry.npmjs.org/keys.json"))
        #expect(try await updater.download(npm) == (try Fixtures.bytes("sigstore-root-signing/targets/registry.npmjs.org/keys.json")))
    }

    @Test func aTrustDirectoryUpdatesFromAMirrorAndServesVerifiedTargetsOffline() async throws {
        let base = Fixtures.url("generated-repository")
        let trust = TUFTrustDirectory(directory: try Fixtures.temporaryDirectory("trust"))
        try trust.initialize(repository: base.path, rootBytes: try Fixtures.bytes("generated-repository/initial_root.json"))
        let fetcher = TUFDirectoryFetcher(metadataDirectory: base.appendingPathComponent("metadata"),
                                          targetsDirectory: base.appendingPathComponent("targets"))
        let report = try await trust.update(fetcher: fetcher)
        #expect(report.valid)
        #expect(report.changes.contains { $0.kind == "metadata" && $0.name == "root" && $0.version == 2 && $0.previousVersion == 1 })
        #expect(report.changes.filter { $0.kind == "target" }.map(\.name).sorted() == ["registry.npmjs.org/keys.json", "trusted_root.json"])
        #expect(try await trust.verifiedTarget("trusted_root.json") == (try Fixtures.bytes("sigstore-root-signing/targets/trusted_root.json")))
        #expect(try await trust.status().valid)
        // A second update changes nothing.
        #expect(try await trust.update(fetcher: fetcher).changes.isEmpty)
        // In 2101 the stored metadata has expired: refused, with the way out.
        let later = Date(timeIntervalSince1970: 4_134_067_200)
        let error = await refusal { _ = try await trust.verifiedTarget("trusted_root.json", at: later) }
        #expect(error?.kind == .expired)
        #expect(error?.reason.contains("tollgate trust update") == true)
        #expect(try await trust.status(at: later).valid == false)
    }

    @Test func aStoredTargetThatWasTamperedWithIsRefused() async throws {
        let base = Fixtures.url("generated-repository")
        let trust = TUFTrustDirectory(directory: try Fixtures.temporaryDirectory("trust"))
        try trust.initialize(repository: base.path, rootBytes: try Fixtures.bytes("generated-repository/initial_root.json"))
        _ = try await trust.update(fetcher: TUFDirectoryFetcher(metadataDirectory: base.appendingPathComponent("metadata"),
                                                                targetsDirectory: base.appendingPathComponent("targets")))
        try Data("{}".utf8).write(to: trust.targetURL("trusted_root.json"))
        #expect(await refusal { _ = try await trust.verifiedTarget("trusted_root.json") }?.kind == .lengthOrHashMismatch)
        #expect(try await trust.status().valid == false)
    }

    @Test func aTrustRootNotSignedByItsOwnThresholdIsRefusedAtInit() throws {
        let trust = TUFTrustDirectory(directory: try Fixtures.temporaryDirectory("trust"))
        var bytes = try Fixtures.bytes("generated-repository/initial_root.json")
        if let range = findASCII(bytes, "\"version\": 1") { bytes[range.upperBound - 1] = UInt8(ascii: "7") }
        #expect(throws: TUFError.self) { try trust.initialize(repository: "x", rootBytes: bytes) }
        #expect(!trust.exists)
    }
}

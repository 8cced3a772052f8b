import Foundation
import Testing
import TollgateModel
@testable import TollgateTUF

/// Repositories made by other tools: python-tuf's test repository (RSA-PSS root key, ed25519
/// roles, no consistent snapshots) and tuf-on-ci 0.11 (ECDSA keys, empty signatures for keys that
/// did not sign, custom fields, a delegated role).
@Suite struct StaticRepositoryTests {
    @Test func pythonTUFsRepositoryVerifiesAndItsTargetsDownload() async throws {
        let (updater, _) = try Fixtures.updater(root: "python-tuf-repository/metadata/1.root.json",
                                                fetcher: Fixtures.fetcher(Fixtures.url("python-tuf-repository")),
                                                at: Date(timeIntervalSince1970: 1_800_000_000))
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
        // faketime: 2025-02-09 09:17:23+00:00
        let (updater, _) = try Fixtures.updater(root: "tuf-on-ci-0.11/initial_root.json", fetcher: Fixtures.fetcher(Fixtures.url("tuf-on-ci-0.11")),
                                                at: Date(timeIntervalSince1970: 1_739_092_643))
        let info = try #require(try await updater.targetInfo(for: "delegatedrole/artifact"))
        let bytes = try await updater.download(info)
        #expect(bytes.count == info.length)
        #expect(await updater.root.version == 1)
    }
}

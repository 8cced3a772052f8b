import Foundation
import Testing
import TollgateModel
@testable import TollgateTUF

/// The repository python-tuf generated (scripts/tuf/make-test-repository.py): every key type the
/// client supports, signed by python-tuf/securesystemslib, served as Sigstore's CDN serves its own.
@Suite struct GeneratedRepositoryTests {
    static let fetcher = Fixtures.fetcher(Fixtures.url("generated-repository"))

    static func trustDirectory() throws -> TUFTrustDirectory {
        let trust = TUFTrustDirectory(directory: try Fixtures.temporaryDirectory("trust"))
        try trust.initialize(repository: Fixtures.url("generated-repository").path,
                             rootBytes: try Fixtures.bytes("generated-repository/initial_root.json"))
        return trust
    }

    @Test func aRepositorySignedByPythonTUFWithRSAECDSAAndEd25519KeysVerifiesAndItsTargetsDownload() async throws {
        let (updater, _) = try Fixtures.updater(root: "generated-repository/initial_root.json", fetcher: Self.fetcher)
        try await updater.refresh()
        #expect(await updater.root.version == 2)
        let trusted = try #require(try await updater.targetInfo(for: "trusted_root.json"))
        #expect(try await updater.download(trusted) == (try Fixtures.bytes("sigstore-root-signing/targets/trusted_root.json")))
        let npm = try #require(try await updater.targetInfo(for: "registry.npmjs.org/keys.json"))
        #expect(try await updater.download(npm) == (try Fixtures.bytes("sigstore-root-signing/targets/registry.npmjs.org/keys.json")))
    }

    @Test func aTrustDirectoryUpdatesFromAMirrorAndServesVerifiedTargetsOffline() async throws {
        let trust = try Self.trustDirectory()
        let report = try await trust.update(fetcher: Self.fetcher)
        #expect(report.valid)
        #expect(report.changes.contains { $0.kind == "metadata" && $0.name == "root" && $0.version == 2 && $0.previousVersion == 1 })
        #expect(report.changes.filter { $0.kind == "target" }.map(\.name).sorted() == ["registry.npmjs.org/keys.json", "trusted_root.json"])
        #expect(try await trust.verifiedTarget("trusted_root.json") == (try Fixtures.bytes("sigstore-root-signing/targets/trusted_root.json")))
        #expect(try await trust.status().valid)
        // A second update changes nothing.
        #expect(try await trust.update(fetcher: Self.fetcher).changes.isEmpty)
        // In 2101 the stored metadata has expired: refused, with the way out.
        let later = Date(timeIntervalSince1970: 4_134_067_200)
        let error = await refusal { _ = try await trust.verifiedTarget("trusted_root.json", at: later) }
        #expect(error?.kind == .expired)
        #expect(error?.reason.contains("tollgate trust update") == true)
        #expect(try await trust.status(at: later).valid == false)
    }

    @Test func aStoredTargetThatWasTamperedWithIsRefused() async throws {
        let trust = try Self.trustDirectory()
        _ = try await trust.update(fetcher: Self.fetcher)
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

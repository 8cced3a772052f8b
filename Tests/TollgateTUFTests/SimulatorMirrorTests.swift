import Foundation
import Testing
import TollgateModel
@testable import TollgateTUF

/// A repository published by the tuf-conformance suite's RepositorySimulator and written out as a
/// mirror (`Fixtures/conformance-simulator-mirror`, made by `scripts/tuf/make-simulator-fixture.py`):
/// delegated roles with the suite's unusual names, and each of securesystemslib's key schemes.
@Suite struct SimulatorMirrorTests {
    static let mirror = "conformance-simulator-mirror"
    static let roles = ["?", "#", "/delegatedrole", "../delegatedrole"]

    @Test("a mirror holds delegated roles under their quoted names (1.%2Fdelegatedrole.json): each is read, verified and stored as one file")
    func unusualRoleNamesFromAMirror() async throws {
        let (updater, directory) = try Fixtures.updater(root: "\(Self.mirror)/metadata/1.root.json",
                                                        fetcher: Fixtures.fetcher(Fixtures.url(Self.mirror)))
        try await updater.refresh()
        for (index, role) in Self.roles.enumerated() {
            let info = try #require(try await updater.targetInfo(for: "dir\(index)/file"))
            let bytes = try await updater.download(info)
            #expect(String(decoding: bytes, as: UTF8.self) == "content of dir\(index)/file, listed by role \(role)\n")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["%23.json", "%2Fdelegatedrole.json", "%3F.json", "..%2Fdelegatedrole.json",
                          "root.json", "snapshot.json", "targets.json", "timestamp.json"])
        let parent = directory.deletingLastPathComponent()
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("delegatedrole.json").path))
    }

    @Test("mirror look-ups: the name as requested, then decoded, and never a form leaving the directory", arguments: [
        ("1.%2Fdelegatedrole.json", false, ["1.%2Fdelegatedrole.json"]),
        ("1...%2Fdelegatedrole.json", false, ["1...%2Fdelegatedrole.json"]),
        ("1.a%20b.json", false, ["1.a%20b.json", "1.a b.json"]),
        ("timestamp.json", false, ["timestamp.json"]),
        ("..", false, []), ("%2E%2E", false, ["%2E%2E"]), ("%2Fetc%2Fpasswd", false, ["%2Fetc%2Fpasswd"]),
        ("dir/HASH.file", true, ["dir/HASH.file"]), ("dir/HASH.a%20b", true, ["dir/HASH.a%20b", "dir/HASH.a b"]),
        ("../x", true, []), ("a/../../x", true, []), ("/etc/passwd", true, []), ("%2E%2E/x", true, ["%2E%2E/x"]),
        ("a//b", true, []), ("bad%ZZ", false, ["bad%ZZ"]),
    ])
    func mirrorLookUps(_ name: String, _ subdirectories: Bool, _ expected: [String]) {
        #expect(TUFDirectoryFetcher.relativePaths(for: name, allowSubdirectories: subdirectories) == expected)
    }

    @Test("a metadata name that decodes to a path is not read from a subdirectory of the mirror")
    func decodedSlashIsNotASubdirectory() async throws {
        let mirror = try Fixtures.temporaryDirectory("mirror")
        try FileManager.default.createDirectory(at: mirror.appendingPathComponent("1."), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: mirror.appendingPathComponent("1./delegatedrole.json"))
        let fetcher = TUFDirectoryFetcher(metadataDirectory: mirror, targetsDirectory: mirror)
        let error = await #expect(throws: TUFError.self) {
            _ = try await fetcher.fetchMetadata("1.%2Fdelegatedrole.json", maxLength: 100)
        }
        #expect(error?.kind == .notFound)
    }

    @Test("rsa-pkcs1v15-sha256 keys verify with PKCS#1 v1.5 padding only; the simulator's root signs with one")
    func pkcs1v15Scheme() throws {
        let metadata = try UnverifiedTUFMetadata(bytes: try Fixtures.bytes("\(Self.mirror)/metadata/1.root.json"),
                                                 maxBytes: 512_000, role: "root")
        let root = try TUFRoot(metadata)
        let keyID = try #require(root.roleKeys(.root).keyIDs.first)
        let key = try #require(root.keys[keyID])
        #expect(key.scheme == "rsa-pkcs1v15-sha256")
        let signature = try #require(metadata.signatures.first { $0.keyID == keyID })
        #expect(key.verify(signatureHex: signature.signatureHex, message: metadata.canonicalSigned).isValid)
        let asPSS = TUFKey(keyType: key.keyType, scheme: "rsassa-pss-sha256", publicValue: key.publicValue)
        #expect(!asPSS.verify(signatureHex: signature.signatureHex, message: metadata.canonicalSigned).isValid)
        try root.requireSigned(metadata, as: .root)
    }
}

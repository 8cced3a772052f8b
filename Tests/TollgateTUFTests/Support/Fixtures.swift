import Foundation
import TollgateModel
import TollgateTUF

/// The copied test data (`Fixtures/SOURCES.md` names where each file comes from).
enum Fixtures {
    static var root: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: url(path))) }

    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// 2026-08-22T00:00:00Z: every Sigstore fixture role is current (timestamp v762 expires 2026-08-28).
    static let sigstoreNow = Date(timeIntervalSince1970: 1_787_356_800)

    /// The Sigstore root-signing snapshot laid out as the CDN serves it (consistent snapshots):
    /// `metadata/N.root.json` for N = 2…15, `timestamp.json`, `165.snapshot.json`, `14.targets.json`,
    /// `8.registry.npmjs.org.json`, and `targets/HASH.NAME`. `edit` may change a file before it is written.
    static func sigstoreMirror(edit: (String, inout [UInt8]) -> Void = { _, _ in }) throws -> URL {
        let mirror = try temporaryDirectory("sigstore-mirror")
        let metadata = mirror.appendingPathComponent("metadata"), targets = mirror.appendingPathComponent("targets")
        try FileManager.default.createDirectory(at: metadata, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: targets.appendingPathComponent("registry.npmjs.org"), withIntermediateDirectories: true)
        var files: [(String, String)] = (2...15).map { ("sigstore-root-signing/metadata/root_history/\($0).root.json", "metadata/\($0).root.json") }
        files += [("sigstore-root-signing/metadata/timestamp.json", "metadata/timestamp.json"),
                  ("sigstore-root-signing/metadata/snapshot.json", "metadata/165.snapshot.json"),
                  ("sigstore-root-signing/metadata/targets.json", "metadata/14.targets.json"),
                  ("sigstore-root-signing/metadata/registry.npmjs.org.json", "metadata/8.registry.npmjs.org.json")]
        for (source, destination) in files {
            var bytes = try Fixtures.bytes(source)
            edit(destination, &bytes)
            try Data(bytes).write(to: mirror.appendingPathComponent(destination))
        }
        for (source, directory) in [("trusted_root.json", ""), ("registry.npmjs.org/keys.json", "registry.npmjs.org/")] {
            let bytes = try Fixtures.bytes("sigstore-root-signing/targets/\(source)")
            let name = (source as NSString).lastPathComponent
            let hash = sha256Hex(bytes)
            try Data(bytes).write(to: targets.appendingPathComponent("\(directory)\(hash).\(name)"))
        }
        return mirror
    }

    /// A fetcher over `repository/metadata` and `repository/targets` below the fixtures (or any URL).
    static func fetcher(_ repository: URL) -> TUFDirectoryFetcher {
        TUFDirectoryFetcher(metadataDirectory: repository.appendingPathComponent("metadata"),
                            targetsDirectory: repository.appendingPathComponent("targets"))
    }

    /// An updater whose new metadata directory trusts the fixture root at `rootPath`.
    static func updater(root rootPath: String, fetcher: any TUFFetcher, at time: Date = Date()) throws -> (TUFUpdater, URL) {
        let directory = try temporaryDirectory("tuf-client")
        try TUFDirectoryStore(directory: directory).store(role: "root", bytes: try bytes(rootPath))
        return (try TUFUpdater(store: TUFDirectoryStore(directory: directory), fetcher: fetcher, referenceTime: time), directory)
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        DigestAlgorithm.sha256.hash(bytes).hex
    }
}

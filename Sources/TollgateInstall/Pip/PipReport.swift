import Foundation
import TollgateModel

/// pip's installation report (`pip install --dry-run --report FILE`, https://pip.pypa.io/en/stable/reference/installation-report/):
/// the resolution, one item per distribution file pip would install.
public struct PipReport: Sendable {
    public static let maxBytes = 64 << 20

    public struct Item: Sendable, Hashable {
        public var name: String
        public var version: String
        public var url: String
        /// `archive_info.hashes` (or `hash`): what the index said the file's hashes are.
        public var indexHashes: [String: String]
        public var filename: String { url.split(separator: "#").first.flatMap { $0.split(separator: "/").last }.map(String.init) ?? url }
    }

    public let items: [Item]

    private struct Wire: Decodable {
        struct InstallWire: Decodable {
            struct Download: Decodable {
                struct Archive: Decodable {
                    var hash: String?
                    var hashes: [String: String]?
                }
                var url: String
                var archive_info: Archive?
            }
            struct Metadata: Decodable {
                var name: String
                var version: String
            }
            var download_info: Download
            var metadata: Metadata
        }
        var install: [InstallWire]
    }

    public init(json bytes: [UInt8]) throws(InstallError) {
        guard bytes.count <= Self.maxBytes else { throw InstallError(.tooLarge, "pip's report is over \(Self.maxBytes) bytes") }
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(bytes))
        } catch {
            throw InstallError(.resolutionFailed, "pip's installation report cannot be read: \(ErrorText.describe(error))")
        }
        items = wire.install.map { entry in
            var hashes = entry.download_info.archive_info?.hashes ?? [:]
            if let hash = entry.download_info.archive_info?.hash, let equals = hash.firstIndex(of: "=") {
                hashes[String(hash[..<equals])] = String(hash[hash.index(after: equals)...])
            }
            return Item(name: entry.metadata.name, version: entry.metadata.version, url: entry.download_info.url, indexHashes: hashes)
        }
    }
}

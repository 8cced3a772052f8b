import Foundation
import TollgateLedger
import TollgateStore

/// Loads the vendored vectors under `Fixtures/` (see the SOURCES.md files beside them).
enum Fixtures {
    static let root: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures resource missing from the test bundle")
        }
        return url
    }()

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    static func json(_ path: String) throws -> Any { try JSONSerialization.jsonObject(with: data(path)) }

    /// Every JSON file under `directory`, sorted, as paths relative to the fixtures root.
    static func jsonFiles(under directory: String) -> [String] {
        let base = url(directory)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var out: [String] = []
        for case let file as URL in enumerator where file.pathExtension == "json" {
            out.append(directory + "/" + file.path.dropFirst(base.path.count + 1))
        }
        return out.sorted()
    }
}

/// A Merkle tree held in memory, for checking proofs built from stored nodes.
struct InMemoryTree: MerkleNodeReader {
    let nodes: [LedgerNodeID: [UInt8]]
    let range: CompactRange

    init(leaves: [[UInt8]]) {
        var range = CompactRange()
        var nodes: [LedgerNodeID: [UInt8]] = [:]
        for leaf in leaves {
            for (id, hash) in range.append(RFC6962.leafHash(leaf)) { nodes[id] = hash }
        }
        self.nodes = nodes
        self.range = range
    }

    func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]] {
        var out: [LedgerNodeID: [UInt8]] = [:]
        for id in ids { out[id] = nodes[id] }
        return out
    }
}

extension Data {
    var bytes: [UInt8] { Array(self) }
}

func b64(_ text: String) -> [UInt8] { Data(base64Encoded: text).map(Array.init) ?? Array(text.utf8) }

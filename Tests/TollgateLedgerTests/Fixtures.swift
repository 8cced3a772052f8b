import Foundation
import TollgateLedger
import TollgateStore
import TollgateTransparency

/// Loads the transparency vectors (see the SOURCES.md files beside them). They are kept once, with
/// the verifier's tests in `Tests/TollgateTransparencyTests/Fixtures`; the ledger's proof builder,
/// tiles and commands are checked against the same files, read from the source tree.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TollgateTransparencyTests/Fixtures")

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

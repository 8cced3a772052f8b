import Foundation
import TollgateModel
import TollgateStore
import TollgateTransparency

/// Writes a ledger as a C2SP tlog-tiles log (the layout Tessera serves): hash tiles for every
/// level, entry bundles, and the checkpoint, so it can be served by any static file server,
/// object store or CDN.
///
/// Full tiles are immutable and written once; partial tiles (`.p/W`) are rewritten. Files are
/// written to a temporary name and renamed, so a reader never sees a half-written tile. One
/// tile is held in memory at a time.
public struct TileExporter: Sendable {
    let store: any LedgerStore

    public init(store: any LedgerStore) {
        self.store = store
    }

    /// Exports the tree committed to by `checkpoint` (a signed note of this log) into `directory`.
    /// Returns the number of files written.
    @discardableResult
    public func export(checkpoint: SignedCheckpoint, to directory: URL) async throws -> Int {
        let size = checkpoint.checkpoint.size
        let builder = TileBuilder(store: store)
        var written = 0
        var level: UInt64 = 0
        while size >> (level * TilePath.height) > 0 {
            let count = size >> (level * TilePath.height)
            var tile: UInt64 = 0
            while tile * TilePath.width < count {
                let width = min(TilePath.width, count - tile * TilePath.width)
                let path = TilePath.hashTile(level: level, index: tile, width: width)
                if width < TilePath.width || !exists(directory, path) {
                    let bytes = try await builder.hashTile(level: level, index: tile, width: width)
                    try write(bytes, to: directory, path)
                    written += 1
                }
                if level == 0 {
                    let bundlePath = TilePath.entryBundle(index: tile, width: width)
                    if width < TilePath.width || !exists(directory, bundlePath) {
                        let bundle = try await builder.entryBundle(index: tile, width: width)
                        try write(bundle, to: directory, bundlePath)
                        written += 1
                    }
                }
                tile += 1
            }
            level += 1
        }
        try write(Array(checkpoint.note.utf8), to: directory, TilePath.checkpoint)
        return written + 1
    }

    private func exists(_ directory: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path)
    }

    private func write(_ bytes: [UInt8], to directory: URL, _ path: String) throws {
        let url = directory.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw LedgerError(.io, "cannot write '\(url.path)': \(ErrorText.describe(error))")
        }
    }
}

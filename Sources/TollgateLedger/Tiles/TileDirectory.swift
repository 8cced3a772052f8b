import Foundation
import TollgateModel

/// A tlog-tiles log on the local file system.
public struct TileDirectory: TileSource {
    public let root: URL
    /// The largest file read (a full tile is 8 KiB; a bundle of 256 entries of 64 KiB is 16 MiB).
    public static let maxFileSize = 17 << 20

    public init(root: URL) {
        self.root = root
    }

    public func read(_ path: String) async throws -> [UInt8]? {
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = attributes?[.size] as? Int, size > Self.maxFileSize {
            throw LedgerError(.tooLarge, "'\(path)' is \(size) bytes, over the \(Self.maxFileSize)-byte limit")
        }
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw LedgerError(.io, "cannot read '\(url.path)': \(ErrorText.describe(error))")
        }
    }
}

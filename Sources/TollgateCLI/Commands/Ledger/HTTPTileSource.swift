import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TollgateLedger

/// Reads a tlog-tiles log from an HTTP(S) prefix (a Tollgate server, a CDN or an object store).
struct HTTPTileSource: TileSource {
    let base: URL

    func read(_ path: String) async throws -> [UInt8]? {
        let url = base.appendingPathComponent(path)
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession.shared.data(from: url)
        } catch {
            throw LedgerError(.io, "cannot fetch \(url): \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if status == 404 { return nil }
        guard status == 200 else { throw LedgerError(.io, "fetching \(url) returned HTTP \(status)") }
        guard data.count <= TileDirectory.maxFileSize else { throw LedgerError(.tooLarge, "\(url) is larger than \(TileDirectory.maxFileSize) bytes") }
        return Array(data)
    }
}

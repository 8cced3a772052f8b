import AsyncHTTPClient
import Foundation
import NIOCore
import TollgateLedger
import TollgateModel

/// Reads a tlog-tiles log from an HTTP(S) prefix (a Tollgate server, a CDN or an object store).
///
/// It uses AsyncHTTPClient (SwiftNIO) rather than Foundation's URLSession, so the `tollgate`
/// binary does not load libcurl and its thirty-odd shared libraries at start-up. Each response
/// is bounded by `TileDirectory.maxFileSize`; a log that cannot be reached fails at once (no
/// reconnection loop: an audit is one run, and its caller retries), a slow one after `timeout`.
struct HTTPTileSource: TileSource {
    /// The log prefix, always ending in `/`.
    let base: String
    let timeout: TimeAmount
    private let client: HTTPClient

    private init(base: String, timeout: TimeAmount, client: HTTPClient) {
        self.base = base.hasSuffix("/") ? base : base + "/"
        self.timeout = timeout
        self.client = client
    }

    /// Runs `body` with a source for `base`, and closes its connections afterwards.
    static func with<T: Sendable>(base: String, timeout: TimeAmount = .seconds(30),
                                  _ body: (HTTPTileSource) async throws -> T) async throws -> T {
        try await ScopedHTTPClient.with(timeout: timeout) { client in
            try await body(HTTPTileSource(base: base, timeout: timeout, client: client))
        }
    }

    func read(_ path: String) async throws -> [UInt8]? {
        let url = base + path
        let response: HTTPClientResponse
        do {
            response = try await client.execute(HTTPClientRequest(url: url), timeout: timeout)
        } catch {
            throw LedgerError(.io, "cannot fetch \(url): \(ErrorText.describe(error))")
        }
        if response.status == .notFound { return nil }
        guard response.status == .ok else {
            throw LedgerError(.io, "fetching \(url) returned HTTP \(response.status.code)")
        }
        let limit = TileDirectory.maxFileSize
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit {
            throw LedgerError(.tooLarge, "\(url) is \(length) bytes, over the \(limit)-byte limit")
        }
        do {
            let body = try await response.body.collect(upTo: limit)
            return Array(buffer: body)
        } catch is NIOTooManyBytesError {
            throw LedgerError(.tooLarge, "\(url) is larger than \(limit) bytes")
        } catch {
            throw LedgerError(.io, "cannot read the body of \(url): \(ErrorText.describe(error))")
        }
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import TollgateModel
import TollgateTUF

/// Fetches a TUF repository's metadata and targets over HTTP(S) with AsyncHTTPClient.
///
/// A 403 or 404 is `tuf.not-found` (the end of the root chain); a body longer than the limit is
/// refused as soon as the limit is passed (endless data) and a response slower than `timeout`
/// fails (slow retrieval), so a hostile mirror can neither fill memory nor hold the client.
struct HTTPTUFFetcher: TUFFetcher {
    /// Ends in `/`.
    let metadataBase: String
    /// Ends in `/`.
    let targetsBase: String
    let timeout: TimeAmount
    private let client: HTTPClient

    private init(metadataBase: String, targetsBase: String, timeout: TimeAmount, client: HTTPClient) {
        self.metadataBase = metadataBase.hasSuffix("/") ? metadataBase : metadataBase + "/"
        self.targetsBase = targetsBase.hasSuffix("/") ? targetsBase : targetsBase + "/"
        self.timeout = timeout
        self.client = client
    }

    /// Runs `body` with a fetcher and closes its connections afterwards.
    static func with<T: Sendable>(metadataBase: String, targetsBase: String, timeout: TimeAmount = .seconds(30),
                                  _ body: (HTTPTUFFetcher) async throws -> T) async throws -> T {
        try await ScopedHTTPClient.with(timeout: timeout) { client in
            try await body(HTTPTUFFetcher(metadataBase: metadataBase, targetsBase: targetsBase, timeout: timeout, client: client))
        }
    }

    func fetchMetadata(_ name: String, maxLength: Int) async throws -> [UInt8] {
        try await fetch(metadataBase + name, maxLength: maxLength)
    }

    func fetchTarget(_ path: String, maxLength: Int) async throws -> [UInt8] {
        try await fetch(targetsBase + path, maxLength: maxLength)
    }

    private func fetch(_ url: String, maxLength: Int) async throws -> [UInt8] {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(HTTPClientRequest(url: url), timeout: timeout)
        } catch {
            throw TUFError(.fetchFailed, "cannot fetch \(url): \(ErrorText.describe(error))")
        }
        if response.status == .notFound || response.status == .forbidden {
            throw TUFError(.notFound, "\(url) is not on the repository (HTTP \(response.status.code))")
        }
        guard response.status == .ok else {
            throw TUFError(.fetchFailed, "fetching \(url) returned HTTP \(response.status.code)")
        }
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > maxLength {
            throw TUFError(.tooLarge, "\(url) is \(length) bytes, over its \(maxLength)-byte limit")
        }
        var bytes: [UInt8] = []
        do {
            for try await chunk in response.body {
                guard bytes.count + chunk.readableBytes <= maxLength else {
                    throw TUFError(.tooLarge, "\(url) is longer than its \(maxLength)-byte limit")
                }
                bytes.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as TUFError {
            throw error
        } catch {
            throw TUFError(.fetchFailed, "cannot read the body of \(url): \(ErrorText.describe(error))")
        }
        return bytes
    }
}

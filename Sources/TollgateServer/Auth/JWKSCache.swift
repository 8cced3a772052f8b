import Foundation

/// An issuer's keys: from a file (read once), or from a JWKS URL fetched when first needed, again
/// after the refresh interval, and on a key id it does not know (at most once a minute, so a
/// stream of tokens with made-up key ids cannot make the server hammer the issuer).
actor JWKSCache {
    typealias Fetch = @Sendable (String) async throws -> Data

    private let source: OIDCTrust.KeySource
    private let fetch: Fetch
    private let clock: @Sendable () -> Date
    private var keys: JWKSKeys?
    private var fetched: Date?

    init(source: OIDCTrust.KeySource, fetch: @escaping Fetch, clock: @escaping @Sendable () -> Date) {
        self.source = source
        self.fetch = fetch
        self.clock = clock
    }

    /// Loads a file source now, so a bad JWKS file stops start-up.
    func preload() async throws {
        if case .file = source { _ = try await current() }
    }

    /// The keys, with `kid` among them when the issuer has it.
    func keys(for kid: String) async throws -> JWKSKeys {
        let keys = try await current()
        guard keys.algorithms[kid] == nil, case .url = source, let fetched, clock().timeIntervalSince(fetched) >= 60 else {
            return keys
        }
        return try await load()
    }

    private func current() async throws -> JWKSKeys {
        if let keys, let fetched {
            guard case .url(_, let refresh) = source, clock().timeIntervalSince(fetched) >= refresh else { return keys }
            // A failed refresh keeps the keys already known; the next request tries again.
            if let fresh = try? await load() { return fresh }
            return keys
        }
        return try await load()
    }

    private func load() async throws -> JWKSKeys {
        let data: Data
        let name: String
        switch source {
        case .file(let path):
            name = path
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ServerError(.invalidConfiguration, "cannot read the JWKS file '\(path)'")
            }
            data = contents
        case .url(let url, _):
            name = url
            do {
                data = try await fetch(url)
            } catch {
                throw ServerError(.unavailable, "cannot fetch the issuer's keys from \(url)")
            }
        }
        let loaded = try await JWKSKeys.parse(data, source: name)
        keys = loaded
        fetched = clock()
        return loaded
    }
}

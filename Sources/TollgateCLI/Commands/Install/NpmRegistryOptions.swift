import ArgumentParser
import Foundation
import TollgateInstall

/// Where the npm registry is: a URL, or a mirror directory (offline), and its signing keys.
struct NpmRegistryOptions: ParsableArguments {
    @Option(help: "The registry URL (default: https://registry.npmjs.org).")
    var registry: String?

    @Option(name: .customLong("registry-dir"), help: "A registry mirror directory (URL paths as files; folders hold index.json), instead of --registry.")
    var registryDirectory: String?

    @Option(help: "Pinned registry keys: the registry.npmjs.org keys.json TUF target or a /-/npm/v1/keys document (default: fetched from the registry).")
    var keys: String?

    mutating func validate() throws {
        if registry != nil, registryDirectory != nil {
            throw ValidationError("give --registry or --registry-dir, not both")
        }
    }

    /// The registry URL packuments are requested from (a `file://` URL for a mirror directory).
    var registryURL: String {
        if let registryDirectory { return URL(fileURLWithPath: registryDirectory).absoluteString }
        return registry ?? "https://registry.npmjs.org"
    }

    /// `--keys`, else the `registry.npmjs.org/keys.json` target `tollgate trust update` keeps in
    /// DATA/trust (checked offline now: expired metadata is an error with the way out), else nil:
    /// the keys are fetched from the registry.
    func loadKeys(data: String?) async throws -> NpmRegistryKeys? {
        if let keys {
            return try NpmRegistryKeys(json: [UInt8](try InputFile.read(keys, limit: NpmRegistryKeys.maxBytes)), source: keys)
        }
        guard let target = try await TrustedRootSource.npmRegistryKeys(data: data) else { return nil }
        return try NpmRegistryKeys(json: target, source: "TUF target registry.npmjs.org/keys.json (tollgate trust update)")
    }

    /// Runs `body` with the fetcher for this registry: the mirror directory, or HTTP.
    func withFetcher<T: Sendable>(_ body: (any ResourceFetcher) async throws -> T) async throws -> T {
        if let registryDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: registryDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError(.unreadable, "--registry-dir \(registryDirectory): no such directory")
            }
            return try await body(DirectoryFetcher(root: URL(fileURLWithPath: registryDirectory)))
        }
        return try await HTTPResourceFetcher.with { fetcher in try await body(fetcher) }
    }
}

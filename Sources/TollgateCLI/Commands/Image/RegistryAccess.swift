import Foundation
import TollgateOCI
import TollgateOCIHTTP

/// Opens a ``Registry`` over HTTP(S) for one command run, with credentials from the environment
/// and `~/.docker/config.json`, and closes it after.
enum RegistryAccess {
    static func with<T: Sendable>(_ options: ImageOptions, _ body: (Registry) async throws -> T) async throws -> T {
        let credentials = try RegistryCredentials.load()
        return try await HTTPRegistryClient.with(credentials: credentials, allowHTTP: options.allowHTTPRegistry) { client in
            try await body(Registry(client: client))
        }
    }
}

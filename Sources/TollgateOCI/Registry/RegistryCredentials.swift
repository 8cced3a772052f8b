import Foundation
import TollgateModel

/// Basic credentials for registries: from `TOLLGATE_REGISTRY_USERNAME` / `TOLLGATE_REGISTRY_PASSWORD`
/// (for every registry), else from the `auths` of a docker config file (`$DOCKER_CONFIG/config.json`
/// or `~/.docker/config.json`), keyed by registry host. Credential helpers (`credsStore`,
/// `credHelpers`) are not run. The password never appears in messages.
public struct RegistryCredentials: Sendable {
    public struct Basic: Sendable, Hashable {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        /// The `Authorization: Basic …` value.
        public var header: String { "Basic " + Base64Text.encode(Array("\(username):\(password)".utf8)) }
    }

    /// Credentials for every registry (flag or environment), taking precedence.
    public var everywhere: Basic?
    /// Registry host (as written in the config, normalised) → credentials.
    public var byRegistry: [String: Basic]

    public init(everywhere: Basic? = nil, byRegistry: [String: Basic] = [:]) {
        self.everywhere = everywhere
        self.byRegistry = byRegistry
    }

    /// The credentials for `registry` (`docker.io` also matches Docker Hub's `https://index.docker.io/v1/` key).
    public func basic(for registry: String) -> Basic? {
        if let everywhere { return everywhere }
        if let found = byRegistry[registry] { return found }
        if registry == Repository.dockerHub || registry == "registry-1.docker.io" {
            return byRegistry["index.docker.io"] ?? byRegistry["registry-1.docker.io"] ?? byRegistry[Repository.dockerHub]
        }
        return nil
    }

    /// Reads the environment and the docker config file (a missing file is no credentials; one
    /// that does not parse is `oci.invalid-credentials`).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(OCIError) -> RegistryCredentials {
        var credentials = RegistryCredentials()
        if let username = environment["TOLLGATE_REGISTRY_USERNAME"], let password = environment["TOLLGATE_REGISTRY_PASSWORD"] {
            credentials.everywhere = Basic(username: username, password: password)
        }
        let directory = environment["DOCKER_CONFIG"] ?? (environment["HOME"].map { $0 + "/.docker" } ?? "")
        let path = directory + "/config.json"
        guard !directory.isEmpty, let data = FileManager.default.contents(atPath: path) else { return credentials }
        credentials.byRegistry = try parseDockerConfig([UInt8](data), path: path)
        return credentials
    }

    /// The `auths` of a docker config: `{"auths": {"HOST": {"auth": base64("user:pass")}}}` or
    /// `{"username": …, "password": …}`; keys may be URLs (`https://index.docker.io/v1/`).
    public static func parseDockerConfig(_ bytes: [UInt8], path: String) throws(OCIError) -> [String: Basic] {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes, maxBytes: 1 << 20, maxDepth: 16) } catch {
            throw OCIError(.invalidCredentials, "\(path) is not JSON: \(error.reason)")
        }
        var result: [String: Basic] = [:]
        for (key, entry) in value["auths"]?.objectValue ?? [:] {
            var host = key
            for prefix in ["https://", "http://"] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
            host = String(host.split(separator: "/").first ?? "")
            if let auth = entry["auth"]?.stringValue, !auth.isEmpty {
                guard let decoded = Base64Text.decode(auth), let text = String(bytes: decoded, encoding: .utf8),
                      let colon = text.firstIndex(of: ":") else {
                    throw OCIError(.invalidCredentials, "\(path): the auth of '\(host)' is not base64 of USER:PASSWORD")
                }
                result[host] = Basic(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
            } else if let username = entry["username"]?.stringValue, let password = entry["password"]?.stringValue {
                result[host] = Basic(username: username, password: password)
            }
        }
        return result
    }
}

import Foundation
import TollgateModel

/// Credentials for registries, found as docker finds them:
///
/// 1. `TOLLGATE_REGISTRY_USERNAME` / `TOLLGATE_REGISTRY_PASSWORD`, for every registry;
/// 2. the docker config (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`), as docker/cli's
///    `GetCredentialsStore` reads it: a `credHelpers` entry for the registry runs that helper, else a
///    `credsStore` runs that one, else the `auths` entry is used. A helper's answer is final: when it
///    has no credentials for the registry, the request goes without (as docker does), `auths` is not
///    consulted.
///
/// Helpers run lazily, once per registry, as `docker-credential-NAME get` found on `PATH`
/// (``CredentialHelper``). Passwords and secrets never appear in messages.
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

    /// What a registry's credentials are.
    public enum Secret: Sendable, Hashable {
        /// A user name and password (or token used as one).
        case basic(Basic)
        /// An identity token (a helper answered `Username: "<token>"`): an OAuth2 refresh token that the
        /// registry's token service exchanges for an access token (distribution `docs/spec/auth/oauth.md`).
        case identityToken(String)

        /// The basic credentials, when these are basic.
        public var basic: Basic? {
            if case .basic(let basic) = self { basic } else { nil }
        }
    }

    /// Credentials for every registry (flag or environment), taking precedence.
    public var everywhere: Basic?
    /// Registry host (as written in the config, normalised) → credentials from `auths`.
    public var byRegistry: [String: Basic]
    /// Registry host (normalised) → credential helper name, from `credHelpers`.
    public var helpers: [String: String]
    /// The default credential helper, from `credsStore`.
    public var store: String?
    /// Where helpers are looked for (`PATH`).
    public var searchPath: String?

    public init(everywhere: Basic? = nil, byRegistry: [String: Basic] = [:], helpers: [String: String] = [:],
                store: String? = nil, searchPath: String? = nil) {
        self.everywhere = everywhere
        self.byRegistry = byRegistry
        self.helpers = helpers
        self.store = store
        self.searchPath = searchPath
    }

    /// The names a registry may be written under in a docker config (`docker.io` also matches Docker
    /// Hub's `https://index.docker.io/v1/` key).
    static func keys(for registry: String) -> [String] {
        if registry == Repository.dockerHub || registry == "registry-1.docker.io" {
            return ["index.docker.io", "registry-1.docker.io", Repository.dockerHub]
        }
        return [registry]
    }

    /// The credential helper that serves `registry`, if any: its `credHelpers` entry, else `credsStore`.
    public func helper(for registry: String) -> String? {
        if everywhere != nil { return nil }
        for key in Self.keys(for: registry) { if let name = helpers[key] { return name } }
        return store.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The credentials for `registry`: the environment's, else the helper's answer (run now), else `auths`.
    public func secret(for registry: String) throws(OCIError) -> Secret? {
        if let everywhere { return .basic(everywhere) }
        if let name = helper(for: registry) {
            // Docker asks helpers for Docker Hub under its v1 index URL, for other registries by host.
            let server = Self.keys(for: registry).count > 1 ? "https://index.docker.io/v1/" : registry
            return try CredentialHelper(name: name, searchPath: searchPath).get(serverURL: server)
        }
        return basic(for: registry).map(Secret.basic)
    }

    /// The basic credentials from the environment or `auths` (helpers are not run).
    public func basic(for registry: String) -> Basic? {
        if let everywhere { return everywhere }
        for key in Self.keys(for: registry) { if let found = byRegistry[key] { return found } }
        return nil
    }

    /// Reads the environment and the docker config file (a missing file is no credentials; one
    /// that does not parse is `oci.invalid-credentials`).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(OCIError) -> RegistryCredentials {
        var credentials = RegistryCredentials(searchPath: environment["PATH"])
        if let username = environment["TOLLGATE_REGISTRY_USERNAME"], let password = environment["TOLLGATE_REGISTRY_PASSWORD"] {
            credentials.everywhere = Basic(username: username, password: password)
        }
        let directory = environment["DOCKER_CONFIG"] ?? (environment["HOME"].map { $0 + "/.docker" } ?? "")
        let path = directory + "/config.json"
        guard !directory.isEmpty, let data = FileManager.default.contents(atPath: path) else { return credentials }
        let config = try parseDockerConfigFile([UInt8](data), path: path)
        credentials.byRegistry = config.auths
        credentials.helpers = config.helpers
        credentials.store = config.store
        return credentials
    }

    /// What a docker config says about credentials.
    public struct DockerConfig: Sendable, Equatable {
        public var auths: [String: Basic] = [:]
        public var helpers: [String: String] = [:]
        public var store: String?
    }

    /// The `auths` of a docker config (see ``parseDockerConfigFile(_:path:)``).
    public static func parseDockerConfig(_ bytes: [UInt8], path: String) throws(OCIError) -> [String: Basic] {
        try parseDockerConfigFile(bytes, path: path).auths
    }

    /// A docker config: `auths` (`{"HOST": {"auth": base64("user:pass")}}` or `{"username": …,
    /// "password": …}`; keys may be URLs such as `https://index.docker.io/v1/`), `credHelpers`
    /// (`{"HOST": "NAME"}`) and `credsStore` (`"NAME"`). Helper names are checked so that
    /// `docker-credential-NAME` can only name a program on `PATH`.
    public static func parseDockerConfigFile(_ bytes: [UInt8], path: String) throws(OCIError) -> DockerConfig {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes, maxBytes: 1 << 20, maxDepth: 16) } catch {
            throw OCIError(.invalidCredentials, "\(path) is not JSON: \(error.reason)")
        }
        var config = DockerConfig()
        for (key, entry) in value["auths"]?.objectValue ?? [:] {
            let host = normalisedHost(key)
            if let auth = entry["auth"]?.stringValue, !auth.isEmpty {
                guard let decoded = Base64Text.decode(auth), let text = String(bytes: decoded, encoding: .utf8),
                      let colon = text.firstIndex(of: ":") else {
                    throw OCIError(.invalidCredentials, "\(path): the auth of '\(host)' is not base64 of USER:PASSWORD")
                }
                config.auths[host] = Basic(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
            } else if let username = entry["username"]?.stringValue, let password = entry["password"]?.stringValue {
                config.auths[host] = Basic(username: username, password: password)
            }
        }
        if let helpers = value["credHelpers"] {
            guard let object = helpers.objectValue else {
                throw OCIError(.invalidCredentials, "\(path): credHelpers is not an object of registry → helper name")
            }
            for (key, entry) in object {
                guard let name = entry.stringValue, CredentialHelper.isValidName(name) else {
                    throw OCIError(.invalidCredentials, "\(path): the credential helper of '\(key.prefix(100))' is not a helper name (letters, digits, '-', '_', '.')")
                }
                config.helpers[normalisedHost(key)] = name
            }
        }
        if let store = value["credsStore"] {
            guard let name = store.stringValue, name.isEmpty || CredentialHelper.isValidName(name) else {
                throw OCIError(.invalidCredentials, "\(path): credsStore is not a helper name (letters, digits, '-', '_', '.')")
            }
            config.store = name.isEmpty ? nil : name
        }
        return config
    }

    /// `https://index.docker.io/v1/` → `index.docker.io`.
    static func normalisedHost(_ key: String) -> String {
        var host = key
        for prefix in ["https://", "http://"] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
        return String(host.split(separator: "/").first ?? "")
    }
}

import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import TollgateModel

/// `--server URL`: run the command against a Tollgate server instead of the local data directory.
/// The credential is `$TOLLGATE_TOKEN` (an API token), else `$TOLLGATE_OIDC_TOKEN` (a CI job's OIDC
/// token, e.g. from a GitLab `id_tokens` entry), else, in GitHub Actions, the job's own OIDC token,
/// requested for the audience `$TOLLGATE_OIDC_AUDIENCE` (default: the server URL). No Tollgate
/// secret lives in CI.
struct ServerOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("server"),
            help: ArgumentHelp("Ask this Tollgate server (https://HOST) instead of the local data; credential: $TOLLGATE_TOKEN, $TOLLGATE_OIDC_TOKEN or the CI job's OIDC token.", valueName: "url"))
    var url: String?

    func validate() throws {
        if let url {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw ValidationError("--server: expected an http(s) URL, found '\(url)'")
            }
        }
    }

    /// Runs `body` with a client for the server (closed afterwards).
    func withClient<T: Sendable>(_ body: (ServerClient) async throws -> T) async throws -> T {
        guard let url else { throw CLIError(.usage, "no --server") }
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(120)))
        configuration.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let client = ServerClient(base: url.hasSuffix("/") ? String(url.dropLast()) : url, http: http,
                                      credential: try await Self.credential(for: url, http: http))
            let result = try await body(client)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// `$TOLLGATE_TOKEN`, else `$TOLLGATE_OIDC_TOKEN`, else a GitHub Actions OIDC token, else none (anonymous).
    static func credential(for server: String, http: HTTPClient,
                           environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> String? {
        for name in ["TOLLGATE_TOKEN", "TOLLGATE_OIDC_TOKEN"] {
            if let token = environment[name], !token.isEmpty { return token }
        }
        let audience = environment["TOLLGATE_OIDC_AUDIENCE"] ?? server
        return try await actionsIDToken(audience: audience, http: http, environment: environment)
    }

    /// The GitHub Actions job's OIDC token for `audience` (`$ACTIONS_ID_TOKEN_REQUEST_URL` with
    /// `$ACTIONS_ID_TOKEN_REQUEST_TOKEN`), or nil outside GitHub Actions.
    static func actionsIDToken(audience: String, http: HTTPClient,
                               environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> String? {
        guard let requestURL = environment["ACTIONS_ID_TOKEN_REQUEST_URL"],
              let requestToken = environment["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] else { return nil }
        guard var components = URLComponents(string: requestURL) else {
            throw CLIError(.server, "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL")
        }
        let items = components.queryItems ?? []
        components.queryItems = items + [URLQueryItem(name: "audience", value: audience)]
        guard let url = components.string else { throw CLIError(.server, "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL") }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(requestToken)")
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(30))
        } catch {
            throw CLIError(.server, "cannot get the job's OIDC token: \(ErrorText.describe(error))")
        }
        let body = try await response.body.collect(upTo: 64 * 1024)
        guard response.status == .ok, let value = try? JSONValue.parse(Array(buffer: body))["value"]?.stringValue else {
            throw CLIError(.server, "cannot get the job's OIDC token: HTTP \(response.status.code)")
        }
        return value
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TollgateModel
import TollgateOCI

/// The OCI distribution API over HTTP(S) with AsyncHTTPClient (distribution-spec `spec.md`).
///
/// - HTTPS only, unless `allowHTTP` (`--allow-http-registry`, cosign's flag): then plain HTTP,
///   loopback registries included.
/// - A 401 with `WWW-Authenticate: Bearer realm=…,service=…,scope=…` is answered by the token
///   service (distribution `docs/spec/auth/token.md`), with basic credentials when there are any;
///   `Basic` challenges get the basic credentials directly. Tokens are cached per repository and action.
///   Credentials come from ``RegistryCredentials`` (environment, docker credential helpers, `auths`);
///   an identity token from a helper is exchanged at the realm (distribution `docs/spec/auth/oauth.md`).
/// - Redirects (blob storage) are followed by hand, at most five, and the `Authorization` header is
///   not sent to another host; a redirect from HTTPS to HTTP is refused unless `allowHTTP`.
/// - Every body is read up to its limit (`Content-Length` first, then as it streams); a
///   `Docker-Content-Digest` header is checked against the bytes received.
public final class HTTPRegistryClient: RegistryClient {
    let client: HTTPClient
    let credentials: RegistryCredentials
    public let allowHTTP: Bool
    let timeout: TimeAmount
    private let tokens = TokenCache()
    private let secrets = SecretCache()

    static let maxRedirects = 5
    static let maxTokenBytes = 1 << 20
    static let maxErrorBytes = 64 << 10

    private init(client: HTTPClient, credentials: RegistryCredentials, allowHTTP: Bool, timeout: TimeAmount) {
        self.client = client
        self.credentials = credentials
        self.allowHTTP = allowHTTP
        self.timeout = timeout
    }

    /// Runs `body` with a client, and closes its connections afterwards.
    public static func with<T: Sendable>(credentials: RegistryCredentials, allowHTTP: Bool, timeout: TimeAmount = .seconds(60),
                                         _ body: (HTTPRegistryClient) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(10), read: timeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let client = HTTPRegistryClient(client: http, credentials: credentials, allowHTTP: allowHTTP, timeout: timeout)
        let result: T
        do {
            result = try await body(client)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        return result
    }

    // MARK: RegistryClient

    public func manifest(_ repository: Repository, reference: String, maxBytes: Int) async throws(OCIError) -> RegistryResponse? {
        let response = try await send(.GET, repository, path: "manifests/\(reference)", push: false,
                                      headers: [("Accept", MediaType.manifestAccept.joined(separator: ", "))], maxBytes: maxBytes)
        if response.status == 404 { return nil }
        try expect(response, [200], "fetching the manifest \(repository):\(reference)")
        return RegistryResponse(bytes: response.body, contentType: response.headers.first(name: "content-type"),
                                announcedDigest: try announcedDigest(response, what: "\(repository):\(reference)"))
    }

    public func manifestDigest(_ repository: Repository, reference: String) async throws(OCIError) -> Digest? {
        let response = try await send(.HEAD, repository, path: "manifests/\(reference)", push: false,
                                      headers: [("Accept", MediaType.manifestAccept.joined(separator: ", "))], maxBytes: 0)
        if response.status == 404 { return nil }
        try expect(response, [200], "looking up \(repository):\(reference)")
        return try announcedDigest(response, what: "\(repository):\(reference)")
    }

    public func blob(_ repository: Repository, digest: Digest, maxBytes: Int) async throws(OCIError) -> [UInt8]? {
        let response = try await send(.GET, repository, path: "blobs/\(digest)", push: false, maxBytes: maxBytes)
        if response.status == 404 { return nil }
        try expect(response, [200], "fetching the blob \(repository)@\(digest)")
        if let announced = try announcedDigest(response, what: "\(repository)@\(digest)"),
           announced.algorithm.hash(response.body) != announced {
            throw OCIError(.digestMismatch, "\(repository)@\(digest): Docker-Content-Digest says \(announced) but the blob received does not hash to it")
        }
        return response.body
    }

    public func blobExists(_ repository: Repository, digest: Digest) async throws(OCIError) -> Bool {
        let response = try await send(.HEAD, repository, path: "blobs/\(digest)", push: true, maxBytes: 0)
        if response.status == 404 { return false }
        try expect(response, [200], "looking up the blob \(repository)@\(digest)")
        return true
    }

    public func pushBlob(_ repository: Repository, bytes: [UInt8], digest: Digest) async throws(OCIError) {
        let start = try await send(.POST, repository, path: "blobs/uploads/", push: true, maxBytes: Self.maxErrorBytes)
        try expect(start, [202], "starting an upload to \(repository)")
        guard let location = start.headers.first(name: "location") else {
            throw OCIError(.registry, "\(repository): the upload was accepted without a Location")
        }
        let base = try resolve(location, against: start.url)
        let url = base + (base.contains("?") ? "&" : "?") + "digest=" + digest.description.replacingOccurrences(of: ":", with: "%3A")
        let done = try await send(.PUT, repository, url: url, push: true,
                                  headers: [("Content-Type", "application/octet-stream")], body: bytes, maxBytes: Self.maxErrorBytes)
        try expect(done, [201, 204], "uploading \(digest) to \(repository)")
    }

    public func pushManifest(_ repository: Repository, reference: String, bytes: [UInt8], mediaType: String) async throws(OCIError) {
        let response = try await send(.PUT, repository, path: "manifests/\(reference)", push: true,
                                      headers: [("Content-Type", mediaType)], body: bytes, maxBytes: Self.maxErrorBytes)
        try expect(response, [201, 204], "pushing the manifest \(repository):\(reference)")
        if let announced = try announcedDigest(response, what: "\(repository):\(reference)"),
           announced != announced.algorithm.hash(bytes) {
            throw OCIError(.digestMismatch, "\(repository):\(reference): the registry stored the manifest as \(announced), not as the hash of what was sent")
        }
    }

    public func referrers(_ repository: Repository, digest: Digest, maxBytes: Int) async throws(OCIError) -> RegistryResponse? {
        let response = try await send(.GET, repository, path: "referrers/\(digest)", push: false,
                                      headers: [("Accept", MediaType.imageIndex)], maxBytes: maxBytes)
        // "A registry that does not support the referrers API MUST return 404" (some answer 400/405).
        if [400, 404, 405].contains(response.status) { return nil }
        try expect(response, [200], "listing the referrers of \(repository)@\(digest)")
        let type = response.headers.first(name: "content-type") ?? ""
        guard type.hasPrefix(MediaType.imageIndex) else { return nil }
        return RegistryResponse(bytes: response.body, contentType: type, announcedDigest: nil)
    }

    public func tags(_ repository: Repository, limit: Int) async throws(OCIError) -> [String] {
        var tags: [String] = []
        var next: String? = try url(repository, "tags/list?n=1000")
        var pages = 0
        while let url = next, tags.count < limit, pages < 1_000 {
            pages += 1
            let response = try await send(.GET, repository, url: url, push: false, maxBytes: 8 << 20)
            try expect(response, [200], "listing the tags of \(repository)")
            let value: JSONValue
            do { value = try JSONValue.parse(response.body, maxBytes: 8 << 20, maxDepth: 8) } catch {
                throw OCIError(.registry, "the tag list of \(repository) is not JSON: \(error.reason)")
            }
            tags += (value["tags"]?.arrayValue ?? []).compactMap(\.stringValue)
            next = nil
            if let link = response.headers.first(name: "link"), let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">"),
               open < close, link.contains("rel=\"next\"") {
                next = try resolve(String(link[link.index(after: open)..<close]), against: url)
            }
        }
        return Array(tags.prefix(limit))
    }

    // MARK: HTTP

    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var url: String
    }

    private var scheme: String { allowHTTP ? "http" : "https" }

    func url(_ repository: Repository, _ path: String) throws(OCIError) -> String {
        "\(scheme)://\(repository.apiHost)/v2/\(repository.name)/\(path)"
    }

    private func send(_ method: HTTPMethod, _ repository: Repository, path: String, push: Bool,
                      headers: [(String, String)] = [], body: [UInt8]? = nil, maxBytes: Int) async throws(OCIError) -> Response {
        try await send(method, repository, url: try url(repository, path), push: push, headers: headers, body: body, maxBytes: maxBytes)
    }

    private func send(_ method: HTTPMethod, _ repository: Repository, url: String, push: Bool,
                      headers: [(String, String)] = [], body: [UInt8]? = nil, maxBytes: Int) async throws(OCIError) -> Response {
        let scope = "repository:\(repository.name):\(push ? "pull,push" : "pull")"
        let cacheKey = "\(repository.registry) \(scope)"
        var authorization = await tokens.value(for: cacheKey)
        var answered = false
        while true {
            let response = try await execute(method, url: url, headers: headers, authorization: authorization, body: body, maxBytes: maxBytes)
            guard response.status == 401, !answered else {
                if response.status == 401 || response.status == 403 {
                    let hint = try await secrets.secret(for: repository.registry, from: credentials) == nil
                        ? "; give credentials in ~/.docker/config.json (auths, credHelpers, credsStore) or TOLLGATE_REGISTRY_USERNAME/TOLLGATE_REGISTRY_PASSWORD" : ""
                    throw OCIError(.unauthorized, "\(repository.registry) refused \(method.rawValue) \(repository) (HTTP \(response.status))\(hint)")
                }
                return response
            }
            answered = true
            guard let header = response.headers.first(name: "www-authenticate"), let challenge = AuthChallenge(header: header) else {
                throw OCIError(.unauthorized, "\(repository.registry) answered 401 without a WWW-Authenticate challenge")
            }
            authorization = try await answer(challenge, registry: repository.registry, scope: scope)
            if let authorization { await tokens.store(authorization, for: cacheKey) }
        }
    }

    /// The Authorization value for a challenge: basic credentials, or a bearer token from the realm.
    private func answer(_ challenge: AuthChallenge, registry: String, scope: String) async throws(OCIError) -> String? {
        let secret = try await secrets.secret(for: registry, from: credentials)
        let basic = secret?.basic
        switch challenge.scheme {
        case "basic":
            guard let basic else {
                let why = secret == nil ? "" : " (the credential helper gave an identity token, which only a Bearer token service takes)"
                throw OCIError(.unauthorized, "\(registry) needs credentials (Basic)\(why); give them in ~/.docker/config.json (auths, credHelpers, credsStore) or TOLLGATE_REGISTRY_USERNAME/TOLLGATE_REGISTRY_PASSWORD")
            }
            return basic.header
        case "bearer":
            guard let realm = challenge.parameters["realm"], realm.hasPrefix("https://") || (allowHTTP && realm.hasPrefix("http://")) else {
                throw OCIError(.unauthorized, "\(registry) named no HTTPS token realm")
            }
            var query = ["scope=" + percentEncoded(challenge.parameters["scope"] ?? scope)]
            if let service = challenge.parameters["service"] { query.insert("service=" + percentEncoded(service), at: 0) }
            let response: Response
            if case .identityToken(let refreshToken) = secret {
                // OAuth2 refresh-token grant (distribution docs/spec/auth/oauth.md), as docker does.
                var form = ["grant_type=refresh_token", "client_id=tollgate", "refresh_token=" + percentEncoded(refreshToken),
                            "scope=" + percentEncoded(challenge.parameters["scope"] ?? scope)]
                if let service = challenge.parameters["service"] { form.append("service=" + percentEncoded(service)) }
                response = try await execute(.POST, url: realm, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                             authorization: nil, body: Array(form.joined(separator: "&").utf8), maxBytes: Self.maxTokenBytes)
            } else {
                let tokenURL = realm + (realm.contains("?") ? "&" : "?") + query.joined(separator: "&")
                response = try await execute(.GET, url: tokenURL, headers: [], authorization: basic?.header, body: nil, maxBytes: Self.maxTokenBytes)
            }
            guard response.status == 200 else {
                throw OCIError(.unauthorized, "the token service of \(registry) refused (HTTP \(response.status))")
            }
            let value: JSONValue
            do { value = try JSONValue.parse(response.body, maxBytes: Self.maxTokenBytes, maxDepth: 8) } catch {
                throw OCIError(.invalidCredentials, "the token service of \(registry) answered with something other than JSON")
            }
            guard let token = value["token"]?.stringValue ?? value["access_token"]?.stringValue, !token.isEmpty else {
                throw OCIError(.invalidCredentials, "the token service of \(registry) answered without a token")
            }
            return "Bearer " + token
        default:
            throw OCIError(.unauthorized, "\(registry) asks for \(challenge.scheme) authentication, which Tollgate does not speak")
        }
    }

    private func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// One exchange, following redirects by hand.
    private func execute(_ method: HTTPMethod, url start: String, headers: [(String, String)], authorization: String?,
                         body: [UInt8]?, maxBytes: Int) async throws(OCIError) -> Response {
        var url = start
        var authorization = authorization
        let origin = URL(string: start)?.host
        for _ in 0...Self.maxRedirects {
            var request = HTTPClientRequest(url: url)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let authorization { request.headers.add(name: "Authorization", value: authorization) }
            if let body {
                request.body = .bytes(ByteBuffer(bytes: body))
                request.headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
            }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, timeout: timeout)
            } catch {
                let hint = allowHTTP ? "" : " (a registry that speaks plain HTTP needs --allow-http-registry)"
                throw OCIError(.registry, "cannot reach \(URL(string: url)?.host ?? url): \(ErrorText.describe(error))\(hint)")
            }
            let status = Int(response.status.code)
            if [301, 302, 303, 307, 308].contains(status), method == .GET || method == .HEAD,
               let location = response.headers.first(name: "location") {
                let next = try resolve(location, against: url)
                guard next.hasPrefix("https://") || (allowHTTP && next.hasPrefix("http://")) else {
                    throw OCIError(.insecureRegistry, "\(url) redirects to \(next.prefix(200)), which is not HTTPS; pass --allow-http-registry to allow it")
                }
                // Credentials for the registry are not handed to blob storage.
                if URL(string: next)?.host != origin { authorization = nil }
                url = next
                continue
            }
            let limit = method == .HEAD ? 0 : ((200..<300).contains(status) ? maxBytes : Self.maxErrorBytes)
            if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit, method != .HEAD {
                throw OCIError(.tooLarge, "\(url) is \(length) bytes; the limit is \(limit)")
            }
            var bytes: [UInt8] = []
            if method != .HEAD {
                do {
                    bytes = Array(buffer: try await response.body.collect(upTo: max(limit, 1)))
                } catch is NIOTooManyBytesError {
                    throw OCIError(.tooLarge, "\(url) is larger than \(limit) bytes")
                } catch {
                    throw OCIError(.registry, "cannot read \(url): \(ErrorText.describe(error))")
                }
            }
            return Response(status: status, headers: response.headers, body: bytes, url: url)
        }
        throw OCIError(.registry, "\(start) redirects more than \(Self.maxRedirects) times")
    }

    private func resolve(_ location: String, against base: String) throws(OCIError) -> String {
        guard let resolved = URL(string: location, relativeTo: URL(string: base))?.absoluteURL.absoluteString else {
            throw OCIError(.registry, "the registry sent an unusable Location '\(location.prefix(200))'")
        }
        return resolved
    }

    private func announcedDigest(_ response: Response, what: String) throws(OCIError) -> Digest? {
        guard let text = response.headers.first(name: "docker-content-digest") else { return nil }
        do { return try Digest(parsing: text) } catch {
            throw OCIError(.registry, "\(what): Docker-Content-Digest '\(text.prefix(100))' is not a digest")
        }
    }

    private func expect(_ response: Response, _ statuses: Set<Int>, _ what: String) throws(OCIError) {
        guard !statuses.contains(response.status) else { return }
        // The distribution error body: {"errors": [{"code": "MANIFEST_INVALID", "message": "…"}]}.
        let errors = (try? JSONValue.parse(response.body, maxBytes: Self.maxErrorBytes, maxDepth: 8))?["errors"]?.arrayValue ?? []
        let detail = errors.compactMap { error -> String? in
            guard let code = error["code"]?.stringValue else { return nil }
            return code + (error["message"]?.stringValue.map { ": " + $0.prefix(200) } ?? "")
        }.joined(separator: "; ")
        let kind: OCIErrorKind = response.status == 404 ? .notFound
            : (errors.contains { ["MANIFEST_INVALID", "DIGEST_INVALID", "MANIFEST_BLOB_UNKNOWN"].contains($0["code"]?.stringValue ?? "") } ? .invalidManifest : .registry)
        throw OCIError(kind, "\(what): HTTP \(response.status)" + (detail.isEmpty ? "" : " (\(detail))"))
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateStore
@testable import TollgateServer

/// A Tollgate server on loopback for one test: a fresh data directory (SQLite) or PostgreSQL
/// schema, the server started in-process on a free port, a P-256 key it trusts for key-signed
/// evidence, and one API token per role.
final class TestServer: Sendable {
    let directory: URL
    let location: DataLocation
    let server: APIServer
    let base: String
    /// Role → bearer token.
    let tokens: [Role: String]
    /// Role → token name (the principal's name).
    let names: [Role: String]
    /// The key whose signatures the server can verify (`--key`).
    let signingKey: PrivateKey

    private init(directory: URL, location: DataLocation, server: APIServer, tokens: [Role: String], names: [Role: String], signingKey: PrivateKey) {
        self.directory = directory
        self.location = location
        self.server = server
        self.base = "http://127.0.0.1:\(server.port)"
        self.tokens = tokens
        self.names = names
        self.signingKey = signingKey
    }

    /// The PostgreSQL URL of the throwaway server `scripts/test.sh` starts (required for the
    /// PostgreSQL tests: a missing variable fails them rather than skipping them).
    static var postgresURL: String? { ProcessInfo.processInfo.environment["TOLLGATE_TEST_POSTGRES"] }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A new ledger in a temporary data directory (SQLite), or in a new PostgreSQL schema.
    static func initialize(postgres: Bool = false) async throws -> (URL, DataLocation) {
        let directory = try temporaryDirectory()
        let location = DataLocation(directory: directory.appendingPathComponent("data").path)
        if postgres {
            guard let url = postgresURL else {
                throw ServerError(.invalidConfiguration, "TOLLGATE_TEST_POSTGRES is not set; scripts/test.sh starts a throwaway PostgreSQL and sets it")
            }
            let schema = "s_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            _ = try await location.initialize(origin: "tollgate.test/ledger", postgresURL: url, schema: String(schema))
        } else {
            _ = try await location.initialize(origin: "tollgate.test/ledger")
        }
        return (directory, location)
    }

    static func start(postgres: Bool = false, oidcTrust: OIDCTrust? = nil,
                      configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> TestServer {
        let (directory, location) = try await initialize(postgres: postgres)
        let signingKey = try PrivateKey.generate(.ecdsaP256)
        let keyFile = directory.appendingPathComponent("evidence-key.pem")
        try Data(signingKey.publicKey.pem.utf8).write(to: keyFile)
        var configuration = ServerConfiguration(location: location)
        configuration.port = 0
        configuration.keyFiles = [keyFile.path]
        configuration.oidcTrust = oidcTrust
        configuration.checkpointInterval = .milliseconds(100)
        configuration.limits.burst = 100_000
        configure(&configuration)
        var logger = Logger(label: "tollgate.test")
        logger.logLevel = .error
        let server = try await APIServer.start(configuration, logger: logger, signals: [])
        // Tokens straight through the stores, as `tollgate token create` makes them.
        let config = try location.loadConfig()
        let stores = try location.openStores(config)
        try await stores.prepare()
        let ledger = try await Ledger.open(store: stores.ledger, signer: try location.signer(for: config))
        let authority = TokenAuthority(store: stores.tokens, ledger: ledger)
        var tokens: [Role: String] = [:], names: [Role: String] = [:]
        for role in Role.allCases {
            let name = "test-\(role.rawValue)"
            tokens[role] = try await authority.create(name: name, role: role, lifetime: 3600, actor: "test").token.text
            names[role] = name
        }
        let test = TestServer(directory: directory, location: location, server: server, tokens: tokens, names: names, signingKey: signingKey)
        // (Over HTTPS the test checks readiness itself: this harness speaks plain HTTP.)
        if configuration.tlsCertificate == nil { try await test.waitUntilReady() }
        return test
    }

    func stop() async throws {
        try await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    func waitUntilReady() async throws {
        for _ in 0..<200 {
            if (try? await request(.GET, "/readyz"))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServerError(.unavailable, "the test server did not become ready")
    }

    struct Reply: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
        /// The `code` of an error body.
        var code: String? { json["code"]?.stringValue }
    }

    /// Sends a request; `token` is a role's token, `bearer` any credential.
    func request(_ method: HTTPMethod, _ path: String, role: Role? = nil, bearer: String? = nil,
                 body: [UInt8]? = nil, contentType: String? = nil) async throws -> Reply {
        try await Self.send(base: base, method, path, bearer: bearer ?? role.flatMap { tokens[$0] }, body: body, contentType: contentType)
    }

    func json(_ method: HTTPMethod, _ path: String, role: Role? = nil, _ object: String) async throws -> Reply {
        try await request(method, path, role: role, body: Array(object.utf8), contentType: "application/json")
    }

    /// The tests' HTTP client: a refused connection fails at once (the shared client retries
    /// until the deadline, which turns a stopped server into a minute-long wait per request).
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(5), read: .seconds(60)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    static func send(base: String, _ method: HTTPMethod, _ path: String, bearer: String? = nil,
                     body: [UInt8]? = nil, contentType: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: collected))
    }

    // MARK: Fixtures

    /// A DSSE envelope with an in-toto statement about `digest`, signed with `key`.
    static func attestation(about digest: Digest, predicateType: String = "https://example.com/test/v1",
                            predicate: String = "{}", key: PrivateKey) throws -> [UInt8] {
        let statement = """
            {"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"app","digest":{"\(digest.algorithm.rawValue)":"\(digest.hex)"}}],\
            "predicateType":"\(predicateType)","predicate":\(predicate)}
            """
        return try DSSE.sign(payload: Array(statement.utf8), payloadType: DSSE.inTotoPayloadType, keys: [key]).jsonBytes()
    }

    static func digest(_ text: String) -> Digest {
        DigestAlgorithm.sha256.hash(Array(text.utf8))
    }

    /// Registers an artifact as the publisher.
    @discardableResult
    func register(_ digest: Digest, name: String = "app", version: String = "1.0.0") async throws -> Reply {
        try await json(.POST, "/v1/artifacts", role: .publisher, #"{"digest":"\#(digest)","name":"\#(name)","version":"\#(version)"}"#)
    }

    static let policyYAML = """
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata: { name: release }
        artifact:
          signature: { required: false, keys: ["0000000000000000000000000000000000000000000000000000000000000000"] }
        exceptions:
          - id: EXC-1
            owner: alice@acme.example
            reason: "no fixed release yet"
            expires: 2099-12-31
            match: { advisory: GHSA-xxxx-xxxx-xxxx, component: "pkg:pypi/django" }
        """
}

extension TestServer {
    /// Registers `content`'s digest and uploads a raw signature over it by the server's trusted key.
    func registerSigned(_ content: [UInt8]) async throws -> Digest {
        let digest = DigestAlgorithm.sha256.hash(content)
        try await register(digest)
        let signature = Data(try signingKey.sign(content)).base64EncodedString()
        let reply = try await request(.POST, "/v1/artifacts/\(digest)/evidence?kind=signature", role: .publisher,
                                      body: Array(signature.utf8), contentType: "text/plain")
        guard reply.status == 201 else { throw ServerError(.badRequest, "the signature was not stored: \(reply.text)") }
        return digest
    }

    /// Registers the server's trusted key in the key registry, as `tollgate key register` does on the
    /// server's data; the lifecycle revokes it later.
    func registerSigningKey() async throws -> KeyLifecycle {
        let config = try location.loadConfig()
        let stores = try location.openStores(config)
        try await stores.prepare()
        let ledger = try await Ledger.open(store: stores.ledger, signer: try location.signer(for: config))
        let lifecycle = KeyLifecycle(registry: stores.keys, ledger: ledger)
        _ = try await lifecycle.register(publicKeyPEM: signingKey.publicKey.pem, owner: "release-team", purpose: .artifactSigning,
                                         validFrom: Date(timeIntervalSince1970: 1_600_000_000), validUntil: nil,
                                         reason: "release key", actor: "test")
        return lifecycle
    }
}

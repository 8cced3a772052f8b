import Foundation
import Testing
import TollgateModel
import TollgateOCI
import TollgateOCIHTTP

/// The HTTP client against scripted loopback servers: the token dance, basic challenges, a
/// `Docker-Content-Digest` that lies, size limits, redirects to blob storage on another host
/// (no credentials follow), and HTTPS by default.
@Suite("The registry client speaks the distribution API and trusts nothing it is told", .serialized)
struct HTTPRegistryClientTests {
    static let manifest = ImageIndex(manifests: []).jsonBytes
    static let digest = DigestAlgorithm.sha256.hash(manifest)

    static func withServer<T: Sendable>(host: String = "127.0.0.1", _ respond: @escaping @Sendable (ScriptedHTTPServer.Request) -> ScriptedHTTPServer.Response,
                                        _ body: (ScriptedHTTPServer) async throws -> T) async throws -> T {
        let server = try await ScriptedHTTPServer.start(host: host, respond)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    static func registry(_ credentials: RegistryCredentials = RegistryCredentials(), allowHTTP: Bool = true,
                         _ body: @escaping @Sendable (Registry) async throws -> Void) async throws {
        try await HTTPRegistryClient.with(credentials: credentials, allowHTTP: allowHTTP) { client in
            try await body(Registry(client: client))
        }
    }

    @Test("a Bearer challenge is answered by the token service, with basic credentials, and the token is used")
    func bearer() async throws {
        let port = ManagedPort()
        try await Self.withServer({ request in
            if request.uri.hasPrefix("/token") {
                guard request.header("authorization") == "Basic " + Base64Text.encode(Array("ci:pw".utf8)) else { return .init(status: 401) }
                return .init(status: 200, body: Array(#"{"token":"T0K3N"}"#.utf8))
            }
            guard request.header("authorization") == "Bearer T0K3N" else {
                return .init(status: 401, headers: [("WWW-Authenticate", #"Bearer realm="http://\#(port.value)/token",service="fake",scope="repository:team/app:pull""#)])
            }
            return .init(status: 200, headers: [("Content-Type", MediaType.imageIndex), ("Docker-Content-Digest", Self.digest.description)], body: Self.manifest)
        }) { server in
            port.value = server.address
            let credentials = RegistryCredentials(byRegistry: [server.address: .init(username: "ci", password: "pw")])
            try await Self.registry(credentials) { registry in
                let fetched = try await registry.manifest(try ImageReference(parsing: "\(server.address)/team/app:v1"))
                #expect(fetched.digest == Self.digest)
            }
            let token = server.requests.first { $0.uri.hasPrefix("/token") }
            #expect(token?.uri.contains("service=fake") == true)
            #expect(token?.uri.contains("scope=repository%3Ateam%2Fapp%3Apull") == true)
        }
    }

    @Test("a Basic challenge without credentials is oci.unauthorized (exit 4) and says how to give them")
    func basicWithoutCredentials() async throws {
        try await Self.withServer({ _ in .init(status: 401, headers: [("WWW-Authenticate", #"Basic realm="registry""#)]) }) { server in
            try await Self.registry { registry in
                await #expect {
                    _ = try await registry.manifest(try ImageReference(parsing: "\(server.address)/team/app:v1"))
                } throws: { error in
                    (error as? OCIError)?.kind == .unauthorized && (error as? OCIError)?.exitStatus == .environment
                        && (error as? OCIError)?.reason.contains("docker/config.json") == true
                }
            }
        }
    }

    @Test("a Docker-Content-Digest that is not the hash of the manifest received is oci.digest-mismatch")
    func lyingHeader() async throws {
        let other = DigestAlgorithm.sha256.hash(Array("other".utf8))
        try await Self.withServer({ _ in
            .init(status: 200, headers: [("Content-Type", MediaType.imageIndex), ("Docker-Content-Digest", other.description)], body: Self.manifest)
        }) { server in
            try await Self.registry { registry in
                await #expect {
                    _ = try await registry.manifest(try ImageReference(parsing: "\(server.address)/team/app:v1"))
                } throws: { ($0 as? OCIError)?.kind == .digestMismatch }
            }
        }
    }

    @Test("a manifest over the limit is refused from its Content-Length (oci.too-large)")
    func tooLarge() async throws {
        try await Self.withServer({ _ in .init(status: 200, headers: [("Content-Type", MediaType.imageIndex)], body: [UInt8](repeating: 32, count: 5 << 20)) }) { server in
            try await Self.registry { registry in
                await #expect {
                    _ = try await registry.manifest(try ImageReference(parsing: "\(server.address)/team/app:v1"))
                } throws: { ($0 as? OCIError)?.kind == .tooLarge }
            }
        }
    }

    @Test("a blob redirect to storage on another host is followed without the registry's credentials")
    func redirect() async throws {
        let blob = Array("layer bytes".utf8)
        let blobDigest = DigestAlgorithm.sha256.hash(blob)
        try await Self.withServer(host: "127.0.0.2", { _ in .init(status: 200, body: blob) }) { storage in
            try await Self.withServer({ request in
                request.header("authorization") == nil
                    ? .init(status: 401, headers: [("WWW-Authenticate", #"Basic realm="registry""#)])
                    : .init(status: 307, headers: [("Location", "http://\(storage.address)/bucket/blob?signature=x")])
            }) { server in
                let credentials = RegistryCredentials(everywhere: .init(username: "ci", password: "pw"))
                try await Self.registry(credentials) { registry in
                    let repository = try Repository(parsing: "\(server.address)/team/app")
                    let bytes = try await registry.blob(repository, Descriptor(mediaType: MediaType.layerTarGzip, digest: blobDigest, size: Int64(blob.count)))
                    #expect(bytes == blob)
                }
                #expect(storage.requests.count == 1)
                #expect(storage.requests.first?.header("authorization") == nil)
            }
        }
    }

    @Test("without --allow-http-registry the client speaks HTTPS, and a plain-HTTP registry fails with a hint")
    func httpsByDefault() async throws {
        try await Self.withServer({ _ in .init(status: 200) }) { server in
            try await Self.registry(allowHTTP: false) { registry in
                await #expect {
                    _ = try await registry.manifest(try ImageReference(parsing: "\(server.address)/team/app:v1"))
                } throws: { error in
                    (error as? OCIError)?.kind == .registry && (error as? OCIError)?.reason.contains("--allow-http-registry") == true
                }
            }
        }
    }
}

/// The server's address, known only once it listens, for the challenge it sends.
final class ManagedPort: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = ""
    var value: String {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

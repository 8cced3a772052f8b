import Foundation
import NIOCore
import NIOPosix
import Testing
import TollgateModel
@testable import TollgateOCI
import TollgateOCIHTTP

/// Credential helpers end to end: a real CNCF distribution registry (`docker-registry`, started
/// here on a free loopback port with htpasswd basic auth) is reached only with the password a fake
/// `docker-credential-NAME` gives; and a Bearer token service exchanges a helper's identity token
/// (OAuth2 refresh-token grant, as docker does).
@Suite("Credentials from docker credential helpers reach real registries", .serialized)
struct CredentialHelperRegistryTests {
    /// bcrypt of `s3cret` (htpasswd's only accepted hash), user `ci`.
    static let htpasswd = "ci:$2b$12$iM2SvmOSRaBKKiE4mF8vXOIgS5d8.0LCek6zcW1cNmOYtdO9eujf.\n"
    static let registryBinary = ["/usr/bin/docker-registry", "/usr/local/bin/docker-registry"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A directory with the docker config and the fake helper, which records the server URL it was asked for.
    static func sandbox(helper: String, answer: String, config: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-credreg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = "#!/bin/sh\ncat >> \"\(directory.path)/asked\"\nprintf '%s' '\(answer)'\n"
        let url = directory.appendingPathComponent("docker-credential-\(helper)")
        try Data(script.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        try Data(config.utf8).write(to: directory.appendingPathComponent("config.json"))
        return directory
    }

    /// A free loopback port (bound, read and released).
    static func freePort() async throws -> Int {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close().get()
        try await group.shutdownGracefully()
        return port
    }

    @Test("a registry with htpasswd basic auth accepts a push and pull with the credHelpers helper's password, and refuses without",
          .enabled(if: registryBinary != nil, "docker-registry is not installed (apt-get install docker-registry)"))
    func basicAuthRegistry() async throws {
        let port = try await Self.freePort()
        let host = "127.0.0.1:\(port)"
        let directory = try Self.sandbox(helper: "fake", answer: #"{"ServerURL":"\#(host)","Username":"ci","Secret":"s3cret"}"#,
                                         config: #"{"auths": {"\#(host)": {"auth": "\#(Base64Text.encode(Array("ci:wrong".utf8)))"}}, "credHelpers": {"\#(host)": "fake"}}"#)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.htpasswd.utf8).write(to: directory.appendingPathComponent("htpasswd"))
        let config = ["version: 0.1", "log:", "  level: error", "  accesslog:", "    disabled: true", "storage:", "  filesystem:",
                      "    rootdirectory: \(directory.path)/data", "auth:", "  htpasswd:", "    realm: tollgate-test",
                      "    path: \(directory.path)/htpasswd", "http:", "  addr: \(host)"].joined(separator: "\n") + "\n"
        try Data(config.utf8).write(to: directory.appendingPathComponent("registry.yml"))
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.registryBinary!)
        server.arguments = ["serve", directory.appendingPathComponent("registry.yml").path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var listening = false
        for _ in 0..<100 where !listening {
            listening = connectable(port: port)
            if !listening { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(listening)

        let credentials = try RegistryCredentials.load(environment: ["DOCKER_CONFIG": directory.path, "PATH": directory.path])
        let repository = try Repository(parsing: "\(host)/team/app")
        let pushed = try await HTTPRegistryClient.with(credentials: credentials, allowHTTP: true) { client in
            let registry = Registry(client: client)
            let manifest = try await ImageBuilder.push([[.file("etc/hello", Array("hello\n".utf8))]], to: registry, repository: repository, tag: "v1")
            let fetched = try await registry.manifest(try ImageReference(parsing: "\(host)/team/app:v1"))
            #expect(fetched.digest == manifest.digest)
            return manifest.digest
        }
        // The helper ran once for the whole run (cached per registry), asked for the registry's host.
        let asked = try String(contentsOf: directory.appendingPathComponent("asked"), encoding: .utf8)
        #expect(asked == host + "\n")

        // The auths entry alone (a wrong password) is refused: the helper's answer is what got in.
        let fileOnly = RegistryCredentials(byRegistry: credentials.byRegistry)
        await #expect {
            try await HTTPRegistryClient.with(credentials: fileOnly, allowHTTP: true) { client in
                _ = try await Registry(client: client).manifest(repository, digest: pushed)
            }
        } throws: { ($0 as? OCIError)?.kind == .unauthorized }
    }

    @Test("an identity token from a helper is exchanged at the Bearer realm by the refresh-token grant")
    func identityToken() async throws {
        let manifest = ImageIndex(manifests: []).jsonBytes
        let digest = DigestAlgorithm.sha256.hash(manifest)
        let port = ManagedPort()
        let server = try await ScriptedHTTPServer.start { request in
            if request.uri.hasPrefix("/token") {
                let form = String(decoding: request.body, as: UTF8.self)
                guard request.method == "POST", form.contains("grant_type=refresh_token"), form.contains("refresh_token=REFRESH-1"),
                      form.contains("service=fake") else { return .init(status: 401) }
                return .init(status: 200, body: Array(#"{"access_token":"ACCESS-1","expires_in":300}"#.utf8))
            }
            guard request.header("authorization") == "Bearer ACCESS-1" else {
                return .init(status: 401, headers: [("WWW-Authenticate", #"Bearer realm="http://\#(port.value)/token",service="fake",scope="repository:team/app:pull""#)])
            }
            return .init(status: 200, headers: [("Content-Type", MediaType.imageIndex), ("Docker-Content-Digest", digest.description)], body: manifest)
        }
        port.value = server.address
        let directory = try Self.sandbox(helper: "desktop", answer: #"{"ServerURL":"x","Username":"<token>","Secret":"REFRESH-1"}"#,
                                         config: #"{"credsStore": "desktop"}"#)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let credentials = try RegistryCredentials.load(environment: ["DOCKER_CONFIG": directory.path, "PATH": directory.path])
            let fetched = try await HTTPRegistryClient.with(credentials: credentials, allowHTTP: true) { client in
                try await Registry(client: client).manifest(try ImageReference(parsing: "\(server.address)/team/app:v1"))
            }
            #expect(fetched.digest == digest)
            #expect(server.requests.contains { $0.uri == "/token" && $0.method == "POST" })
            try await server.stop()
        } catch {
            try? await server.stop()
            throw error
        }
    }

    @Test("a helper that is not installed fails the request with oci.credential-helper, naming the program")
    func missingHelper() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .init(status: 401, headers: [("WWW-Authenticate", #"Basic realm="r""#)]) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-credreg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"credsStore": "osxkeychain"}"#.utf8).write(to: directory.appendingPathComponent("config.json"))
        let credentials = try RegistryCredentials.load(environment: ["DOCKER_CONFIG": directory.path, "PATH": directory.path])
        await #expect {
            try await HTTPRegistryClient.with(credentials: credentials, allowHTTP: true) { client in
                _ = try await Registry(client: client).manifest(try ImageReference(parsing: "\(server.address)/team/app:v1"))
            }
        } throws: { error in
            (error as? OCIError)?.kind == .credentialHelper && (error as? OCIError)?.reason.contains("docker-credential-osxkeychain is not on PATH") == true
        }
        try await server.stop()
    }
}

/// Whether something accepts TCP connections on the loopback port.
private func connectable(port: Int) -> Bool {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { return false }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}

import Foundation
import Testing
import TollgateModel
@testable import TollgateOCI

/// Docker credential helpers, run for real: each test writes a fake `docker-credential-NAME` shell
/// script into a private `PATH` directory, which answers as docker-credential-helpers'
/// `credentials.go` does (JSON on stdout; an error message on stdout with exit 1) and records the
/// server URL it was given on stdin.
@Suite("Docker credential helpers are run as docker runs them")
struct CredentialHelperTests {
    /// A directory holding fake helpers, and the config that names them.
    struct Sandbox {
        let directory: URL

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-credhelper-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }

        /// Writes `docker-credential-NAME`: records its arguments and stdin, then runs `body` (sh).
        func helper(_ name: String, _ body: String) throws {
            let url = directory.appendingPathComponent("docker-credential-\(name)")
            let script = "#!/bin/sh\necho \"$@\" > \"\(directory.path)/\(name).args\"\ncat > \"\(directory.path)/\(name).stdin\"\n\(body)\n"
            try Data(script.utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }

        func config(_ json: String) throws {
            try Data(json.utf8).write(to: directory.appendingPathComponent("config.json"))
        }

        func stdin(of name: String) -> String? {
            (try? String(contentsOf: directory.appendingPathComponent("\(name).stdin"), encoding: .utf8))
        }

        func arguments(of name: String) -> String? {
            (try? String(contentsOf: directory.appendingPathComponent("\(name).args"), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func credentials(extra: [String: String] = [:]) throws -> RegistryCredentials {
            try RegistryCredentials.load(environment: ["DOCKER_CONFIG": directory.path, "PATH": directory.path].merging(extra) { $1 })
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    static func answer(_ username: String, _ secret: String) -> String {
        #"printf '{"ServerURL":"x","Username":"\#(username)","Secret":"\#(secret)"}\n'"#
    }

    @Test("credHelpers wins over credsStore, which wins over auths; the server URL goes on stdin to 'get'")
    func precedence() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.helper("ecr", Self.answer("AWS", "ecr-secret"))
        try sandbox.helper("store", Self.answer("stored", "store-secret"))
        try sandbox.config(#"""
        {"auths": {"a.example": {"auth": "\#(Base64Text.encode(Array("file:file-secret".utf8)))"},
                   "b.example": {"auth": "\#(Base64Text.encode(Array("file:file-secret".utf8)))"}},
         "credHelpers": {"a.example": "ecr"},
         "credsStore": "store"}
        """#)
        let credentials = try sandbox.credentials()
        #expect(try credentials.secret(for: "a.example") == .basic(.init(username: "AWS", password: "ecr-secret")))
        #expect(sandbox.arguments(of: "ecr") == "get")
        #expect(sandbox.stdin(of: "ecr") == "a.example\n")
        // credsStore serves every registry without a credHelpers entry, auths or not (docker/cli GetCredentialsStore).
        #expect(try credentials.secret(for: "b.example") == .basic(.init(username: "stored", password: "store-secret")))
        #expect(sandbox.stdin(of: "store") == "b.example\n")
    }

    @Test("without helpers the auths entry is used; the environment's credentials beat every helper")
    func authsAndEnvironment() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.helper("store", Self.answer("stored", "store-secret"))
        try sandbox.config(#"{"auths": {"a.example": {"username": "file", "password": "pw"}}}"#)
        #expect(try sandbox.credentials().secret(for: "a.example") == .basic(.init(username: "file", password: "pw")))
        try sandbox.config(#"{"credsStore": "store"}"#)
        let environment = try sandbox.credentials(extra: ["TOLLGATE_REGISTRY_USERNAME": "env", "TOLLGATE_REGISTRY_PASSWORD": "e"])
        #expect(try environment.secret(for: "a.example") == .basic(.init(username: "env", password: "e")))
        #expect(sandbox.stdin(of: "store") == nil)
    }

    @Test("Docker Hub is asked for under https://index.docker.io/v1/; '<token>' is an identity token")
    func dockerHubAndIdentityToken() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.helper("desktop", Self.answer("<token>", "refresh-123"))
        try sandbox.config(#"{"credsStore": "desktop"}"#)
        #expect(try sandbox.credentials().secret(for: "docker.io") == .identityToken("refresh-123"))
        #expect(sandbox.stdin(of: "desktop") == "https://index.docker.io/v1/\n")
    }

    @Test("'credentials not found in native keychain' means no credentials (auths is not consulted, as in docker)")
    func notFound() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.helper("pass", "echo 'credentials not found in native keychain'\nexit 1")
        try sandbox.config(#"{"auths": {"a.example": {"username": "file", "password": "pw"}}, "credsStore": "pass"}"#)
        #expect(try sandbox.credentials().secret(for: "a.example") == nil)
    }

    @Test("a missing, failing, silent or garbled helper is oci.credential-helper (exit 4) with a clear message", arguments: [
        ("missing", nil, "is not on PATH"),
        ("fails", "echo 'error getting credentials - err: exit status 1, out: `GDBus.Error: no secret service`'\nexit 1", "GDBus.Error: no secret service"),
        ("garbled", "echo 'Username=x'", "something other than JSON"),
        ("partial", #"printf '{"Username":"x"}'"#, "without the strings Username and Secret"),
        ("killed", "kill -9 $$", "killed by signal"),
    ] as [(String, String?, String)])
    func failures(name: String, body: String?, expected: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        if let body { try sandbox.helper(name, body) }
        try sandbox.config(#"{"credHelpers": {"a.example": "\#(name)"}}"#)
        let credentials = try sandbox.credentials()
        #expect { try credentials.secret(for: "a.example") } throws: { error in
            guard let error = error as? OCIError else { return false }
            return error.kind == .credentialHelper && error.exitStatus == .environment && error.reason.contains(expected)
                && !error.reason.contains("secret-value")
        }
    }

    @Test("helper names that could leave PATH, and credHelpers that are not an object, are oci.invalid-credentials", arguments: [
        #"{"credsStore": "../../bin/sh"}"#, #"{"credHelpers": {"a": "x/y"}}"#, #"{"credHelpers": {"a": "-rf"}}"#,
        #"{"credHelpers": ["a"]}"#, #"{"credsStore": 7}"#,
    ])
    func badNames(config: String) {
        #expect { try RegistryCredentials.parseDockerConfigFile(Array(config.utf8), path: "config.json") } throws: {
            ($0 as? OCIError)?.kind == .invalidCredentials
        }
    }
}

import Foundation
import Testing
import TollgateModel
import TollgateSigstoreTesting

/// `tollgate sign --keyless` and `tollgate attest --keyless` through the built binary against a
/// test Sigstore deployment's Fulcio and Rekor on loopback HTTP: the bundles they print verify
/// with `verify-bundle` and pass the gate for the identity that signed, and every failure (Fulcio,
/// Rekor, the token, a bundle that does not verify) is a documented error with nothing written.
@Suite("keyless signing through Fulcio and Rekor on loopback", .serialized)
struct KeylessSigningTests {
    /// Sigstore's own OIDC issuer: Fulcio binds its tokens by `email` (the proof of possession signs it).
    static let issuer = "https://oauth2.sigstore.dev/auth"
    static let email = "release@tollgate.test"

    /// An unsigned JWT with `claims` (the test Fulcio trusts claims; the real one checks the signature).
    static func token(_ claims: JSONValue) -> String { TestSigstoreServices.unsignedToken(claims) }

    static var goodToken: String {
        token(["iss": .string(issuer), "sub": "user-4242", "email": .string(email), "aud": "sigstore",
               "exp": .integer(Int64(Date().timeIntervalSince1970) + 600)])
    }

    /// A scratch directory with `a.txt`, the instance's `trusted_root.json` and a predicate, and
    /// the instance's services on loopback.
    struct World {
        let dir: URL
        let server: SigstoreLoopbackServer

        static func make(actionsToken: String = "") async throws -> World {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keyless-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let instance = try TestSigstoreInstance()
            try Data(instance.trustedRootJSON).write(to: dir.appendingPathComponent("trusted_root.json"))
            try Data("release artifact\n".utf8).write(to: dir.appendingPathComponent("a.txt"))
            try Data(#"{"buildType":"https://tollgate.dev/test"}"#.utf8).write(to: dir.appendingPathComponent("predicate.json"))
            let server = try await SigstoreLoopbackServer.start(services: TestSigstoreServices(instance: instance), actionsToken: actionsToken)
            return World(dir: dir, server: server)
        }

        var keylessFlags: [String] {
            ["--keyless", "--fulcio-url", server.url, "--rekor-url", server.url, "--trusted-root", "trusted_root.json"]
        }

        /// Runs the binary on a dispatch thread: waiting for it on a cooperative thread could starve
        /// the loopback services' actor, which must answer meanwhile.
        func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> TollgateProcess.Result {
            let dir = dir
            return try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try TollgateProcess.run(arguments, in: dir, environment: environment) })
                }
            }
        }

        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path) }

        func verifyBundle(_ bundle: String, identity: String, artifact: String = "a.txt") async throws -> TollgateProcess.Result {
            try await run(["verify-bundle", "--bundle", bundle, "--certificate-identity", identity, "--certificate-oidc-issuer", KeylessSigningTests.issuer,
                     "--trusted-root", "trusted_root.json", "--format", "json", artifact])
        }

        func gate(_ arguments: [String], subject: String) async throws -> TollgateProcess.Result {
            let policy = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: keyless-signed }
            artifact:
              signature:
                identities:
                  - issuer: \(KeylessSigningTests.issuer)
                    subject: \(subject)
            """
            try Data(policy.utf8).write(to: dir.appendingPathComponent("policy.yaml"))
            return try await run(["verify", "a.txt", "--policy", "policy.yaml", "--trusted-root", "trusted_root.json", "--no-sidecar", "--format", "json"] + arguments)
        }
    }

    static func errorCode(_ result: TollgateProcess.Result) -> String? {
        (try? JSONValue.parse(result.stdout))?["error"]?["code"]?.stringValue
    }

    @Test("sign --keyless prints a bundle verify-bundle and the gate accept for the signer's identity, and refuse for another")
    func signBlob() async throws {
        let world = try await World.make()
        defer { Task { try? await world.server.stop() } }
        let signed = try await world.run(["sign", "a.txt", "--identity-token", Self.goodToken, "--output", "a.txt.sigstore.json"] + world.keylessFlags)
        #expect(signed.status == 0, "\(signed.stderr)")
        let bundle = try JSONValue.parse(try Data(contentsOf: world.dir.appendingPathComponent("a.txt.sigstore.json")))
        #expect(bundle["mediaType"]?.stringValue == "application/vnd.dev.sigstore.bundle.v0.3+json")
        #expect(bundle["verificationMaterial"]?["tlogEntries"]?[0]?["kindVersion"]?["kind"]?.stringValue == "hashedrekord")

        let verified = try await world.verifyBundle("a.txt.sigstore.json", identity: Self.email)
        #expect(verified.status == 0, "\(verified.text) \(verified.stderr)")
        let report = try JSONValue.parse(verified.stdout)
        #expect(report["identity"]?["subjectAlternativeNames"]?[0]?.stringValue == Self.email, "\(verified.text)")
        #expect(report["logEntries"]?.arrayValue?.count == 1)

        let stranger = try await world.verifyBundle("a.txt.sigstore.json", identity: "mallory@tollgate.test")
        #expect(stranger.status == 1, "\(stranger.text)")
        #expect((try? JSONValue.parse(stranger.stdout))?["reasonCode"]?.stringValue == "sigstore.identity-mismatch", "\(stranger.text)")

        // The bundle is over a.txt: another file does not verify with it.
        try Data("another artifact\n".utf8).write(to: world.dir.appendingPathComponent("b.txt"))
        let swapped = try await world.verifyBundle("a.txt.sigstore.json", identity: Self.email, artifact: "b.txt")
        #expect(swapped.status == 1, "\(swapped.text)")

        let allowed = try await world.gate(["--bundle", "a.txt.sigstore.json"], subject: Self.email)
        #expect(allowed.status == 0, "\(allowed.text) \(allowed.stderr)")
        let denied = try await world.gate(["--bundle", "a.txt.sigstore.json"], subject: "mallory@tollgate.test")
        #expect(denied.status == 1, "\(denied.text) \(denied.stderr)")
    }

    @Test("attest --keyless prints a DSSE bundle about the file that verifies for the signer and the gate counts as signed")
    func attestFile() async throws {
        let world = try await World.make()
        defer { Task { try? await world.server.stop() } }
        let attested = try await world.run(["attest", "a.txt", "--predicate-type", "https://slsa.dev/provenance/v1", "--predicate", "predicate.json",
                                      "--format", "json", "--identity-token", Self.goodToken] + world.keylessFlags)
        #expect(attested.status == 0, "\(attested.stderr)")
        let bundle = try JSONValue.parse(attested.stdout)
        #expect(bundle["dsseEnvelope"]?["payloadType"]?.stringValue == DSSE.inTotoPayloadType)
        #expect(bundle["verificationMaterial"]?["tlogEntries"]?[0]?["kindVersion"]?["kind"]?.stringValue == "dsse")
        try attested.stdout.write(to: world.dir.appendingPathComponent("a.intoto.sigstore.json"))

        let verified = try await world.verifyBundle("a.intoto.sigstore.json", identity: Self.email)
        #expect(verified.status == 0, "\(verified.text) \(verified.stderr)")
        let stranger = try await world.verifyBundle("a.intoto.sigstore.json", identity: "mallory@tollgate.test")
        #expect(stranger.status == 1, "\(stranger.text)")
    }

    @Test("rebuild attest --keyless shares the signing options: a DSSE bundle about the release naming the signer as rebuilder")
    func rebuildAttest() async throws {
        let world = try await World.make()
        defer { Task { try? await world.server.stop() } }
        try FileManager.default.copyItem(at: world.dir.appendingPathComponent("a.txt"), to: world.dir.appendingPathComponent("rebuilt.txt"))
        let digest = DigestAlgorithm.sha256.hash(Array("release artifact\n".utf8)).hex
        let provenance = TestSigstoreInstance.statement(subjectName: "a.txt", digest: ["sha256": digest], predicateType: "https://slsa.dev/provenance/v1",
                                                        predicate: ["buildDefinition": ["buildType": "https://tollgate.dev/test", "externalParameters": [:]],
                                                                    "runDetails": ["builder": ["id": "https://ci.tollgate.test/builder"]]])
        try Data(provenance).write(to: world.dir.appendingPathComponent("prov.json"))
        let attested = try await world.run(["rebuild", "attest", "a.txt", "--rebuilt", "rebuilt.txt", "--provenance", "prov.json",
                                            "--identity-token", Self.goodToken, "--output", "rebuild.sigstore.json"] + world.keylessFlags)
        #expect(attested.status == 0, "\(attested.stderr)")
        let verified = try await world.verifyBundle("rebuild.sigstore.json", identity: Self.email)
        #expect(verified.status == 0, "\(verified.text) \(verified.stderr)")
        let bundle = try JSONValue.parse(try Data(contentsOf: world.dir.appendingPathComponent("rebuild.sigstore.json")))
        let statement = try JSONValue.parse(Base64Text.decode(bundle["dsseEnvelope"]?["payload"]?.stringValue ?? "") ?? [])
        #expect(statement["predicate"]?["rebuilder"]?["id"]?.stringValue == Self.email, "\(statement)")
        #expect(statement["predicate"]?["match"]?.boolValue == true, "\(statement)")
    }

    @Test("in GitHub Actions the job's token for the audience sigstore is used: a workflow identity (URI SAN, bound by sub)")
    func actionsToken() async throws {
        let workflow = "https://github.com/tollgate/app/.github/workflows/release.yml@refs/tags/v1.0.0"
        let actions = "https://token.actions.githubusercontent.com"
        let token = Self.token(["iss": .string(actions), "sub": .string(workflow), "aud": "sigstore",
                                "exp": .integer(Int64(Date().timeIntervalSince1970) + 600)])
        let world = try await World.make(actionsToken: token)
        defer { Task { try? await world.server.stop() } }
        let environment = ["ACTIONS_ID_TOKEN_REQUEST_URL": world.server.url + "/actions-token?api-version=2.0",
                           "ACTIONS_ID_TOKEN_REQUEST_TOKEN": SigstoreLoopbackServer.actionsRequestToken, "SIGSTORE_ID_TOKEN": ""]
        let signed = try await world.run(["sign", "a.txt", "--output", "a.txt.sigstore.json"] + world.keylessFlags, environment: environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        let verified = try await world.run(["verify-bundle", "--bundle", "a.txt.sigstore.json", "--certificate-identity", workflow,
                                            "--certificate-oidc-issuer", actions, "--trusted-root", "trusted_root.json", "a.txt"])
        #expect(verified.status == 0, "\(verified.text) \(verified.stderr)")
        // $SIGSTORE_ID_TOKEN comes first: a token for another audience there is refused, not skipped.
        let wrong = Self.token(["iss": .string(actions), "sub": .string(workflow), "aud": "tollgate"])
        let refused = try await world.run(["sign", "a.txt"] + world.keylessFlags, environment: environment.merging(["SIGSTORE_ID_TOKEN": wrong]) { $1 })
        #expect(refused.status == 3, "\(refused.stderr)")
    }

    @Test("Fulcio or Rekor refusing, or a bundle that does not verify against the trusted root: a named error, exit 4 or 1, nothing written")
    func serviceFailures() async throws {
        let world = try await World.make()
        defer { Task { try? await world.server.stop() } }
        await world.server.services.failFulcio(403, "token issuer not allowed")
        let fulcio = try await world.run(["sign", "a.txt", "--identity-token", Self.goodToken, "--output", "out.json", "--format", "json"] + world.keylessFlags)
        #expect(fulcio.status == 4, "\(fulcio.stderr)")
        #expect(fulcio.stderr.contains("error[sigstore.fulcio]") && fulcio.stderr.contains("HTTP 403: token issuer not allowed"), "\(fulcio.stderr)")
        #expect(!world.exists("out.json"))

        let other = try await World.make()
        defer { Task { try? await other.server.stop() } }
        await other.server.services.failRekor(500, "trillian unavailable")
        let rekor = try await other.run(["attest", "a.txt", "--predicate-type", "https://example.com/p", "--predicate", "predicate.json",
                                   "--identity-token", Self.goodToken, "--output", "out.json"] + other.keylessFlags)
        #expect(rekor.status == 4, "\(rekor.stderr)")
        #expect(rekor.stderr.contains("error[sigstore.rekor]") && rekor.stderr.contains("HTTP 500: trillian unavailable"), "\(rekor.stderr)")
        #expect(!other.exists("out.json"))

        // Fulcio and Rekor of one deployment, the trusted root of another: the bundle is built, fails
        // verification, and is not printed.
        let third = try await World.make()
        defer { Task { try? await third.server.stop() } }
        let foreign = ["--keyless", "--fulcio-url", third.server.url, "--rekor-url", third.server.url,
                       "--trusted-root", world.dir.appendingPathComponent("trusted_root.json").path]
        let unverified = try await third.run(["sign", "a.txt", "--identity-token", Self.goodToken, "--output", "out.json"] + foreign)
        #expect(unverified.status == 1, "\(unverified.stderr)")
        #expect(unverified.stderr.contains("error[sigstore.signed-bundle-unverified]"), "\(unverified.stderr)")
        #expect(!third.exists("out.json"))
    }

    @Test("a token without sub, for another audience, expired, or none at all: sigstore.identity-token, exit 3, Fulcio never asked")
    func badTokens() async throws {
        let world = try await World.make()
        defer { Task { try? await world.server.stop() } }
        // Fulcio would refuse every request: the token is refused before it is sent.
        await world.server.services.failFulcio(500, "must not be reached")
        let exp = JSONValue.integer(Int64(Date().timeIntervalSince1970) + 600)
        let email = JSONValue.string(Self.email)
        let cases: [(String, String)] = [
            (Self.token(["iss": .string(Self.issuer), "email": email, "aud": "sigstore", "exp": exp]), "no 'sub' claim"),
            (Self.token(["iss": .string(Self.issuer), "email": email, "sub": "u", "aud": "tollgate", "exp": exp]), "Fulcio needs 'sigstore'"),
            (Self.token(["iss": .string(Self.issuer), "email": email, "sub": "u", "aud": ["sigstore"], "exp": .integer(1_000_000)]), "expired"),
            (Self.token(["iss": .string(Self.issuer), "sub": "u", "aud": "sigstore", "exp": exp]), "no 'email' claim"),
            ("not-a-jwt", "not a JWT"),
        ]
        for (token, reason) in cases {
            let result = try await world.run(["sign", "a.txt", "--identity-token", token, "--output", "out.json", "--format", "json"] + world.keylessFlags)
            #expect(result.status == 3, "\(result.stderr)")
            #expect(Self.errorCode(result) == "sigstore.identity-token", "\(result.text)")
            #expect(result.stderr.contains(reason), "\(reason): \(result.stderr)")
            #expect(!world.exists("out.json"))
        }
        // No token anywhere (outside GitHub Actions).
        let none = try await world.run(["sign", "a.txt", "--format", "json"] + world.keylessFlags)
        #expect(none.status == 3 || ProcessInfo.processInfo.environment["SIGSTORE_ID_TOKEN"] != nil, "\(none.stderr)")
        #expect(none.stderr.contains("needs an OIDC identity token") || ProcessInfo.processInfo.environment["SIGSTORE_ID_TOKEN"] != nil, "\(none.stderr)")

        // Usage: both or neither of --key and --keyless; --keyless settings without --keyless.
        #expect(try await world.run(["sign", "a.txt"]).status == 2)
        #expect(try await world.run(["sign", "a.txt", "--fulcio-url", world.server.url, "--key", "k.pem"]).status == 2)
        #expect(try await world.run(["sign", "a.txt", "--key", "k.pem", "--keyless"]).status == 2)
        #expect(try await world.run(["sign", "a.txt", "--keyless", "--signature-output", "sig.txt"]).status == 2)
        #expect(try await world.run(["sign", "registry.tollgate.test/app:1.0", "--keyless"]).status == 2)
        #expect(try await world.run(["attest", "registry.tollgate.test/app:1.0", "--predicate-type", "https://example.com/p",
                                     "--predicate", "predicate.json", "--keyless"]).status == 2)
        #expect(try await world.run(["sign", "a.txt", "--keyless", "--rekor-url", "ftp://rekor"]).status == 2)
    }
}

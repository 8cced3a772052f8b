import Foundation
import Testing
import TollgateLedger
import TollgateModel
import TollgateTransparency
@testable import TollgateServer

/// `tollgate verify --record --server URL`: the built CLI against a real server on loopback, with
/// an API token and with a CI job's OIDC token, compared with the local `verify` of the same files.
@Suite("verify --record --server", .serialized)
struct RemoteVerifyTests {
    /// An artifact file, a signed SLSA provenance attestation about it (by the server's `--key`),
    /// the key's public PEM and a policy trusting it, in a fresh directory.
    struct Files {
        let directory: URL
        let artifact: String
        let attestation: String
        let key: String
        let policy: String
        let digest: Digest

        init(_ server: TestServer, repository: String = "github.com/acme/*") throws {
            directory = try TestServer.temporaryDirectory()
            let bytes = Array("release 1.2.0 of app\n".utf8)
            artifact = directory.appendingPathComponent("app-1.2.0.tar.gz").path
            try Data(bytes).write(to: URL(fileURLWithPath: artifact))
            digest = DigestAlgorithm.sha256.hash(bytes)
            let predicate = #"{"buildDefinition":{"buildType":"https://actions.github.io/buildtypes/workflow/v1","externalParameters":{"workflow":{"ref":"refs/tags/v1.2.0","repository":"https://github.com/acme/app","path":".github/workflows/release.yml"}}},"runDetails":{"builder":{"id":"https://github.com/actions/runner/github-hosted"}}}"#
            attestation = directory.appendingPathComponent("app.provenance.json").path
            try Data(try TestServer.attestation(about: digest, predicateType: "https://slsa.dev/provenance/v1", predicate: predicate,
                                                key: server.signingKey)).write(to: URL(fileURLWithPath: attestation))
            key = directory.appendingPathComponent("key.pub").path
            try Data(server.signingKey.publicKey.pem.utf8).write(to: URL(fileURLWithPath: key))
            policy = directory.appendingPathComponent("release.yaml").path
            try Data("""
                apiVersion: tollgate.dev/v1
                kind: Policy
                metadata: { name: release }
                build:
                  builders: ["https://github.com/actions/runner/github-hosted"]
                artifact:
                  signature: { required: false, keys: ["\(server.signingKey.publicKey.keyID)"] }
                  provenance: { required: true, sourceRepositories: ["\(repository)"] }
                """.utf8).write(to: URL(fileURLWithPath: policy))
        }

        func publish(on server: TestServer) async throws {
            let reply = try await server.request(.PUT, "/v1/policies/release", role: .admin,
                                                 body: [UInt8](try Data(contentsOf: URL(fileURLWithPath: policy))),
                                                 contentType: "application/yaml")
            #expect(reply.status == 201, "\(reply.text)")
        }

        /// `tollgate verify` of the same files in local mode (the server's key as `--key`).
        func local(_ extra: [String] = []) async throws -> TollgateRun {
            try await TollgateRun.run(["verify", artifact, "--policy", policy, "--attestation", attestation, "--key", key] + extra)
        }

        func remote(_ server: TestServer, _ extra: [String] = [], environment: [String: String]) async throws -> TollgateRun {
            try await TollgateRun.run(["verify", artifact, "--policy", "release", "--attestation", attestation, "--record",
                                 "--server", server.base] + extra, environment: environment)
        }
    }

    /// The decision without what differs from run to run (time, ledger receipt) and with each
    /// finding's evidence without its source's name: the local mode names the file
    /// (`/tmp/…/app.provenance.json: …`), the server the stored document (`attestation 2edb494846a4: …`).
    static func stable(_ run: TollgateRun) throws -> JSONValue {
        guard case .object(var object) = try JSONValue.parse(run.stdout) else { return .null }
        for key in ["time", "ledger", "evaluatedAt"] { object[key] = nil }
        let rules = object["rules"]?.arrayValue ?? []
        object["rules"] = .array(rules.map { rule in
            guard case .object(var finding) = rule else { return rule }
            finding["evidence"] = .array((finding["evidence"]?.arrayValue ?? []).map { line in
                guard let text = line.stringValue, let colon = text.range(of: ": ") else { return line }
                return .string(String(text[colon.upperBound...]))
            })
            return .object(finding)
        })
        return .object(object)
    }

    @Test("with an API token: the evidence is uploaded and verified, the published policy decides, the decision is recorded with the token as actor, and the output is the local one")
    func apiToken() async throws {
        let server = try await TestServer.start()
        let files = try Files(server)
        try await files.publish(on: server)
        let publisher = ["TOLLGATE_TOKEN": server.tokens[.publisher]!]
        let remote = try await files.remote(server, ["--format", "json", "--receipt-output", files.directory.appendingPathComponent("receipt.json").path],
                                      environment: publisher)
        #expect(remote.status == 0, "\(remote.stderr)")
        let report = try JSONValue.parse(remote.stdout)
        #expect(report["decision"]?.stringValue == "allow", "\(remote.text)")
        #expect(report["policyDigest"]?.stringValue == DigestAlgorithm.sha256.hash([UInt8](try Data(contentsOf: URL(fileURLWithPath: files.policy)))).description)
        let index = report["ledger"]?["index"]?.intValue ?? -1
        let entry = try await server.request(.GET, "/v1/ledger/entries/\(index)", role: .auditor)
        #expect(entry.json["kind"]?.stringValue == "decision.made")
        #expect(entry.json["actor"]?.stringValue == "token:\(server.names[.publisher]!)")
        // The receipt the server returned checks with the server's log key.
        let receipt = try LedgerInclusionReceipt(json: try Data(contentsOf: files.directory.appendingPathComponent("receipt.json")))
        let logKey = try NoteVerifierKey.parse(try String(contentsOfFile: server.location.verifierKeyPath, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(receipt.verify(logKey: logKey).isValid)
        #expect(receipt.index == UInt64(index))
        // The evidence was uploaded, verified and attached.
        let evidence = try await server.request(.GET, "/v1/artifacts/\(files.digest)/evidence", role: .reader)
        #expect(evidence.json["evidence"]?.arrayValue?.count == 1, "\(evidence.text)")
        // The local mode of the same files decides the same, rule for rule, in JSON and in text.
        let local = try await files.local(["--format", "json"])
        #expect(local.status == 0, "\(local.stderr)")
        #expect(try Self.stable(remote)["rules"]?.arrayValue?.count == 4)
        #expect(try Self.stable(remote)["rules"] == (try Self.stable(local))["rules"], "\(remote.text)\n---\n\(local.text)")
        #expect(try Self.stable(remote)["decision"] == (try Self.stable(local))["decision"])
        let remoteText = try await files.remote(server, environment: publisher)
        let localText = try await files.local()
        #expect(remoteText.status == 0, "\(remoteText.stderr)")
        let remoteLines = remoteText.text.split(separator: "\n")
        #expect(Array(remoteLines.dropLast()) == localText.text.split(separator: "\n"), "\(remoteText.text)\n---\n\(localText.text)")
        #expect(remoteLines.last?.hasPrefix("recorded by \(server.base): ledger entry ") == true, "\(remoteText.text)")
        try? FileManager.default.removeItem(at: files.directory)
        try await server.stop()
    }

    @Test("a deny exits 1 as locally; a reader is refused with the server's code; evidence that does not verify names its file")
    func refusals() async throws {
        let server = try await TestServer.start()
        let files = try Files(server, repository: "github.com/someone-else/*")
        try await files.publish(on: server)
        let denied = try await files.remote(server, ["--format", "json"], environment: ["TOLLGATE_TOKEN": server.tokens[.publisher]!])
        #expect(denied.status == 1, "\(denied.stderr)")
        #expect((try? JSONValue.parse(denied.stdout))?["decision"]?.stringValue == "deny", "\(denied.text)")
        #expect(try await files.local().status == 1)
        let reader = try await files.remote(server, environment: ["TOLLGATE_TOKEN": server.tokens[.reader]!])
        #expect(reader.status == 4)
        #expect(reader.stderr.contains("error[cli.server]") && reader.stderr.contains("server.forbidden"), "\(reader.stderr)")
        // An attestation by a key the server does not know is refused on upload, and says which file.
        let stranger = try PrivateKey.generate(.ecdsaP256)
        let forged = files.directory.appendingPathComponent("forged.json").path
        try Data(try TestServer.attestation(about: files.digest, key: stranger)).write(to: URL(fileURLWithPath: forged))
        let refused = try await TollgateRun.run(["verify", files.artifact, "--policy", "release", "--attestation", forged, "--record",
                                           "--server", server.base], environment: ["TOLLGATE_TOKEN": server.tokens[.publisher]!])
        #expect(refused.status == 4)
        #expect(refused.stderr.contains(forged) && refused.stderr.contains("422"), "\(refused.stderr)")
        // Trust is the server's: a local --key with --server is a usage error, and --server needs --record.
        let withKey = try await files.remote(server, ["--key", files.key], environment: ["TOLLGATE_TOKEN": server.tokens[.publisher]!])
        #expect(withKey.status == 2, "\(withKey.stderr)")
        let unrecorded = try await TollgateRun.run(["verify", files.artifact, "--policy", "release", "--server", server.base])
        #expect(unrecorded.status == 2, "\(unrecorded.stderr)")
        try? FileManager.default.removeItem(at: files.directory)
        try await server.stop()
    }

    @Test("a CI job's OIDC token: from $TOLLGATE_OIDC_TOKEN, or requested from the GitHub Actions token endpoint for the server's audience")
    func ciIdentity() async throws {
        let world = try await OIDCTests.world()
        let server = world.server
        let files = try Files(server)
        try await files.publish(on: server)
        let token = try await world.sign(OIDCTests.Claims())
        let actor = "oidc:\(OIDCTests.issuer)#repo:acme/app:ref:refs/tags/v1.2.0"
        let direct = try await files.remote(server, ["--format", "json"], environment: ["TOLLGATE_OIDC_TOKEN": token, "TOLLGATE_TOKEN": ""])
        #expect(direct.status == 0, "\(direct.stderr)")
        let index = (try? JSONValue.parse(direct.stdout))?["ledger"]?["index"]?.intValue ?? -1
        #expect(try await server.request(.GET, "/v1/ledger/entries/\(index)", role: .auditor).json["actor"]?.stringValue == actor)
        // GitHub Actions: the job asks its token endpoint for a token with the configured audience.
        let endpoint = try await ActionsTokenEndpoint.start(requestToken: "runner-request-token", audience: OIDCTests.audience, token: token)
        let requested = try await files.remote(server, ["--format", "json"],
                                         environment: ["TOLLGATE_TOKEN": "", "ACTIONS_ID_TOKEN_REQUEST_URL": endpoint.url,
                                                       "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "runner-request-token",
                                                       "TOLLGATE_OIDC_AUDIENCE": OIDCTests.audience])
        #expect(requested.status == 0, "\(requested.stderr)")
        let second = (try? JSONValue.parse(requested.stdout))?["ledger"]?["index"]?.intValue ?? -1
        #expect(try await server.request(.GET, "/v1/ledger/entries/\(second)", role: .auditor).json["actor"]?.stringValue == actor)
        // The wrong audience gets no token from the endpoint, and the CLI says so.
        let wrong = try await files.remote(server, [], environment: ["TOLLGATE_TOKEN": "", "ACTIONS_ID_TOKEN_REQUEST_URL": endpoint.url,
                                                              "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "runner-request-token"])
        #expect(wrong.status == 4)
        #expect(wrong.stderr.contains("cannot get the job's OIDC token"), "\(wrong.stderr)")
        try await endpoint.stop()
        try? FileManager.default.removeItem(at: files.directory)
        try await server.stop()
    }
}

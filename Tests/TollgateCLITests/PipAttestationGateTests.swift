import Foundation
import Testing
import TollgateModel
import TollgateSigstoreTesting

/// `tollgate pip install` with PEP 740 attestations signed by a test Sigstore instance (its own
/// Fulcio CA, CT log and Rekor log; `--trusted-root` names them), served in the PEP 691
/// `provenance` field of a loopback index, with real pip 23.2.1. Wheels are built in the test.
/// In every refusal, `pip list` shows nothing new installed.
@Suite("pip install gate with PEP 740 attestations from a test Sigstore instance", .serialized)
struct PipAttestationGateTests {
    typealias Index = PipInstallGateTests.Index
    typealias Project = PipInstallGateTests.Project

    static let wheelName = "widget-1.0-py3-none-any.whl"
    static let publishPredicate = "https://docs.pypi.org/attestations/publish/v1"

    /// The wheel build_index.py assembles for widget 1.0 (deterministic: fixed member times).
    static func buildWheel() throws -> URL {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wheel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let spec = scratch.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: ["packages": [["name": "widget", "version": "1.0"]]]).write(to: spec)
        let built = try ExternalTool.run(["python3", PipInstallGateTests.fixtures.appendingPathComponent("build_index.py").path,
                                          scratch.path, spec.path])
        #expect(built.status == 0, "build_index.py: \(built.output)")
        return scratch.appendingPathComponent("files/\(wheelName)")
    }

    /// A PEP 740 provenance object holding `attestations`, published by `repository`.
    static func provenance(_ attestations: [JSONValue], repository: String) throws -> URL {
        let object: JSONValue = ["version": 1, "attestation_bundles": [[
            "publisher": ["kind": "GitHub", "repository": .string(repository), "workflow": "release.yml"],
            "attestations": .array(attestations),
        ]]]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("provenance-\(UUID().uuidString).json")
        try Data(object.encodedBytes()).write(to: url)
        return url
    }

    /// The publish attestation for the wheel at `wheel`, signed by `repository`'s release workflow.
    static func attestation(_ instance: inout TestSigstoreInstance, wheel: URL, repository: String,
                            subjectDigest: String? = nil) async throws -> JSONValue {
        let digest = try subjectDigest ?? DigestAlgorithm.sha256.hash([UInt8](Data(contentsOf: wheel))).hex
        let statement = TestSigstoreInstance.statement(subjectName: wheelName, digest: ["sha256": digest], predicateType: publishPredicate)
        return try await instance.attestPEP740(statement, identity: .githubActions(repository: repository))
    }

    /// Attestations required; widget's trusted publisher is acme/widget's release workflow.
    static let policy = PipInstallGateTests.requireAttestations.replacingOccurrences(of: "REPO", with: "acme/widget")

    /// `tollgate pip install --trusted-root (the instance's) --policy … -- --index-url INDEX widget==1.0`.
    static func install(_ project: Project, index: Index, instance: TestSigstoreInstance) throws -> (Int32, [String: Any], String) {
        try Data(instance.trustedRootJSON).write(to: project.dir.appendingPathComponent("trusted_root.json"))
        try project.write(policy, "policy.yaml")
        let result = try TollgateProcess.run(["pip", "install", "--python", project.python, "--db", "advisories.sqlite", "--format", "json",
                                              "--policy", "policy.yaml", "--trusted-root", "trusted_root.json",
                                              "--", "--index-url", index.simple, "widget==1.0"], in: project.dir)
        let object = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return (result.status, object, result.text + "\n" + result.stderr)
    }

    /// The `install.attestations` finding of the only package.
    static func attestationRule(_ decision: [String: Any]) -> [String: Any]? {
        InstallDecisionJSON.rule("install.attestations", in: decision)
    }

    /// A refusal: exit 1, deny, the attestation rule fails with `reason`, and pip list is unchanged.
    static func expectRefusal(_ project: Project, index: Index, instance: TestSigstoreInstance, reason: String) throws {
        let before = try project.installed()
        let (status, decision, text) = try install(project, index: index, instance: instance)
        #expect(status == 1, "\(text)")
        #expect(decision["decision"] as? String == "deny", "\(text)")
        let rule = attestationRule(decision)
        #expect(rule?["result"] as? String == "fail", "\(text)")
        let found = rule?["reason"] as? String ?? ""
        #expect(found.contains(reason), "\(rule ?? [:])")
        #expect(try project.installed() == before, "pip list changed after a refusal")
        #expect(!before.contains("widget==1.0"))
    }

    @Test("a wheel attested by the trusted publisher installs")
    func attestedInstall() async throws {
        var instance = try TestSigstoreInstance()
        let wheel = try Self.buildWheel()
        let attestation = try await Self.attestation(&instance, wheel: wheel, repository: "acme/widget")
        let index = try Index([["name": "widget", "version": "1.0", "file": wheel.path,
                                "provenance": try Self.provenance([attestation], repository: "acme/widget").path]])
        let project = try Project()
        let (status, decision, text) = try Self.install(project, index: index, instance: instance)
        #expect(status == 0, "\(text)")
        #expect(decision["decision"] as? String == "allow", "\(text)")
        let rule = Self.attestationRule(decision)
        #expect(rule?["result"] as? String == "pass", "\(rule ?? [:])")
        let reason = rule?["reason"] as? String ?? ""
        #expect(reason.contains("attested by trusted publisher"), "\(rule ?? [:])")
        #expect(try project.installed().contains("widget==1.0"))
    }

    @Test("a wheel with no attestation is refused where the policy requires one")
    func missingAttestation() throws {
        let instance = try TestSigstoreInstance()
        let index = try Index([["name": "widget", "version": "1.0", "file": try Self.buildWheel().path]])
        try Self.expectRefusal(try Project(), index: index, instance: instance, reason: "no attestation")
    }

    @Test("an attestation from another repository is refused")
    func wrongRepository() async throws {
        var instance = try TestSigstoreInstance()
        let wheel = try Self.buildWheel()
        let attestation = try await Self.attestation(&instance, wheel: wheel, repository: "evil/widget")
        let index = try Index([["name": "widget", "version": "1.0", "file": wheel.path,
                                "provenance": try Self.provenance([attestation], repository: "evil/widget").path]])
        try Self.expectRefusal(try Project(), index: index, instance: instance, reason: "not a trusted publisher")
    }

    @Test("an attestation by the trusted publisher for other bytes is refused")
    func otherBytes() async throws {
        var instance = try TestSigstoreInstance()
        let wheel = try Self.buildWheel()
        let attestation = try await Self.attestation(&instance, wheel: wheel, repository: "acme/widget",
                                                     subjectDigest: String(repeating: "0f", count: 32))
        let index = try Index([["name": "widget", "version": "1.0", "file": wheel.path,
                                "provenance": try Self.provenance([attestation], repository: "acme/widget").path]])
        try Self.expectRefusal(try Project(), index: index, instance: instance, reason: "sigstore.artifact-mismatch")
    }

    @Test("an attestation from another Sigstore instance than the trusted root names is refused")
    func untrustedInstance() async throws {
        var stranger = try TestSigstoreInstance()
        let wheel = try Self.buildWheel()
        let attestation = try await Self.attestation(&stranger, wheel: wheel, repository: "acme/widget")
        let index = try Index([["name": "widget", "version": "1.0", "file": wheel.path,
                                "provenance": try Self.provenance([attestation], repository: "acme/widget").path]])
        try Self.expectRefusal(try Project(), index: index, instance: try TestSigstoreInstance(), reason: "sigstore.log-unknown")
    }
}

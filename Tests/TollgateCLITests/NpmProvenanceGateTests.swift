import Crypto
import Foundation
import Testing
import TollgateModel
import TollgateSigstoreTesting

/// `tollgate npm verify` with npm provenance: the loopback registry serves `dist.attestations`
/// pointing at an attestations document whose SLSA provenance bundle (DSSE, predicate
/// https://slsa.dev/provenance/v1, one subject with only the tarball's sha512, as npm publishes
/// it) is signed by a test Sigstore instance; `--trusted-root` names the instance.
@Suite("npm provenance from a test Sigstore instance", .serialized)
struct NpmProvenanceGateTests {
    typealias Registry = NpmInstallGateTests.Registry
    typealias RegistryKey = NpmInstallGateTests.RegistryKey

    static let published = "2024-06-01T12:00:00.000Z"
    static let policy = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: provenance }
    install:
      requireAttestations: true
      trustedPublishers:
        - packages: ["pkg:npm/left-pad"]
          identities:
            - issuer: https://token.actions.githubusercontent.com
              subjectRegExp: "^https://github.com/acme/left-pad/.github/workflows/release.yml@.*$"
              sourceRepository: github.com/acme/left-pad
    """

    /// Publishes left-pad 1.3.0 signed by the registry, with a provenance bundle signed by
    /// `repository`'s release workflow whose subject's sha512 is the tarball's (or `subjectSHA512`).
    static func publishAttested(_ registry: Registry, key: RegistryKey, instance: inout TestSigstoreInstance, repository: String,
                                subjectSHA512: String? = nil) async throws -> String {
        let integrity = try registry.publish("left-pad", "1.3.0", published: published, signing: .by(key))
        let tarball = try Data(contentsOf: registry.root.appendingPathComponent("left-pad/-/left-pad-1.3.0.tgz"))
        let digest = subjectSHA512 ?? DigestAlgorithm.sha512.hash([UInt8](tarball)).hex
        let predicate: JSONValue = [
            "buildDefinition": ["buildType": "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1",
                                "externalParameters": ["workflow": ["ref": "refs/tags/v1.3.0", "repository": .string("https://github.com/\(repository)"),
                                                                    "path": ".github/workflows/release.yml"]]],
            "runDetails": ["builder": ["id": "https://github.com/actions/runner/github-hosted"]],
        ]
        let statement = TestSigstoreInstance.statement(subjectName: "pkg:npm/left-pad@1.3.0", digest: ["sha512": digest],
                                                       predicateType: "https://slsa.dev/provenance/v1", predicate: predicate)
        let bundle = try await instance.signDSSE(statement, identity: .githubActions(repository: repository, ref: "refs/tags/v1.3.0"))
        // The attestations document npm's registry serves at /-/npm/v1/attestations/NAME@VERSION.
        let folder = registry.root.appendingPathComponent("-/npm/v1/attestations/left-pad@1.3.0")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let document: JSONValue = ["attestations": [["predicateType": "https://slsa.dev/provenance/v1",
                                                     "bundle": try JSONValue.parse(bundle)]]]
        try Data(document.encodedBytes()).write(to: folder.appendingPathComponent("index.json"))
        // The packument's dist names it, as registry.npmjs.org does.
        let packumentURL = registry.root.appendingPathComponent("left-pad/index.json")
        var packument = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: packumentURL)) as? [String: Any])
        var versions = packument["versions"] as? [String: Any] ?? [:]
        var entry = versions["1.3.0"] as? [String: Any] ?? [:]
        var dist = entry["dist"] as? [String: Any] ?? [:]
        dist["attestations"] = ["url": "\(registry.url)/-/npm/v1/attestations/left-pad@1.3.0",
                                "provenance": ["predicateType": "https://slsa.dev/provenance/v1"]]
        entry["dist"] = dist
        versions["1.3.0"] = entry
        packument["versions"] = versions
        try JSONSerialization.data(withJSONObject: packument).write(to: packumentURL)
        return integrity
    }

    /// `tollgate npm verify --policy --trusted-root`: status, decision, output.
    static func verify(_ registry: Registry, integrity: String, instance: TestSigstoreInstance) throws -> (Int32, [String: Any], String) {
        let project = try registry.project([("left-pad", "1.3.0", integrity)])
        try Data(instance.trustedRootJSON).write(to: project.appendingPathComponent("trusted_root.json"))
        try Data(policy.utf8).write(to: project.appendingPathComponent("policy.yaml"))
        return try NpmInstallGateTests.tollgate(project, registry: registry.url,
                                                extra: ["--policy", "policy.yaml", "--trusted-root", "trusted_root.json"])
    }

    /// A case: who signs the provenance, over which sha512 (default: the tarball's), and what
    /// `tollgate npm verify` must answer.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let repository: String
        let subjectSHA512: String?
        let allowed: Bool
        /// The `install.attestations` result and a phrase of its reason.
        let result: String
        let reason: String
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "provenance by the trusted publisher passes", repository: "acme/left-pad", subjectSHA512: nil, allowed: true,
             result: "pass", reason: "github.com/acme/left-pad"),
        Case(name: "provenance from another repository is refused", repository: "evil/left-pad", subjectSHA512: nil, allowed: false,
             result: "fail", reason: "not a trusted publisher"),
        Case(name: "provenance whose subject digest is not the tarball's is refused", repository: "acme/left-pad",
             subjectSHA512: DigestAlgorithm.sha512.hash(Array("other bytes".utf8)).hex, allowed: false,
             result: "fail", reason: "sigstore.artifact-mismatch"),
    ]

    @Test("npm provenance is verified against the instance's root and the policy's trusted publisher", arguments: cases)
    func provenance(_ testCase: Case) async throws {
        var instance = try TestSigstoreInstance()
        let key = RegistryKey(expires: nil)
        let registry = try Registry(keys: [key])
        let integrity = try await Self.publishAttested(registry, key: key, instance: &instance, repository: testCase.repository,
                                                       subjectSHA512: testCase.subjectSHA512)
        let (status, decision, text) = try Self.verify(registry, integrity: integrity, instance: instance)
        #expect(status == (testCase.allowed ? 0 : 1), "\(text)")
        #expect(decision["decision"] as? String == (testCase.allowed ? "allow" : "deny"), "\(text)")
        let rule = InstallDecisionJSON.rule("install.attestations", in: decision)
        #expect(rule?["result"] as? String == testCase.result, "\(rule ?? [:])")
        let reason = rule?["reason"] as? String ?? ""
        #expect(reason.contains(testCase.reason), "\(rule ?? [:])")
    }
}

import Foundation
import Testing

/// `tollgate pip install` and `tollgate pip verify` with real pip 23.2.1 in a throwaway virtual
/// environment, against PEP 503/691 indexes served on loopback. In every refusal, `pip list` shows
/// nothing new installed.
@Suite("pip install gate with real pip on loopback indexes", .serialized)
struct PipInstallGateTests {
    static let fixtures = TollgateProcess.root.appendingPathComponent("Tests/TollgateCLITests/Fixtures/install")
    static let pep740 = TollgateProcess.root.appendingPathComponent("Tests/TollgateSigstoreTests/Fixtures/pep740")

    /// An index: a directory built by build_index.py and served by fake_index.py.
    final class Index {
        let root: URL
        let server: LoopbackFileServer
        var simple: String { server.url + "/simple/" }

        init(_ packages: [[String: Any]], auth: String? = nil) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("pypi-index-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let spec = root.appendingPathComponent("spec.json")
            try JSONSerialization.data(withJSONObject: ["packages": packages]).write(to: spec)
            let built = try ExternalTool.run(["python3", PipInstallGateTests.fixtures.appendingPathComponent("build_index.py").path,
                                              root.path, spec.path])
            #expect(built.status == 0, "build_index.py: \(built.output)")
            server = try LoopbackFileServer(root: root, script: PipInstallGateTests.fixtures.appendingPathComponent("fake_index.py"),
                                            extra: auth.map { ["--auth", $0] } ?? [])
        }

        deinit { server.stop() }
    }

    /// A project directory with a fresh virtual environment and an advisory database of MAL- records.
    struct Project {
        let dir: URL
        var python: String { dir.appendingPathComponent("venv/bin/python").path }

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("pip-project-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let venv = try ExternalTool.run(["python3", "-m", "venv", dir.appendingPathComponent("venv").path])
            #expect(venv.status == 0, "\(venv.output)")
            let imported = try TollgateProcess.run(["db", "import", PipInstallGateTests.fixtures.appendingPathComponent("osv").path,
                                                    "--db", "advisories.sqlite"], in: dir)
            #expect(imported.status == 0, "\(imported.stderr)")
        }

        /// `pip list` of the environment, as name==version lines.
        func installed() throws -> Set<String> {
            let listed = try ExternalTool.run([python, "-m", "pip", "list", "--format", "freeze"], environment: ["PIP_CONFIG_FILE": "/dev/null"])
            return Set(listed.output.split(separator: "\n").map(String.init).filter { $0.contains("==") })
        }

        func write(_ text: String, _ name: String) throws {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }

        /// `tollgate pip install --format json … -- ARGS`: status, decision, all output.
        func install(_ pipArguments: [String], policy: String? = nil) throws -> (Int32, [String: Any], String) {
            var arguments = ["pip", "install", "--python", python, "--db", "advisories.sqlite", "--format", "json"]
            if let policy {
                try write(policy, "policy.yaml")
                arguments += ["--policy", "policy.yaml"]
            }
            let result = try TollgateProcess.run(arguments + ["--"] + pipArguments, in: dir)
            let object = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
            return (result.status, object, result.text + "\n" + result.stderr)
        }
    }

    static func failures(_ decision: [String: Any]) -> [String] {
        var lines: [String] = []
        for package in decision["packages"] as? [[String: Any]] ?? [] {
            for rule in (package["decision"] as? [String: Any])?["rules"] as? [[String: Any]] ?? [] where rule["result"] as? String == "fail" {
                lines.append("\(rule["rule"] as? String ?? ""): \(rule["reason"] as? String ?? "")")
            }
        }
        return lines
    }

    /// Runs a refusal: tollgate exits 1, the failing rule says why, and nothing new is installed.
    static func expectRefusal(_ project: Project, _ arguments: [String], policy: String? = nil, rule: String, reason: String) throws {
        let before = try project.installed()
        let (status, decision, text) = try project.install(arguments, policy: policy)
        #expect(status == 1, "\(text)")
        #expect(decision["decision"] as? String == "deny", "\(text)")
        let failures = failures(decision)
        #expect(failures.contains { $0.hasPrefix(rule) && $0.contains(reason) }, "\(failures)")
        #expect(try project.installed() == before, "pip list changed after a refusal")
    }

    @Test("a clean install resolves, verifies every file and installs exactly those")
    func cleanInstall() throws {
        let index = try Index([["name": "widget", "version": "1.0", "requires": ["helper>=1"]], ["name": "helper", "version": "1.2"]])
        let project = try Project()
        let (status, decision, text) = try project.install(["--index-url", index.simple, "widget==1.0"])
        #expect(status == 0, "\(text)")
        #expect(decision["decision"] as? String == "allow", "\(text)")
        #expect((decision["packages"] as? [Any])?.count == 2)
        let installed = try project.installed()
        #expect(installed.contains("widget==1.0") && installed.contains("helper==1.2"), "\(installed)")
    }

    @Test("a tampered wheel is refused")
    func tampered() throws {
        let index = try Index([["name": "widget", "version": "1.0", "tamper": true]])
        let project = try Project()
        let before = try project.installed()
        let (status, decision, text) = try project.install(["--index-url", index.simple, "widget==1.0"])
        #expect(status == 1, "\(text)")
        #expect(decision["decision"] as? String == "deny", "\(text)")
        // pip 23.2 downloads the file while resolving and checks the index's hash itself; when it does
        // not, the gate's integrity rule refuses it. Either way the report says so and nothing installs.
        let reasons = Self.failures(decision) + (decision["problems"] as? [String] ?? [])
        #expect(reasons.contains { $0.contains("the file was replaced") || $0.contains("tampered or replaced") }, "\(reasons)")
        #expect(try project.installed() == before)
    }

    @Test("pip verify refuses a file that differs from the index's listed hash")
    func verifyTampered() throws {
        let index = try Index([["name": "widget", "version": "1.0", "tamper": true]])
        let project = try Project()
        try project.write("widget==1.0\n", "requirements.txt")
        let result = try TollgateProcess.run(["pip", "verify", "requirements.txt", "--index-url", index.simple, "--db", "advisories.sqlite",
                                              "--format", "json"], in: project.dir)
        let decision = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        #expect(result.status == 1, "\(result.text) \(result.stderr)")
        #expect(Self.failures(decision).contains { $0.hasPrefix("install.integrity") && $0.contains("the file was replaced") },
                "\(Self.failures(decision))")
    }

    @Test("a hash pinned in the requirements must match")
    func pinnedHash() throws {
        let index = try Index([["name": "widget", "version": "1.0"]])
        let project = try Project()
        try project.write("widget==1.0 --hash=sha256:\(String(repeating: "ab", count: 32))\n", "requirements.txt")
        let (status, _, text) = try project.install(["--index-url", index.simple, "-r", "requirements.txt"])
        // pip itself refuses a mismatching pinned hash while resolving; either way nothing installs.
        #expect(status == 1 || status == 4, "\(text)")
        #expect(try project.installed().allSatisfy { !$0.hasPrefix("widget==") })
    }

    static let requireAttestations = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: attested }
    install:
      requireAttestations: true
      trustedPublishers:
        - packages: ["pkg:pypi/widget", "pkg:pypi/pypi-attestations"]
          identities:
            - issuer: https://token.actions.githubusercontent.com
              subjectRegExp: "^https://github.com/REPO/.github/workflows/release.yml@.*$"
              sourceRepository: github.com/REPO
    """

    @Test("a wheel without an attestation is refused where the policy requires one")
    func missingAttestation() throws {
        let index = try Index([["name": "widget", "version": "1.0"]])
        try Self.expectRefusal(try Project(), ["--index-url", index.simple, "widget==1.0"],
                               policy: Self.requireAttestations.replacingOccurrences(of: "REPO", with: "acme/widget"),
                               rule: "install.attestations", reason: "no attestation")
    }

    /// Names `acme-*` are internal, served by `index`.
    static func internalPolicy(_ index: String) -> String {
        """
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata: { name: internal }
        install:
          internalNamespaces: ["acme-*"]
          internalIndex: \(index)
        """
    }

    @Test("an internal name offered by the public index is refused (dependency confusion)")
    func dependencyConfusion() throws {
        let internalIndex = try Index([["name": "acme-tools", "version": "1.0"]])
        let publicIndex = try Index([["name": "acme-tools", "version": "99.0"]])
        let policy = Self.internalPolicy(internalIndex.simple)
        try Self.expectRefusal(try Project(), ["--index-url", internalIndex.simple, "--extra-index-url", publicIndex.simple, "acme-tools"],
                               policy: policy, rule: "install.internalNamespaces", reason: "dependency confusion")
    }

    @Test("an internal index that refuses us is an error, never a fallback to the public one")
    func internalIndexDown() throws {
        let internalIndex = try Index([["name": "acme-tools", "version": "1.0"]], auth: "ci:secret")
        let publicIndex = try Index([["name": "acme-tools", "version": "1.0"]])
        let policy = Self.internalPolicy(internalIndex.simple)
        try Self.expectRefusal(try Project(), ["--index-url", publicIndex.simple, "--extra-index-url", internalIndex.simple, "acme-tools==1.0"],
                               policy: policy, rule: "install.internalNamespaces", reason: "unavailable")
    }

    @Test("a MAL- package is refused")
    func malicious() throws {
        let index = try Index([["name": "0requests", "version": "0.0.1"]])
        try Self.expectRefusal(try Project(), ["--index-url", index.simple, "0requests==0.0.1"], rule: "install.malicious", reason: "MAL-2026-15859")
    }

    /// The real pypi-attestations 0.0.19 sdist with its real PEP 740 publish attestation (Trusted
    /// Publisher trailofbits/pypi-attestations), linked from the index as a provenance object.
    static func attestedIndex() throws -> Index {
        let caseDir = pep740.appendingPathComponent("cases/pa-pep740-pypi-attestations-publish")
        let attestation = try JSONSerialization.jsonObject(with: Data(contentsOf: caseDir.appendingPathComponent("pypi_attestations-0.0.19.tar.gz.publish.attestation")))
        let provenance = FileManager.default.temporaryDirectory.appendingPathComponent("provenance-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: ["version": 1, "attestation_bundles": [
            ["publisher": ["kind": "GitHub", "repository": "trailofbits/pypi-attestations", "workflow": "release.yml"],
             "attestations": [attestation]]]]).write(to: provenance)
        return try Index([["name": "pypi-attestations", "version": "0.0.19",
                           "file": caseDir.appendingPathComponent("artifact/pypi_attestations-0.0.19.tar.gz").path,
                           "provenance": provenance.path]])
    }

    @Test("pip verify: a real PEP 740 attestation from the trusted publisher passes; from another repository it is refused",
          arguments: [("trailofbits/pypi-attestations", true), ("acme/pypi-attestations", false)])
    func verifyAttestation(_ repository: String, _ allowed: Bool) throws {
        let index = try Self.attestedIndex()
        let project = try Project()
        let sdistPath = Self.pep740.appendingPathComponent("cases/pa-pep740-pypi-attestations-publish/artifact/pypi_attestations-0.0.19.tar.gz").path
        let hash = try ExternalTool.run(["python3", "-c", "import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", sdistPath])
        try project.write("pypi-attestations==0.0.19 --hash=sha256:\(hash.output.trimmingCharacters(in: .whitespacesAndNewlines))\n", "requirements.txt")
        try project.write(Self.requireAttestations.replacingOccurrences(of: "REPO", with: repository) + "\n  allowSdist: true\n", "policy.yaml")
        let result = try TollgateProcess.run(["pip", "verify", "requirements.txt", "--index-url", index.simple, "--policy", "policy.yaml",
                                              "--db", "advisories.sqlite", "--trusted-root",
                                              Self.pep740.appendingPathComponent("production.trusted_root.json").path, "--format", "json"], in: project.dir)
        let decision = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        #expect(result.status == (allowed ? 0 : 1), "\(result.text) \(result.stderr)")
        if !allowed {
            #expect(Self.failures(decision).contains { $0.hasPrefix("install.attestations") && $0.contains("not a trusted publisher") },
                    "\(Self.failures(decision))")
        }
    }
}

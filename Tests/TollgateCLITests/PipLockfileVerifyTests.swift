import Foundation
import Testing

/// `tollgate pip verify` on pylock.toml and uv.lock (the wheels they pin are checked; the sdist only
/// when no wheel fits), and the Trusted Publisher environment vouched for by the index. Real pip and
/// loopback indexes, as in `PipInstallGateTests` (whose index and project helpers are reused).
@Suite("pip verify: pylock.toml, uv.lock wheels, publisher environment", .serialized)
struct PipLockfileVerifyTests {
    typealias Index = PipInstallGateTests.Index
    typealias Project = PipInstallGateTests.Project

    static func sha256(_ path: String) throws -> String {
        let hash = try ExternalTool.run(["python3", "-c", "import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", path])
        return hash.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An sdist of `widget` 1.0 (a real one, made with setuptools) beside the wheel on the index.
    static func widgetIndex() throws -> (Index, wheel: String, sdist: String) {
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("widget-src-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: source.appendingPathComponent("widget"), withIntermediateDirectories: true)
        try Data("VERSION = '1.0'\n".utf8).write(to: source.appendingPathComponent("widget/__init__.py"))
        try Data("from setuptools import setup\nsetup(name='widget', version='1.0', packages=['widget'])\n".utf8)
            .write(to: source.appendingPathComponent("setup.py"))
        let built = try ExternalTool.run(["python3", "setup.py", "-q", "sdist", "--formats=gztar"], in: source)
        #expect(built.status == 0, "\(built.output)")
        let sdist = source.appendingPathComponent("dist/widget-1.0.tar.gz").path
        let index = try Index([["name": "widget", "version": "1.0"], ["name": "widget", "version": "1.0", "file": sdist]])
        let wheel = index.root.appendingPathComponent("files/widget-1.0-py3-none-any.whl").path
        return (index, try sha256(wheel), try sha256(sdist))
    }

    static func verify(_ project: Project, _ lockfile: String, index: Index, extra: [String] = []) throws -> (Int32, [String: Any], String) {
        let result = try TollgateProcess.run(["pip", "verify", lockfile, "--index-url", index.simple, "--db", "advisories.sqlite", "--format", "json"] + extra,
                                             in: project.dir)
        let decision = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return (result.status, decision, result.text + "\n" + result.stderr)
    }

    static func files(_ decision: [String: Any]) -> [String] {
        (decision["packages"] as? [[String: Any]] ?? []).compactMap { ($0["facts"] as? [String: Any])?["file"] as? String }
    }

    static func pylock(wheel: (name: String, hash: String)?, sdist: String?) -> String {
        var text = "lock-version = '1.0'\ncreated-by = 'tollgate-tests'\n\n[[packages]]\nname = 'widget'\nversion = '1.0'\n"
        if let wheel { text += "wheels = [{name = '\(wheel.name)', hashes = {sha256 = '\(wheel.hash)'}}]\n" }
        if let sdist { text += "sdist = {name = 'widget-1.0.tar.gz', hashes = {sha256 = '\(sdist)'}}\n" }
        return text
    }

    @Test("uv.lock: the pinned wheel is checked, not the sdist (no allowSdist needed)")
    func uvLockWheels() throws {
        let (index, wheel, sdist) = try Self.widgetIndex()
        let project = try Project()
        try project.write("""
        version = 1
        requires-python = ">=3.8"

        [[package]]
        name = "widget"
        version = "1.0"
        source = { registry = "\(index.simple)" }
        sdist = { url = "\(index.server.url)/files/widget-1.0.tar.gz", hash = "sha256:\(sdist)", size = 1 }
        wheels = [
            { url = "\(index.server.url)/files/widget-1.0-py3-none-any.whl", hash = "sha256:\(wheel)", size = 1 },
        ]
        """, "uv.lock")
        let (status, decision, text) = try Self.verify(project, "uv.lock", index: index)
        #expect(status == 0, "\(text)")
        #expect(Self.files(decision) == ["widget-1.0-py3-none-any.whl"], "\(text)")
    }

    @Test("pylock.toml: the wheel is checked and allowed; a wrong wheel hash is refused")
    func pylockWheels() throws {
        let (index, wheel, sdist) = try Self.widgetIndex()
        let project = try Project()
        try project.write(Self.pylock(wheel: ("widget-1.0-py3-none-any.whl", wheel), sdist: sdist), "pylock.toml")
        let (status, decision, text) = try Self.verify(project, "pylock.toml", index: index)
        #expect(status == 0, "\(text)")
        #expect(Self.files(decision) == ["widget-1.0-py3-none-any.whl"], "\(text)")

        try project.write(Self.pylock(wheel: ("widget-1.0-py3-none-any.whl", String(repeating: "ab", count: 32)), sdist: sdist), "pylock.dev.toml")
        let (refused, denial, why) = try Self.verify(project, "pylock.dev.toml", index: index)
        #expect(refused == 1, "\(why)")
        #expect(PipInstallGateTests.failures(denial).contains { $0.hasPrefix("install.integrity") }, "\(PipInstallGateTests.failures(denial))")
    }

    @Test("pylock.toml: when no pinned wheel fits the interpreter, the sdist is what counts (refused without allowSdist)")
    func sdistWhenNoWheelFits() throws {
        let (index, _, sdist) = try Self.widgetIndex()
        let project = try Project()
        try project.write(Self.pylock(wheel: ("widget-1.0-cp27-cp27m-win32.whl", String(repeating: "cd", count: 32)), sdist: sdist), "pylock.toml")
        let (status, decision, text) = try Self.verify(project, "pylock.toml", index: index, extra: ["--python", project.python])
        #expect(status == 1, "\(text)")
        #expect(Self.files(decision) == ["widget-1.0.tar.gz"], "\(text)")
        #expect(PipInstallGateTests.failures(decision).contains { $0.hasPrefix("install.allowSdist") || $0.hasPrefix("install.sdist") },
                "\(PipInstallGateTests.failures(decision))")
    }

    @Test("a malformed pylock.toml is unreadable input (exit 3) with the reason")
    func malformed() throws {
        let (index, _, _) = try Self.widgetIndex()
        let project = try Project()
        try project.write("lock-version = '1.0'\n[[packages]]\nname = 'widget'\nwheels = [{name = 'widget-1.0-py3-none-any.whl'}]\n", "pylock.toml")
        let (status, _, text) = try Self.verify(project, "pylock.toml", index: index)
        #expect(status == 3, "\(text)")
        #expect(text.contains("has no 'hashes'"), "\(text)")
    }

    // MARK: Trusted Publisher environment

    /// The real pypi-attestations 0.0.19 sdist and PEP 740 attestation (as in PipInstallGateTests),
    /// served with a provenance object whose publisher states `environment`.
    static func attestedIndex(environment: String?) throws -> Index {
        let caseDir = PipInstallGateTests.pep740.appendingPathComponent("cases/pa-pep740-pypi-attestations-publish")
        let attestation = try JSONSerialization.jsonObject(with: Data(contentsOf: caseDir.appendingPathComponent("pypi_attestations-0.0.19.tar.gz.publish.attestation")))
        var publisher: [String: Any] = ["kind": "GitHub", "repository": "trailofbits/pypi-attestations", "workflow": "release.yml"]
        if let environment { publisher["environment"] = environment }
        let provenance = FileManager.default.temporaryDirectory.appendingPathComponent("provenance-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: ["version": 1, "attestation_bundles": [["publisher": publisher, "attestations": [attestation]]]])
            .write(to: provenance)
        return try Index([["name": "pypi-attestations", "version": "0.0.19",
                           "file": caseDir.appendingPathComponent("artifact/pypi_attestations-0.0.19.tar.gz").path,
                           "provenance": provenance.path]])
    }

    static let environmentPolicy = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: environment }
    install:
      allowSdist: false
      requireAttestations: true
      trustedPublishers:
        - packages: ["pkg:pypi/pypi-attestations"]
          environment: pypi
          identities:
            - issuer: https://token.actions.githubusercontent.com
              subjectRegExp: "^https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@.*$"
              sourceRepository: github.com/trailofbits/pypi-attestations
    """

    func verifyEnvironment(index: Index, extra: [String] = []) throws -> (Int32, [String: Any], String) {
        let project = try Project()
        let sdistPath = PipInstallGateTests.pep740.appendingPathComponent("cases/pa-pep740-pypi-attestations-publish/artifact/pypi_attestations-0.0.19.tar.gz").path
        try project.write("pypi-attestations==0.0.19 --hash=sha256:\(try Self.sha256(sdistPath))\n", "requirements.txt")
        // The file is an sdist: judged as a file here (allowSdist false would refuse it); the
        // attestation rule is what these tests look at.
        try project.write(Self.environmentPolicy, "policy.yaml")
        let result = try TollgateProcess.run(["pip", "verify", "requirements.txt", "--index-url", index.simple, "--policy", "policy.yaml",
                                              "--db", "advisories.sqlite", "--trusted-root",
                                              PipInstallGateTests.pep740.appendingPathComponent("production.trusted_root.json").path,
                                              "--format", "json"] + extra, in: project.dir)
        let decision = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return (result.status, decision, result.text + "\n" + result.stderr)
    }

    static func attestationRule(_ decision: [String: Any]) -> [String: Any]? {
        for package in decision["packages"] as? [[String: Any]] ?? [] {
            for rule in (package["decision"] as? [String: Any])?["rules"] as? [[String: Any]] ?? [] where rule["rule"] as? String == "install.attestations" {
                return rule
            }
        }
        return nil
    }

    @Test("the environment the configured index vouches for passes, and the decision names the index")
    func environmentVouched() throws {
        let index = try Self.attestedIndex(environment: "pypi")
        let (_, decision, text) = try verifyEnvironment(index: index)
        let rule = Self.attestationRule(decision)
        #expect(rule?["result"] as? String == "pass", "\(text)")
        #expect((rule?["reason"] as? String)?.contains("environment pypi vouched for by the index \(index.simple)") == true, "\(rule ?? [:])")
    }

    @Test("another environment, or none stated, is refused")
    func environmentRefused() throws {
        for stated in ["staging", nil] as [String?] {
            let (status, decision, text) = try verifyEnvironment(index: try Self.attestedIndex(environment: stated))
            #expect(status == 1, "\(text)")
            let rule = Self.attestationRule(decision)
            #expect(rule?["result"] as? String == "fail", "\(text)")
            #expect((rule?["reason"] as? String)?.contains("published from environment \(stated ?? "(none stated)")") == true, "\(rule ?? [:])")
        }
    }

    @Test("a provenance file given with --attestations is vouched for by no index: the environment does not count")
    func environmentFromLocalFile() throws {
        let index = try Self.attestedIndex(environment: nil)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attestations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let provenance = try FileManager.default.contentsOfDirectory(atPath: index.root.appendingPathComponent("provenance").path)
        let first = try #require(provenance.first)
        let source = index.root.appendingPathComponent("provenance").appendingPathComponent(first)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any])
        var bundles = try #require(object["attestation_bundles"] as? [[String: Any]])
        bundles[0]["publisher"] = ["kind": "GitHub", "repository": "trailofbits/pypi-attestations", "workflow": "release.yml", "environment": "pypi"]
        object["attestation_bundles"] = bundles
        try JSONSerialization.data(withJSONObject: object).write(to: directory.appendingPathComponent("pypi_attestations-0.0.19.tar.gz.provenance"))
        let (status, decision, text) = try verifyEnvironment(index: index, extra: ["--attestations", directory.path])
        #expect(status == 1, "\(text)")
        #expect((Self.attestationRule(decision)?["reason"] as? String)?.contains("no index vouches for its environment") == true,
                "\(Self.attestationRule(decision) ?? [:])")
    }
}

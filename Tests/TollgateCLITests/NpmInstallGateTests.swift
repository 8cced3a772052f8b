import Crypto
import Foundation
import Testing

/// `tollgate npm verify` and `tollgate npm ci` against a registry served on loopback, with npm
/// 10.8.2's own `npm ci` and `npm audit signatures` as the differential oracle on the same lockfile:
/// Tollgate agrees with npm wherever npm decides, and refuses where npm skips or cannot see.
@Suite("npm install gate against npm 10.8.2 on a loopback registry", .serialized)
struct NpmInstallGateTests {
    static let fixtures = TollgateProcess.root.appendingPathComponent("Tests/TollgateCLITests/Fixtures/install")

    /// A registry signing key as the registry's `/-/npm/v1/keys` lists it.
    struct RegistryKey {
        let key = P256.Signing.PrivateKey()
        let expires: String?
        var id: String { "SHA256:" + Data(SHA256.hash(data: key.publicKey.derRepresentation)).base64EncodedString() }
        var json: [String: Any] {
            ["keyid": id, "keytype": "ecdsa-sha2-nistp256", "scheme": "ecdsa-sha2-nistp256",
             "key": key.publicKey.derRepresentation.base64EncodedString(), "expires": expires ?? NSNull()]
        }
        func sign(_ message: String) throws -> String {
            try key.signature(for: Data(message.utf8)).derRepresentation.base64EncodedString()
        }
    }

    /// How a version is published on the fake registry.
    enum Signing {
        case by(RegistryKey)
        case overOtherMessage(RegistryKey)
        case withUnknownKey(RegistryKey)
        case none
    }

    /// The loopback registry: a directory served by fake_index.py, with keys and packages.
    final class Registry {
        let root: URL
        let server: LoopbackFileServer
        var url: String { server.url }

        init(keys: [RegistryKey]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("npm-registry-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("-/npm/v1/keys"), withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: ["keys": keys.map(\.json)])
                .write(to: root.appendingPathComponent("-/npm/v1/keys/index.json"))
            server = try LoopbackFileServer(root: root, script: NpmInstallGateTests.fixtures.appendingPathComponent("fake_index.py"))
        }

        deinit { server.stop() }

        /// Packs `name@version` (package.json, index.js, optionally a postinstall script), publishes
        /// it at `published` signed as asked; `tamper` serves other bytes than the integrity says.
        /// Returns the integrity.
        @discardableResult
        func publish(_ name: String, _ version: String, published: String, signing: Signing, tamper: Bool = false,
                     postinstall: String? = nil) throws -> String {
            let stage = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: stage.appendingPathComponent("package"), withIntermediateDirectories: true)
            var manifest: [String: Any] = ["name": name, "version": version, "main": "index.js"]
            if let postinstall { manifest["scripts"] = ["postinstall": postinstall] }
            try JSONSerialization.data(withJSONObject: manifest).write(to: stage.appendingPathComponent("package/package.json"))
            try Data("module.exports = '\(name)@\(version)'\n".utf8).write(to: stage.appendingPathComponent("package/index.js"))
            let base = name.split(separator: "/").last.map(String.init) ?? name
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("-"), withIntermediateDirectories: true)
            let tarball = folder.appendingPathComponent("-/\(base)-\(version).tgz")
            let packed = try ExternalTool.run(["tar", "-czf", tarball.path, "-C", stage.path, "package"])
            #expect(packed.status == 0, "tar: \(packed.output)")
            let bytes = try Data(contentsOf: tarball)
            let integrity = "sha512-" + Data(SHA512.hash(data: bytes)).base64EncodedString()
            let shasum = Insecure.SHA1.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            if tamper { try (bytes + Data("tampered".utf8)).write(to: tarball) }
            let message = "\(name)@\(version):\(integrity)"
            var signatures: [[String: String]] = []
            switch signing {
            case .by(let key): signatures = [["keyid": key.id, "sig": try key.sign(message)]]
            case .overOtherMessage(let key): signatures = [["keyid": key.id, "sig": try key.sign("\(name)@\(version):sha512-other")]]
            case .withUnknownKey(let key): signatures = [["keyid": "SHA256:not-a-registry-key", "sig": try key.sign(message)]]
            case .none: break
            }
            var entry = manifest
            entry["dist"] = ["integrity": integrity, "shasum": shasum, "signatures": signatures,
                             "tarball": "\(url)/\(name)/-/\(base)-\(version).tgz"]
            if postinstall != nil { entry["hasInstallScript"] = true }
            let packument: [String: Any] = ["name": name, "dist-tags": ["latest": version], "versions": [version: entry],
                                            "time": ["created": published, "modified": published, version: published]]
            try JSONSerialization.data(withJSONObject: packument).write(to: folder.appendingPathComponent("index.json"))
            return integrity
        }

        /// A project depending on `packages` (name, version, integrity), with its package-lock.json (v3);
        /// npm marks the entries in `scripts` with `hasInstallScript`, as it does for packages with install scripts.
        func project(_ packages: [(String, String, String)], scripts: Set<String> = []) throws -> URL {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npm-project-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var dependencies: [String: String] = [:]
            var entries: [String: Any] = [:]
            for (name, version, integrity) in packages {
                dependencies[name] = version
                let base = name.split(separator: "/").last.map(String.init) ?? name
                var entry: [String: Any] = ["version": version, "resolved": "\(url)/\(name)/-/\(base)-\(version).tgz",
                                            "integrity": integrity]
                if scripts.contains(name) { entry["hasInstallScript"] = true }
                entries["node_modules/\(name)"] = entry
            }
            entries[""] = ["name": "app", "version": "1.0.0", "dependencies": dependencies]
            try JSONSerialization.data(withJSONObject: ["name": "app", "version": "1.0.0", "dependencies": dependencies])
                .write(to: dir.appendingPathComponent("package.json"))
            try JSONSerialization.data(withJSONObject: ["name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
                                                        "packages": entries], options: [.prettyPrinted])
                .write(to: dir.appendingPathComponent("package-lock.json"))
            return dir
        }
    }

    /// What npm 10.8.2 says about a project: `npm ci --ignore-scripts`, then `npm audit signatures`.
    struct NpmVerdict {
        let installed: Bool
        let audited: Bool
        let output: String
    }

    static func npm(_ project: URL, registry: Registry) throws -> NpmVerdict {
        let cache = project.appendingPathComponent(".npm-cache").path
        let environment = ["npm_config_cache": cache, "npm_config_update_notifier": "false", "npm_config_fund": "false",
                           "npm_config_audit": "false", "npm_config_registry": registry.url + "/"]
        let install = try ExternalTool.run(["npm", "ci", "--ignore-scripts", "--registry", registry.url + "/"], in: project,
                                           environment: environment)
        guard install.status == 0 else { return NpmVerdict(installed: false, audited: false, output: install.output) }
        var auditEnvironment = environment
        auditEnvironment["NODE_OPTIONS"] = "--require \(fixtures.appendingPathComponent("npm-offline-tuf.cjs").path)"
        let audit = try ExternalTool.run(["npm", "audit", "signatures", "--registry", registry.url + "/"], in: project,
                                         environment: auditEnvironment)
        return NpmVerdict(installed: true, audited: audit.status == 0, output: install.output + audit.output)
    }

    /// The advisory database with the real MAL- records of the fixtures.
    static func advisoryDatabase(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("advisories.sqlite").path
        let imported = try TollgateProcess.run(["db", "import", fixtures.appendingPathComponent("osv").path, "--db", path], in: dir)
        #expect(imported.status == 0, "db import: \(imported.stderr)")
        return path
    }

    /// `tollgate npm verify --format json`: exit status and the decision.
    static func tollgate(_ project: URL, registry: String, extra: [String] = []) throws -> (Int32, [String: Any], String) {
        let database = try advisoryDatabase(in: project)
        let result = try TollgateProcess.run(["npm", "verify", "package-lock.json", "--registry", registry, "--db", database,
                                              "--format", "json"] + extra, in: project)
        let object = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return (result.status, object, result.text + result.stderr)
    }

    /// The first failing rule of the first denied package, as "rule: reason".
    static func firstFailure(_ decision: [String: Any]) -> String? {
        let packages = decision["packages"] as? [[String: Any]] ?? []
        for package in packages {
            let rules = (package["decision"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
            if let failed = rules.first(where: { $0["result"] as? String == "fail" }) {
                return "\(failed["rule"] as? String ?? ""): \(failed["reason"] as? String ?? "")"
            }
        }
        return nil
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// Tollgate's verdict and the rule that must fail.
        let allowed: Bool
        let failingRule: String?
        let reason: String?
        /// npm's verdict: installs, and `audit signatures` passes.
        let npmInstalls: Bool
        let npmAuditPasses: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a key rotated after publish still vouches for what it signed", allowed: true, failingRule: nil, reason: nil,
             npmInstalls: true, npmAuditPasses: true),
        Case(name: "a key that expired before publish is refused", allowed: false, failingRule: "install.registrySignature",
             reason: "was not valid", npmInstalls: true, npmAuditPasses: false),
        Case(name: "a bad signature is refused", allowed: false, failingRule: "install.registrySignature",
             reason: "invalid registry signature", npmInstalls: true, npmAuditPasses: false),
        Case(name: "a missing signature is refused", allowed: false, failingRule: "install.registrySignature",
             reason: "has no registry signature", npmInstalls: true, npmAuditPasses: false),
        Case(name: "a signature by a key the registry does not list is refused", allowed: false, failingRule: "install.registrySignature",
             reason: "no registry key has that id", npmInstalls: true, npmAuditPasses: false),
        Case(name: "a tarball that does not match its integrity is refused", allowed: false, failingRule: "install.integrity",
             reason: "integrity mismatch", npmInstalls: false, npmAuditPasses: false),
        Case(name: "a MAL- package npm passes is refused", allowed: false, failingRule: "install.malicious",
             reason: "MAL-2024-1811", npmInstalls: true, npmAuditPasses: true),
    ]

    @Test("Tollgate agrees with npm audit signatures where npm decides, and refuses where it skips", arguments: cases)
    func differential(_ testCase: Case) throws {
        let rotated = RegistryKey(expires: "2025-01-29T00:00:00.000Z")
        let current = RegistryKey(expires: nil)
        let expired = RegistryKey(expires: "2023-01-01T00:00:00.000Z")
        let registry = try Registry(keys: [rotated, current, expired])
        let published = "2024-06-01T12:00:00.000Z"
        let package: (String, String, String)
        switch testCase.failingRule {
        case nil:
            package = ("left-pad", "1.3.0", try registry.publish("left-pad", "1.3.0", published: published, signing: .by(rotated)))
        case "install.integrity":
            package = ("tampered", "1.0.0", try registry.publish("tampered", "1.0.0", published: published, signing: .by(current), tamper: true))
        case "install.malicious":
            package = ("@hotcookies/bar", "0.0.0", try registry.publish("@hotcookies/bar", "0.0.0", published: published, signing: .by(current)))
        default:
            let signing: Signing = switch testCase.reason {
            case "was not valid": .by(expired)
            case "invalid registry signature": .overOtherMessage(current)
            case "no registry key has that id": .withUnknownKey(current)
            default: .none
            }
            package = ("widget", "2.0.0", try registry.publish("widget", "2.0.0", published: published, signing: signing))
        }
        let project = try registry.project([package])

        let (status, decision, text) = try Self.tollgate(project, registry: registry.url)
        #expect(status == (testCase.allowed ? 0 : 1), "\(text)")
        #expect(decision["decision"] as? String == (testCase.allowed ? "allow" : "deny"), "\(text)")
        if let rule = testCase.failingRule {
            let failure = Self.firstFailure(decision) ?? ""
            #expect(failure.hasPrefix(rule), "\(failure)")
            #expect(failure.contains(testCase.reason ?? ""), "\(failure)")
        }
        // Nothing was installed by verifying.
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("node_modules").path))

        let npm = try Self.npm(project, registry: registry)
        #expect(npm.installed == testCase.npmInstalls, "\(npm.output)")
        #expect(npm.audited == testCase.npmAuditPasses, "\(npm.output)")
        // Where npm decides, the verdicts agree; where npm passes a package Tollgate refuses, it is
        // one npm does not check (MAL- records).
        if npm.installed && npm.audited && !testCase.allowed {
            #expect(testCase.failingRule == "install.malicious")
        }
        if testCase.allowed { #expect(npm.installed && npm.audited) }
    }

    @Test("an unreachable registry fails every package with the reason, never skips")
    func unreachableRegistry() throws {
        let registry = try Registry(keys: [RegistryKey(expires: nil)])
        let integrity = try registry.publish("left-pad", "1.3.0", published: "2024-06-01T12:00:00.000Z", signing: .none)
        let project = try registry.project([("left-pad", "1.3.0", integrity)])
        registry.server.stop()
        let (status, decision, text) = try Self.tollgate(project, registry: registry.url)
        #expect(status == 1, "\(text)")
        #expect(decision["decision"] as? String == "deny")
        let failure = Self.firstFailure(decision) ?? ""
        #expect(failure.contains("cannot reach") || failure.contains("cannot verify"), "\(failure)")
    }

    @Test("a pinned keys.json TUF target is judged by publish time, as npm judges the registry's keys")
    func pinnedTUFKeys() throws {
        let key = RegistryKey(expires: nil)
        let registry = try Registry(keys: [key])
        let old = try registry.publish("left-pad", "1.3.0", published: "2024-06-01T12:00:00.000Z", signing: .by(key))
        let new = try registry.publish("right-pad", "1.0.0", published: "2025-06-01T12:00:00.000Z", signing: .by(key))
        // The same key as the TUF target writes it, valid until 2025-01-29: what it signed before then counts.
        let target: [String: Any] = ["keys": [["keyId": key.id, "keyUsage": "npm:signatures",
                                               "publicKey": ["rawBytes": key.key.publicKey.derRepresentation.base64EncodedString(),
                                                             "keyDetails": "PKIX_ECDSA_P256_SHA_256",
                                                             "validFor": ["start": "1999-01-01T00:00:00.000Z", "end": "2025-01-29T00:00:00.000Z"]]]]]
        let project = try registry.project([("left-pad", "1.3.0", old)])
        try JSONSerialization.data(withJSONObject: target).write(to: project.appendingPathComponent("keys.json"))
        let (status, _, text) = try Self.tollgate(project, registry: registry.url, extra: ["--keys", "keys.json"])
        #expect(status == 0, "\(text)")
        let later = try registry.project([("right-pad", "1.0.0", new)])
        try JSONSerialization.data(withJSONObject: target).write(to: later.appendingPathComponent("keys.json"))
        let (laterStatus, decision, laterText) = try Self.tollgate(later, registry: registry.url, extra: ["--keys", "keys.json"])
        #expect(laterStatus == 1, "\(laterText)")
        #expect(Self.firstFailure(decision)?.contains("was not valid") == true, "\(laterText)")
    }

    @Test("with a TUF trust directory the keys come from its registry.npmjs.org/keys.json target, not from the registry itself")
    func keysFromTUF() throws {
        let key = RegistryKey(expires: nil)
        let registry = try Registry(keys: [key])
        let integrity = try registry.publish("left-pad", "1.3.0", published: "2024-06-01T12:00:00.000Z", signing: .by(key))
        // Without a trust directory: the registry's own /-/npm/v1/keys.
        let plain = try registry.project([("left-pad", "1.3.0", integrity)])
        #expect(try Self.tollgate(plain, registry: registry.url).0 == 0)
        // With one (tollgate trust init on the generated TUF repository, whose keys.json target holds
        // npm's real keys): the registry cannot vouch for its own key any more.
        let project = try registry.project([("left-pad", "1.3.0", integrity)])
        let repository = CommandCases.tufRepository
        let initialized = try TollgateProcess.run(["trust", "init", "--repository", repository, "--root", repository + "/initial_root.json"],
                                                  in: project)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let (status, decision, text) = try Self.tollgate(project, registry: registry.url)
        #expect(status == 1, "\(text)")
        #expect(Self.firstFailure(decision)?.contains(key.id) == true, "\(text)")
    }

    @Test("the registry mirror directory gives the same decision as the registry URL")
    func mirrorDirectory() throws {
        let key = RegistryKey(expires: nil)
        let registry = try Registry(keys: [key])
        let integrity = try registry.publish("left-pad", "1.3.0", published: "2024-06-01T12:00:00.000Z", signing: .by(key))
        let project = try registry.project([("left-pad", "1.3.0", integrity)])
        let database = try Self.advisoryDatabase(in: project)
        let result = try TollgateProcess.run(["npm", "verify", "--registry-dir", registry.root.path, "--db", database], in: project)
        #expect(result.status == 0, "\(result.text) \(result.stderr)")
        #expect(result.text.contains("ALLOW  left-pad@1.3.0"), "\(result.text)")

        // --record: every package's decision goes to the ledger.
        let ledger = project.appendingPathComponent("ledger").path
        #expect(try TollgateProcess.run(["ledger", "init", "--data", ledger], in: project).status == 0)
        let recorded = try TollgateProcess.run(["npm", "verify", "--registry-dir", registry.root.path, "--db", database, "--data", ledger,
                                                "--record"], in: project)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        // The entries of the one package: what the scan observed (findings.observed, also when it found nothing) and its decision.
        var kinds: [String] = []
        for index in 0..<8 {
            let entry = try TollgateProcess.run(["ledger", "get", String(index), "--data", ledger, "--format", "json"], in: project)
            guard entry.status == 0 else { break }
            let object = (try? JSONSerialization.jsonObject(with: entry.stdout)) as? [String: Any]
            kinds.append(object?["kind"] as? String ?? "")
        }
        #expect(kinds.filter { $0 == "decision.made" }.count == 1, "\(kinds)")
        #expect(kinds.contains("findings.observed"), "\(kinds)")
    }

    @Test("tollgate npm ci installs only after verification, and runs only the install scripts the policy allows")
    func ci() throws {
        let key = RegistryKey(expires: nil)
        let registry = try Registry(keys: [key])
        let published = "2024-06-01T12:00:00.000Z"
        let allowed = try registry.publish("builds-native", "1.0.0", published: published, signing: .by(key),
                                           postinstall: "node -e \"require('fs').writeFileSync('ran-allowed', '')\"")
        let other = try registry.publish("phones-home", "1.0.0", published: published, signing: .by(key),
                                         postinstall: "node -e \"require('fs').writeFileSync('ran-other', '')\"")
        let project = try registry.project([("builds-native", "1.0.0", allowed), ("phones-home", "1.0.0", other)],
                                           scripts: ["builds-native", "phones-home"])
        let database = try Self.advisoryDatabase(in: project)
        try Data("""
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata: { name: npm }
        install:
          installScripts: ["pkg:npm/builds-native"]
        """.utf8).write(to: project.appendingPathComponent("policy.yaml"))
        let result = try TollgateProcess.run(["npm", "ci", "--registry", registry.url + "/", "--db", database, "--policy", "policy.yaml"],
                                             in: project)
        #expect(result.status == 0, "\(result.text) \(result.stderr)")
        let modules = project.appendingPathComponent("node_modules")
        #expect(FileManager.default.fileExists(atPath: modules.appendingPathComponent("phones-home/index.js").path))
        #expect(FileManager.default.fileExists(atPath: modules.appendingPathComponent("builds-native/ran-allowed").path))
        #expect(!FileManager.default.fileExists(atPath: modules.appendingPathComponent("phones-home/ran-other").path))
        #expect(result.stderr.contains("install scripts not run"), "\(result.stderr)")

        // One bad package: nothing at all is installed.
        let bad = try registry.publish("widget", "2.0.0", published: published, signing: .none)
        let refused = try registry.project([("builds-native", "1.0.0", allowed), ("widget", "2.0.0", bad)])
        let denied = try TollgateProcess.run(["npm", "ci", "--registry", registry.url + "/", "--db", database], in: refused)
        #expect(denied.status == 1, "\(denied.text) \(denied.stderr)")
        #expect(!FileManager.default.fileExists(atPath: refused.appendingPathComponent("node_modules").path))
    }
}

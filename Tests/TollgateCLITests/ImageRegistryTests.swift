import Foundation
import Testing
import TollgateModel
import TollgateOCI
import TollgateOCIHTTP

/// Images in a real registry, through the built `tollgate` binary: `scripts/test.sh` starts Debian's
/// `docker-registry` (CNCF distribution 2.8: no referrers API, so referrers go through the
/// referrers tag) on loopback and sets `TOLLGATE_TEST_REGISTRY`. Images are built here and pushed
/// with Tollgate's own client; each test uses its own repository.
private let testRegistry = ProcessInfo.processInfo.environment["TOLLGATE_TEST_REGISTRY"]

@Suite("Images in a registry: verify, sign, attest and SBOMs (CLI, real registry)",
       .enabled(if: testRegistry != nil, "TOLLGATE_TEST_REGISTRY is not set (scripts/test.sh sets it)"), .serialized)
struct ImageRegistryTests {
    static let registry = testRegistry

    /// A scratch directory with a trusted and an untrusted key, and a repository of its own.
    struct World {
        let dir: URL
        let repository: Repository
        let trusted: String
        let untrusted: String

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-image-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            repository = try Repository(parsing: "\(ImageRegistryTests.registry!)/tollgate-test/\(UUID().uuidString.lowercased().prefix(12))")
            for name in ["trusted", "untrusted"] {
                let result = try TollgateProcess.run(["key", "generate", "--output-prefix", name, "--unsafe-unencrypted"], in: dir)
                guard result.status == 0 else { throw OCIError(.registry, "key generate failed: \(result.stderr)") }
            }
            let directory = dir
            func keyID(_ name: String) throws -> String {
                try PublicKey(pem: String(contentsOf: directory.appendingPathComponent("\(name).pub"), encoding: .utf8)).keyID
            }
            trusted = try keyID("trusted")
            untrusted = try keyID("untrusted")
        }

        func ref(_ suffix: String) -> String { repository.description + suffix }

        func write(_ text: String, _ name: String) throws {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }

        @discardableResult
        func tollgate(_ arguments: [String], expect status: Int32? = 0) throws -> TollgateProcess.Result {
            let result = try TollgateProcess.run(arguments, in: dir)
            if let status, result.status != status {
                Issue.record("tollgate \(arguments.joined(separator: " ")) exited \(result.status), expected \(status): \(result.stderr)")
            }
            return result
        }

        /// `verify REF --format json` with `policy`: the status, the decision and standard error.
        func verify(_ reference: String, policy: String, _ extra: [String] = []) throws -> (Int32, [String: Any], String) {
            try write(policy.replacingOccurrences(of: "TRUSTED", with: trusted), "policy.yaml")
            let result = try TollgateProcess.run(["verify", reference, "--policy", "policy.yaml", "--key", "trusted.pub", "--key", "untrusted.pub",
                                                  "--allow-http-registry", "--format", "json"] + extra, in: dir)
            let object = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
            if object.isEmpty { Issue.record("verify printed no decision (exit \(result.status)): \(result.stderr)") }
            return (result.status, object, result.stderr)
        }

        /// Pushes a one-layer image with Tollgate's HTTP client and returns its manifest.
        func push(_ entries: [TarWriter.Entry], tag: String?, platform: Platform = Platform(os: "linux", architecture: "amd64")) async throws -> OCIManifest {
            let repository = self.repository
            return try await HTTPRegistryClient.with(credentials: RegistryCredentials(), allowHTTP: true) { client in
                try await ImageBuilder.push([entries], to: Registry(client: client), repository: repository, tag: tag, platform: platform)
            }
        }

        func pushIndex(_ manifests: [(OCIManifest, Platform)], tag: String) async throws -> OCIManifest {
            let repository = self.repository
            return try await HTTPRegistryClient.with(credentials: RegistryCredentials(), allowHTTP: true) { client in
                try await ImageBuilder.pushIndex(manifests, to: Registry(client: client), repository: repository, tag: tag)
            }
        }
    }

    static let signedPolicy = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: images }
    artifact:
      signature: { keys: [TRUSTED] }
    """

    static func rules(_ decision: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for rule in decision["rules"] as? [[String: Any]] ?? [] {
            if let name = rule["rule"] as? String, let outcome = rule["result"] as? String { result[name] = outcome }
        }
        return result
    }

    static func problems(_ decision: [String: Any]) -> [String] {
        (decision["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test("a signed image passes under the policy and an unsigned one is denied")
    func signedPassesUnsignedDenied() async throws {
        let world = try World()
        _ = try await world.push([.file("etc/hello", Array("signed".utf8))], tag: "signed")
        _ = try await world.push([.file("etc/hello", Array("unsigned".utf8))], tag: "unsigned")
        try world.tollgate(["sign", world.ref(":signed"), "--key", "trusted.key", "--allow-http-registry"])
        let (allowed, decision, _) = try world.verify(world.ref(":signed"), policy: Self.signedPolicy)
        #expect(allowed == 0)
        #expect(decision["decision"] as? String == "allow")
        let (denied, unsigned, _) = try world.verify(world.ref(":unsigned"), policy: Self.signedPolicy)
        #expect(denied == 1)
        #expect(Self.rules(unsigned)["artifact.signature"] == "fail")
    }

    @Test("a tag is resolved and recorded; when it moves, verify reports the moved tag")
    func movedTag() async throws {
        let world = try World()
        try world.tollgate(["ledger", "init", "--data", "data"])
        let first = try await world.push([.file("etc/version", Array("1".utf8))], tag: "v1")
        try world.tollgate(["sign", world.ref(":v1"), "--key", "trusted.key", "--allow-http-registry", "--record", "--data", "data"])
        // `sign --record`: what was pushed is in the ledger.
        let entry = try world.tollgate(["ledger", "get", "0", "--data", "data", "--format", "json"])
        #expect(entry.text.contains("attestation.stored") && entry.text.contains(first.digest.description))
        let (status, decision, _) = try world.verify(world.ref(":v1"), policy: Self.signedPolicy, ["--record", "--data", "data"])
        #expect(status == 0)
        let image = decision["image"] as? [String: Any]
        #expect(image?["digest"] as? String == first.digest.description)
        #expect(image?["tagMoved"] as? Bool == false)
        let second = try await world.push([.file("etc/version", Array("2".utf8))], tag: "v1")
        try world.tollgate(["sign", world.ref(":v1"), "--key", "trusted.key", "--allow-http-registry"])
        let (again, moved, stderr) = try world.verify(world.ref(":v1"), policy: Self.signedPolicy, ["--record", "--data", "data"])
        #expect(again == 0)
        let movedImage = moved["image"] as? [String: Any]
        #expect(movedImage?["digest"] as? String == second.digest.description)
        #expect(movedImage?["tagMoved"] as? Bool == true)
        #expect(movedImage?["previousDigests"] as? [String] == [first.digest.description])
        #expect(stderr.contains("warning: tag \(world.ref(":v1")) moved"))
    }

    @Test("a signature made for another digest does not count (evidence.wrong-subject)")
    func signatureForAnotherDigest() async throws {
        let world = try World()
        let signed = try await world.push([.file("a", Array("a".utf8))], tag: "a")
        let other = try await world.push([.file("b", Array("b".utf8))], tag: "b")
        try world.tollgate(["sign", world.ref(":a"), "--key", "trusted.key", "--allow-http-registry", "--registry-referrers-mode", "legacy"])
        // Copy a's .sig manifest under b's .sig tag, as an attacker who can write tags would.
        let repository = world.repository
        try await HTTPRegistryClient.with(credentials: RegistryCredentials(), allowHTTP: true) { client in
            let registry = Registry(client: client)
            let manifest = try await registry.optionalManifest(repository, reference: CosignTag.signature.tag(for: signed.digest))!
            try await registry.push(manifest: manifest.bytes, mediaType: manifest.mediaType, to: repository,
                                    tag: CosignTag.signature.tag(for: other.digest))
        }
        let (status, decision, _) = try world.verify(world.ref(":b"), policy: Self.signedPolicy)
        #expect(status == 1)
        #expect(Self.problems(decision).contains("evidence.wrong-subject"))
    }

    @Test("an attestation signed by a key the policy does not trust for provenance is not used")
    func untrustedAttestation() async throws {
        let world = try World()
        _ = try await world.push([.file("a", Array("a".utf8))], tag: "v1")
        try world.tollgate(["sign", world.ref(":v1"), "--key", "trusted.key", "--allow-http-registry"])
        try world.write(#"{"buildDefinition":{"buildType":"https://example.com/build","externalParameters":{}},"runDetails":{"builder":{"id":"https://example.com/builder"}}}"#, "predicate.json")
        try world.tollgate(["attest", world.ref(":v1"), "--key", "untrusted.key", "--predicate-type", "https://slsa.dev/provenance/v1",
                            "--predicate", "predicate.json", "--allow-http-registry"])
        let policy = Self.signedPolicy + "\n  provenance: { required: true, signers: { keys: [TRUSTED] } }\n"
        let (status, decision, _) = try world.verify(world.ref(":v1"), policy: policy)
        #expect(status == 1)
        #expect(Self.problems(decision).contains("evidence.untrusted-signer"))
        #expect(Self.rules(decision)["artifact.provenance"] == "fail")
    }

    @Test("index versus platform signatures follow artifact.signature.imageIndex")
    func indexVersusPlatform() async throws {
        let world = try World()
        let amd64 = Platform(os: "linux", architecture: "amd64"), arm64 = Platform(os: "linux", architecture: "arm64")
        let a = try await world.push([.file("arch", Array("amd64".utf8))], tag: nil, platform: amd64)
        let b = try await world.push([.file("arch", Array("arm64".utf8))], tag: nil, platform: arm64)
        let index = try await world.pushIndex([(a, amd64), (b, arm64)], tag: "multi")
        try world.tollgate(["sign", world.ref(":multi"), "--key", "trusted.key", "--allow-http-registry"])
        func policy(_ scope: String) -> String {
            "apiVersion: tollgate.dev/v1\nkind: Policy\nmetadata: { name: images }\nartifact:\n  signature: { keys: [TRUSTED], imageIndex: \(scope) }\n"
        }
        // The index signature covers the platform manifest a node pulled (either / index)…
        #expect(try world.verify(world.ref(":multi"), policy: policy("either"), ["--platform", "linux/amd64"]).0 == 0)
        #expect(try world.verify(world.ref("@\(a.digest)"), policy: policy("index"), ["--index", world.ref("@\(index.digest)")]).0 == 0)
        // …but not when each platform manifest must carry its own.
        let (denied, decision, _) = try world.verify(world.ref(":multi"), policy: policy("platform"), ["--platform", "linux/amd64"])
        #expect(denied == 1)
        #expect(Self.problems(decision).contains("evidence.wrong-subject"))
        #expect(try world.verify(world.ref(":multi"), policy: policy("platform")).0 == 1)
        try world.tollgate(["sign", world.ref(":multi"), "--platform", "linux/amd64", "--key", "trusted.key", "--allow-http-registry"])
        #expect(try world.verify(world.ref(":multi"), policy: policy("platform"), ["--platform", "linux/amd64"]).0 == 0)
        #expect(try world.verify(world.ref(":multi"), policy: policy("platform")).0 == 1, "arm64 is still unsigned")
        try world.tollgate(["sign", world.ref(":multi"), "--platform", "linux/arm64", "--key", "trusted.key", "--allow-http-registry"])
        #expect(try world.verify(world.ref(":multi"), policy: policy("platform")).0 == 0)
        // Under `index`, a platform manifest's own signature is not enough without the index.
        #expect(try world.verify(world.ref("@\(b.digest)"), policy: policy("index")).0 == 1)
    }

    @Test("a registry without the referrers API: referrers are found through the referrers tag")
    func referrersFallback() async throws {
        let world = try World()
        let image = try await world.push([.file("a", Array("a".utf8))], tag: "v1")
        let pushed = try world.tollgate(["sign", world.ref(":v1"), "--key", "trusted.key", "--allow-http-registry",
                                         "--registry-referrers-mode", "oci-1-1", "--format", "json"])
        #expect(pushed.text.contains(CosignTag.referrersTag(for: image.digest)))
        let (status, _, stderr) = try world.verify(world.ref(":v1"), policy: Self.signedPolicy)
        #expect(status == 0)
        #expect(stderr.contains("referrers API not offered; referrers tag \(CosignTag.referrersTag(for: image.digest)): 1 referrer"))
    }

    @Test("the SBOM of an image lists the dpkg and apk packages written into its layers")
    func sbomOfImage() async throws {
        let world = try World()
        let dpkg = """
        Package: libc6
        Status: install ok installed
        Architecture: amd64
        Source: glibc
        Version: 2.36-9+deb12u4

        Package: zlib1g
        Status: install ok installed
        Architecture: amd64
        Source: zlib
        Version: 1:1.2.13.dfsg-1

        """
        _ = try await world.push([.file("etc/os-release", Array("ID=debian\nVERSION_ID=\"12\"\n".utf8)),
                                  .file("var/lib/dpkg/status", Array(dpkg.utf8))], tag: "debian")
        _ = try await world.push([.file("etc/os-release", Array("ID=alpine\nVERSION_ID=3.19.1\n".utf8)),
                                  .file("lib/apk/db/installed", Array("P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n\n".utf8))], tag: "alpine")
        for (tag, expected) in [("debian", ["pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc",
                                            "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib"]),
                                ("alpine", ["pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1"])] {
            let result = try world.tollgate(["sbom", "generate", world.ref(":\(tag)"), "--allow-http-registry"])
            let sbom = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
            let purls = Set((sbom?["components"] as? [[String: Any]] ?? []).compactMap { $0["purl"] as? String })
            #expect(purls == Set(expected), "\(tag): \(purls)")
        }
    }

    @Test("a layout whose layer does not match its digest is refused (oci.digest-mismatch, exit 3)")
    func tamperedLayout() async throws {
        let world = try World()
        let layoutDir = world.dir.appendingPathComponent("layout")
        let layout = try ImageLayout(directory: layoutDir, create: true)
        let manifest = try await ImageBuilder.push([[.file("var/lib/dpkg/status", Array("Package: a\nVersion: 1\n".utf8))]],
                                                   to: Registry(client: layout), repository: world.repository, tag: "v1")
        try world.tollgate(["sbom", "generate", "layout:v1"])
        guard case .image(let image) = manifest.content, let layer = image.layers.first else { return }
        let blob = layoutDir.appendingPathComponent("blobs/sha256/\(layer.digest.hex)")
        var bytes = try Data(contentsOf: blob)
        bytes[bytes.count - 10] ^= 0xFF
        try bytes.write(to: blob)
        let result = try world.tollgate(["sbom", "generate", "layout:v1", "--format", "cyclonedx-json"], expect: 3)
        #expect(result.stderr.contains("oci.digest-mismatch"))
    }
}

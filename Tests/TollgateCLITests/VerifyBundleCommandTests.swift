import Foundation
import Testing
import TollgateModel

/// `tollgate verify-bundle` on real npm bundles given by `sha512:` digest, read from the built binary.
@Suite("verify-bundle with sha384/sha512 digests")
struct VerifyBundleCommandTests {
    static let binary = VerifySignatureCommandTests.binary
    static let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TollgateSigstoreTests/Fixtures/real")
    static let subject = "sha512:f2995e2565a1510c707850d8194f983b91fe61ec243c5551ad849c357273768b5f3a57e44b81cc0cd36a34b8b933322be871eea5b058202be807e24dc882811b"

    func run(_ arguments: [String]) throws -> (status: Int32, json: JSONValue?) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, try? JSONValue.parse(output))
    }

    /// Writes attestation `index` of the npm attestations response to `dir` and returns its path.
    func extractBundle(_ index: Int, to dir: String) throws -> String {
        let data = try Data(contentsOf: Self.real.appendingPathComponent("slsa-verifier/provenance-npm-test-cli-v02-prega.tgz.json"))
        let response = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let attestations = try #require(response["attestations"] as? [[String: Any]])
        let path = dir + "/bundle-\(index).json"
        try JSONSerialization.data(withJSONObject: try #require(attestations[index]["bundle"])).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("an npm provenance bundle verifies against its sha512 subject digest, and a wrong sha512 fails with exit 1")
    func sha512Digest() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the tollgate binary first")
        let dir = NSTemporaryDirectory() + "tollgate-bundle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bundle = try extractBundle(1, to: dir)
        let identity = ["--certificate-identity", "https://github.com/laurentsimon/provenance-npm-test/.github/workflows/release.yml@refs/heads/main",
                        "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com"]
        let ok = try run(["verify-bundle", "--bundle", bundle] + identity + ["--format", "json", Self.subject])
        #expect(ok.status == 0, "\(String(describing: ok.json))")
        #expect(ok.json?["verified"]?.boolValue == true)
        #expect(ok.json?["reasonCode"]?.stringValue == "verified")

        let wrong = try run(["verify-bundle", "--bundle", bundle] + identity + ["--format", "json", "sha512:" + String(repeating: "0", count: 128)])
        #expect(wrong.status == 1)
        #expect(wrong.json?["reasonCode"]?.stringValue == "sigstore.artifact-mismatch")

        let short = try run(["verify-bundle", "--bundle", bundle] + identity + ["--format", "json", "sha384:abcd"])
        #expect(short.status == 3)
    }

    @Test("an npm publish attestation verifies with npm's key and its sha512 digest")
    func publishAttestationWithKey() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the tollgate binary first")
        let dir = NSTemporaryDirectory() + "tollgate-bundle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bundle = try extractBundle(0, to: dir)
        let keys = try JSONValue.parse(try Data(contentsOf: Self.real.appendingPathComponent("root-signing/registry.npmjs.org-keys.json")))
        let raw = try #require(keys["keys"]?.arrayValue?.first { $0["keyUsage"]?.stringValue == "npm:attestations" }?["publicKey"]?["rawBytes"]?.stringValue)
        var lines: [Substring] = []
        var rest = Substring(raw)
        while !rest.isEmpty {
            lines.append(rest.prefix(64))
            rest = rest.dropFirst(64)
        }
        let pem = "-----BEGIN PUBLIC KEY-----\n" + lines.joined(separator: "\n") + "\n-----END PUBLIC KEY-----\n"
        try Data(pem.utf8).write(to: URL(fileURLWithPath: dir + "/npm.pub"))
        let ok = try run(["verify-bundle", "--bundle", bundle, "--key", dir + "/npm.pub", "--format", "json", Self.subject])
        #expect(ok.status == 0, "\(String(describing: ok.json))")
        #expect(ok.json?["verified"]?.boolValue == true)
    }

    @Test("a --batch of repeated and tampered copies of one bundle: each copy gets its own verdict, as when verified alone")
    func batchWithTamperedCopies() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the tollgate binary first")
        let dir = NSTemporaryDirectory() + "tollgate-batch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let conformance = Self.real.deletingLastPathComponent().appendingPathComponent("conformance")
        let data = try Data(contentsOf: conformance.appendingPathComponent("cases/happy-path-v0.3/bundle.sigstore.json"))
        let artifact = conformance.appendingPathComponent("cases/a.txt").path
        /// The bundle with the last bit of one base64 signature flipped.
        func tampered(_ edit: (inout [String: Any]) throws -> Void) throws -> Data {
            var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            try edit(&json)
            return try JSONSerialization.data(withJSONObject: json)
        }
        func flip(_ text: String) throws -> String {
            var bytes = [UInt8](try #require(Data(base64Encoded: text)))
            bytes[bytes.count - 1] ^= 1
            return Data(bytes).base64EncodedString()
        }
        let badLeaf = try tampered { json in
            var material = json["verificationMaterial"] as? [String: Any] ?? [:]
            let certificate = material["certificate"] as? [String: Any] ?? [:]
            material["certificate"] = ["rawBytes": try flip(certificate["rawBytes"] as? String ?? "")]
            json["verificationMaterial"] = material
        }
        let badSET = try tampered { json in
            var material = json["verificationMaterial"] as? [String: Any] ?? [:]
            var entries = material["tlogEntries"] as? [[String: Any]] ?? []
            let promise = entries[0]["inclusionPromise"] as? [String: Any] ?? [:]
            entries[0]["inclusionPromise"] = ["signedEntryTimestamp": try flip(promise["signedEntryTimestamp"] as? String ?? "")]
            material["tlogEntries"] = entries
            json["verificationMaterial"] = material
        }
        let kinds: [(name: String, bytes: Data, code: String)] = [
            ("good", data, "verified"), ("leaf", badLeaf, "sigstore.certificate-chain-invalid"), ("set", badSET, "sigstore.set-invalid"),
        ]
        var lines: [String] = []
        var expected: [String] = []
        for index in 0..<24 {
            let kind = kinds[index % 5 == 1 ? 1 : index % 5 == 3 ? 2 : 0]
            let path = dir + "/b\(index)-\(kind.name).json"
            try kind.bytes.write(to: URL(fileURLWithPath: path))
            lines.append("\(path) \(artifact)")
            expected.append(kind.code)
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir + "/list"))
        let identity = ["--certificate-identity", "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main",
                        "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com"]
        let batch = try run(["verify-bundle", "--batch", dir + "/list", "--format", "json"] + identity)
        #expect(batch.status == 1)
        let results = batch.json?["results"]?.arrayValue ?? []
        #expect(results.map { $0["reasonCode"]?.stringValue ?? "" } == expected)
        #expect(batch.json?["verified"]?.intValue == Int64(expected.filter { $0 == "verified" }.count))
        // The same verdicts and reasons as one process per bundle.
        for (index, kind) in kinds.enumerated() {
            let alone = try run(["verify-bundle", "--bundle", dir + "/b\(index == 0 ? 0 : index == 1 ? 1 : 3)-\(kind.name).json"] + identity
                                + ["--format", "json", artifact])
            let inBatch = results.first { $0["bundle"]?.stringValue?.hasSuffix("-\(kind.name).json") == true }
            #expect(alone.json?["reasonCode"] == inBatch?["reasonCode"])
            #expect(alone.json?["reason"] == inBatch?["reason"])
        }
    }
}

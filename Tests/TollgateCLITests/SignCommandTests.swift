import Foundation
import Testing
import TollgateCLI
import TollgateModel

/// End-to-end runs of `key generate`, `sign`, `verify-signature`, `attest` and `verify-attestation`
/// through `TollgateCommand.run`, checking exit codes and files (output itself is tested in the library).
@Suite("sign, verify-signature, attest, verify-attestation (end to end)", .serialized)
struct SignCommandTests {
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "tollgate-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("release artifact\n".utf8).write(to: URL(fileURLWithPath: dir + "/artifact.txt"))
        try Data(#"{"builder":{"id":"https://example.com/ci"}}"#.utf8).write(to: URL(fileURLWithPath: dir + "/predicate.json"))
        TestEnvironment.ensure(PassphraseReader.variable, "cli-test-passphrase")
    }

    func run(_ arguments: [String]) async -> Int32 {
        await TollgateCommand.run(arguments: arguments)
    }

    func write(_ text: String, _ name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
    }

    @Test("key generate writes an encrypted key and sign/verify-signature round-trip", arguments: ["ecdsa-p256", "ecdsa-p384", "ed25519"])
    func signVerify(algorithm: String) async throws {
        let name = dir + "/" + algorithm
        #expect(await run(["key", "generate", "--algorithm", algorithm, "--output-prefix", name]) == 0)
        let keyText = try String(contentsOfFile: name + ".key", encoding: .utf8)
        #expect(keyText.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let mode = try FileManager.default.attributesOfItem(atPath: name + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Overwriting needs --force.
        #expect(await run(["key", "generate", "--algorithm", algorithm, "--output-prefix", name]) == 2)

        let signature = dir + "/\(algorithm).sig"
        #expect(await run(["sign", dir + "/artifact.txt", "--key", name + ".key", "--signature-output", signature]) == 0)
        #expect(await run(["verify-signature", dir + "/artifact.txt", "--key", name + ".pub", "--signature", signature]) == 0)
        #expect(await run(["verify-signature", dir + "/predicate.json", "--key", name + ".pub", "--signature", signature]) == 1)
    }

    @Test("bad inputs get exit 3 and a tampered signature exit 1")
    func badInputs() async throws {
        let name = dir + "/k"
        #expect(await run(["key", "generate", "--output-prefix", name, "--unsafe-unencrypted"]) == 0)
        #expect(try String(contentsOfFile: name + ".key", encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let artifact = dir + "/artifact.txt"
        try write("", "empty.sig")
        try write("%%% not base64", "garbage.sig")
        try write("-----BEGIN PUBLIC KEY-----\nAAAA\n", "truncated.pub")
        #expect(await run(["verify-signature", artifact, "--key", name + ".pub", "--signature", dir + "/empty.sig"]) == 3)
        #expect(await run(["verify-signature", artifact, "--key", name + ".pub", "--signature", dir + "/garbage.sig"]) == 3)
        #expect(await run(["verify-signature", artifact, "--key", dir + "/truncated.pub", "--signature", dir + "/empty.sig"]) == 3)
        #expect(await run(["verify-signature", artifact, "--key", name + ".key", "--signature", dir + "/empty.sig"]) == 3)
        #expect(await run(["verify-signature", artifact, "--key", dir + "/missing.pub", "--signature", dir + "/empty.sig"]) == 3)
        // A valid-looking but wrong signature (all zero DER-ish bytes) is a verification failure.
        try write(Base64Text.encode([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]), "wrong.sig")
        #expect(await run(["verify-signature", artifact, "--key", name + ".pub", "--signature", dir + "/wrong.sig"]) == 1)
        #expect(await run(["sign", artifact]) == 2)
    }

    @Test("attest and verify-attestation: threshold, predicate type, subject and envelope checks")
    func attestation() async throws {
        let a = dir + "/a", b = dir + "/b"
        #expect(await run(["key", "generate", "--output-prefix", a, "--unsafe-unencrypted"]) == 0)
        #expect(await run(["key", "generate", "--algorithm", "ed25519", "--output-prefix", b, "--unsafe-unencrypted"]) == 0)
        let artifact = dir + "/artifact.txt", predicate = dir + "/predicate.json"

        let privateKey = try PrivateKey(pem: try String(contentsOfFile: a + ".key", encoding: .utf8))
        let keyB = try PrivateKey(pem: try String(contentsOfFile: b + ".key", encoding: .utf8))
        let digest = try FileDigester().digest(path: artifact)
        let statement = InTotoStatement(subjects: [InTotoSubject(name: "artifact.txt", digest: digest)],
                                        predicateType: "https://slsa.dev/provenance/v1", predicate: ["k": "v"])
        let one = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [privateKey])
        var duplicated = one
        duplicated.signatures += one.signatures
        let both = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [privateKey, keyB])
        let wrongType = try DSSE.sign(payload: statement.jsonBytes(), payloadType: "application/json", keys: [privateKey])
        try write(String(decoding: one.jsonBytes(), as: UTF8.self), "one.json")
        try write(String(decoding: duplicated.jsonBytes(), as: UTF8.self), "dup.json")
        try write(String(decoding: both.jsonBytes(), as: UTF8.self), "both.json")
        try write(String(decoding: wrongType.jsonBytes(), as: UTF8.self), "type.json")
        try write(#"{"payload":"e30=","payloadType":"x","signatures":[{"sig":""}]}"#, "emptysig.json")
        try write("{\"payload\":", "truncated.json")

        func verify(_ envelope: String, _ extra: [String] = []) async -> Int32 {
            await run(["verify-attestation", artifact, "--envelope", dir + "/" + envelope, "--key", a + ".pub"] + extra)
        }
        #expect(await verify("one.json") == 0)
        #expect(await verify("one.json", ["--predicate-type", "https://slsa.dev/provenance/v1"]) == 0)
        #expect(await verify("one.json", ["--predicate-type", "https://example.com/other"]) == 1)
        #expect(await verify("both.json", ["--key", b + ".pub", "--threshold", "2"]) == 0)
        #expect(await verify("dup.json", ["--key", b + ".pub", "--threshold", "2"]) == 1)
        #expect(await verify("one.json", ["--threshold", "2"]) == 2)
        #expect(await verify("one.json", ["--key", a + ".pub", "--threshold", "2"]) == 2)
        #expect(await verify("type.json") == 1)
        #expect(await verify("emptysig.json") == 3)
        #expect(await verify("truncated.json") == 3)
        #expect(await run(["verify-attestation", predicate, "--envelope", dir + "/one.json", "--key", a + ".pub"]) == 1)

        // `tollgate attest` itself, run as the built binary so its stdout can be captured safely
        // while other suites print: its envelope verifies through the library.
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/tollgate")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the tollgate binary first")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["attest", artifact, "--predicate-type", "https://example.com/p", "--predicate", predicate,
                             "--key", a + ".key"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try output.write(to: URL(fileURLWithPath: dir + "/attest-out.json"))
        let envelope = try DSSEEnvelope(parsing: output)
        let verdict = AttestationVerifier(dsse: try DSSEVerifier(keys: [privateKey.publicKey]))
            .verify(envelope, artifact: digest, predicateType: "https://example.com/p")
        #expect(verdict.isVerified, "\(verdict)")
        #expect(await verify("attest-out.json") == 0)
    }
}

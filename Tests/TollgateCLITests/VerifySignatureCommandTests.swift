import Foundation
import Testing
import TollgateModel

/// `--format json` reports of verify-signature / verify-attestation, read from the built binary's stdout.
@Suite("verify-signature and verify-attestation JSON reports")
struct VerifySignatureCommandTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/tollgate")

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

    @Test("reports verified, key id and reason as tollgate.dev/signature-verification/v1")
    func signatureReport() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the tollgate binary first")
        let dir = NSTemporaryDirectory() + "tollgate-json-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key = try PrivateKey.generate(.ecdsaP256)
        try Data(key.publicKey.pem.utf8).write(to: URL(fileURLWithPath: dir + "/k.pub"))
        let artifact = Array("payload".utf8)
        try Data(artifact).write(to: URL(fileURLWithPath: dir + "/a"))
        try Data(Base64Text.encode(try key.sign(artifact)).utf8).write(to: URL(fileURLWithPath: dir + "/a.sig"))
        try Data("other".utf8).write(to: URL(fileURLWithPath: dir + "/b"))

        let ok = try run(["verify-signature", dir + "/a", "--key", dir + "/k.pub", "--signature", dir + "/a.sig", "--format", "json"])
        #expect(ok.status == 0)
        #expect(ok.json?["schemaVersion"]?.stringValue == "tollgate.dev/signature-verification/v1")
        #expect(ok.json?["verified"]?.boolValue == true)
        #expect(ok.json?["keyID"]?.stringValue == key.publicKey.keyID)

        let bad = try run(["verify-signature", dir + "/b", "--key", dir + "/k.pub", "--signature", dir + "/a.sig", "--format", "json"])
        #expect(bad.status == 1)
        #expect(bad.json?["verified"]?.boolValue == false)
        #expect(bad.json?["reason"]?.stringValue?.contains("does not match") == true)

        let error = try run(["verify-signature", dir + "/a", "--key", dir + "/a", "--signature", dir + "/a.sig", "--format", "json"])
        #expect(error.status == 3)
        #expect(error.json?["schemaVersion"]?.stringValue == "tollgate.dev/error/v1")
        #expect(error.json?["error"]?["code"]?.stringValue == "model.invalid-pem")
    }
}

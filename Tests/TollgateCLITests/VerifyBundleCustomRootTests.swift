import Foundation
import Testing
import TollgateModel
import TollgateSigstoreTesting

/// `tollgate verify-bundle --trusted-root` with a private Sigstore deployment's root (the test
/// instance), through the built binary: single bundles and a `--batch` of distinct bundles.
@Suite("verify-bundle against a custom trusted root")
struct VerifyBundleCustomRootTests {
    static func tollgate(_ arguments: [String]) throws -> (Int32, JSONValue?, String) {
        let result = try TollgateProcess.run(arguments, in: FileManager.default.temporaryDirectory)
        return (result.status, try? JSONValue.parse(result.stdout), result.text + result.stderr)
    }

    @Test("a batch of distinct bundles verifies with the instance's root; a swapped artifact fails alone; the production root trusts none")
    func distinctBatch() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("custom-root-\(UUID().uuidString)")
        try await TestSigstoreCorpus.write(count: 6, to: dir)
        let identity = try String(contentsOf: dir.appendingPathComponent("identity.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        let flags = ["--certificate-identity", identity[0], "--certificate-oidc-issuer", identity[1], "--format", "json"]
        let root = ["--trusted-root", dir.appendingPathComponent("trusted_root.json").path]
        let list = dir.appendingPathComponent("batch.txt").path

        let (status, json, text) = try Self.tollgate(["verify-bundle", "--batch", list] + root + flags)
        #expect(status == 0, "\(text)")
        #expect(json?["verified"]?.intValue == 6, "\(text)")

        // Bundle 2 given artifact 3: only that job fails, for the artifact. The list has Windows
        // line ends (one job a line, results in list order).
        var lines = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        lines[2][1] = lines[3][1]
        let swapped = dir.appendingPathComponent("swapped.txt").path
        try Data(lines.map { $0.joined(separator: " ") }.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: swapped))
        let (swappedStatus, swappedJSON, swappedText) = try Self.tollgate(["verify-bundle", "--batch", swapped] + root + flags)
        #expect(swappedStatus == 1, "\(swappedText)")
        let codes = swappedJSON?["results"]?.arrayValue?.map { $0["reasonCode"]?.stringValue ?? "" } ?? []
        #expect(codes == ["verified", "verified", "sigstore.artifact-mismatch", "verified", "verified", "verified"], "\(swappedText)")

        // One bundle alone, against the shipped production root: the test log is unknown there.
        let (aloneStatus, aloneJSON, aloneText) = try Self.tollgate(["verify-bundle", "--bundle", lines[0][0]] + flags + [lines[0][1]])
        #expect(aloneStatus == 1, "\(aloneText)")
        #expect(aloneJSON?["reasonCode"]?.stringValue == "sigstore.log-unknown", "\(aloneText)")
    }
}

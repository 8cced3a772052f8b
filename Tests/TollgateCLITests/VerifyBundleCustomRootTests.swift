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

    /// A corpus of `count` bundles of the test instance: its folder, the identity flags (JSON
    /// output) and the `--trusted-root` arguments.
    static func corpus(count: Int) async throws -> (dir: URL, flags: [String], root: [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("custom-root-\(UUID().uuidString)")
        try await TestSigstoreCorpus.write(count: count, to: dir)
        let identity = try String(contentsOf: dir.appendingPathComponent("identity.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        return (dir, ["--certificate-identity", identity[0], "--certificate-oidc-issuer", identity[1], "--format", "json"],
                ["--trusted-root", dir.appendingPathComponent("trusted_root.json").path])
    }

    @Test("a batch of distinct bundles verifies with the instance's root; a swapped artifact fails alone; the production root trusts none")
    func distinctBatch() async throws {
        let (dir, flags, root) = try await Self.corpus(count: 6)
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

    @Test("a batch longer than the bundles parsed ahead of the root: every job keeps its own verdict and place; a root that cannot load is reported before a bad list")
    func prefetchedBatch() async throws {
        let (dir, flags, root) = try await Self.corpus(count: 3)
        let jobs = try String(contentsOf: dir.appendingPathComponent("batch.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        // 600 lines, more than the 256 the batch may parse before the root has loaded; one names a
        // bundle that does not exist and one a swapped artifact.
        var lines = (0..<600).map { jobs[$0 % 3] }
        lines[7] = "\(dir.path)/missing.sigstore.json \(jobs[0].split(separator: " ")[1])"
        let parts = jobs[1].split(separator: " ")
        lines[400] = "\(parts[0]) \(jobs[2].split(separator: " ")[1])"
        let list = dir.appendingPathComponent("long.txt").path
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: list))
        let (status, json, text) = try Self.tollgate(["verify-bundle", "--batch", list] + root + flags)
        #expect(status == 1, "\(text)")
        let results = json?["results"]?.arrayValue ?? []
        #expect(results.count == 600, "\(text.prefix(2000))")
        #expect(json?["verified"]?.intValue == 598, "\(text.prefix(2000))")
        for (index, result) in results.enumerated() {
            let expected = index == 7 ? "cli.unreadable-input" : index == 400 ? "sigstore.artifact-mismatch" : "verified"
            #expect(result["reasonCode"]?.stringValue == expected, "job \(index): \(result)")
            #expect(result["bundle"]?.stringValue == String(lines[index].split(separator: " ")[0]), "job \(index)")
        }

        // A root that is not JSON, with a list that is wrong too: the root's error, as before the
        // root and the list were read side by side.
        let badRoot = dir.appendingPathComponent("bad_root.json").path
        try Data("{\"mediaType\": 5".utf8).write(to: URL(fileURLWithPath: badRoot))
        let badList = dir.appendingPathComponent("bad_list.txt").path
        try Data("only-one-field\n".utf8).write(to: URL(fileURLWithPath: badList))
        let (rootStatus, rootJSON, rootText) = try Self.tollgate(["verify-bundle", "--batch", badList, "--trusted-root", badRoot] + flags)
        #expect(rootStatus == 3, "\(rootText)")
        #expect(rootJSON?["error"]?["code"]?.stringValue == "sigstore.trusted-root-invalid", "\(rootText)")
        let (missingStatus, missingJSON, missingText) = try Self.tollgate(["verify-bundle", "--batch", dir.appendingPathComponent("none.txt").path, "--trusted-root", badRoot] + flags)
        #expect(missingStatus == 3, "\(missingText)")
        #expect(missingJSON?["error"]?["code"]?.stringValue == "sigstore.trusted-root-invalid", "\(missingText)")
        // With a good root, the list's own error.
        let (listStatus, listJSON, listText) = try Self.tollgate(["verify-bundle", "--batch", badList] + root + flags)
        #expect(listStatus == 2, "\(listText)")
        #expect(listJSON?["error"]?["code"]?.stringValue == "cli.usage", "\(listText)")
    }
}

import Foundation
import Testing

/// `tollgate tuf-client` (the tuf-conformance CLIENT-CLI.md protocol) and `tollgate trust` against a
/// loopback HTTP repository made by python-tuf (Tests/TollgateTUFTests/Fixtures/generated-repository).
@Suite("tuf-client and trust over loopback HTTP", .serialized)
struct TUFClientCommandTests {
    static let repository = TollgateProcess.root.appendingPathComponent("Tests/TollgateTUFTests/Fixtures/generated-repository")
    static let initialRoot = repository.appendingPathComponent("initial_root.json").path

    func binaryBuilt() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TollgateProcess.binary.path), "build the tollgate binary first")
    }

    func withServer(_ body: (LoopbackFileServer, URL) throws -> Void) throws {
        try binaryBuilt()
        let server = try LoopbackFileServer(root: Self.repository)
        defer { server.stop() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tuf-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try body(server, scratch)
    }

    func client(_ server: LoopbackFileServer, _ scratch: URL, _ tail: [String]) -> [String] {
        ["tuf-client", "--metadata-url", server.url + "/metadata", "--metadata-dir", scratch.appendingPathComponent("md").path] + tail
    }

    @Test func initCopiesTheRootInAndMakesNoRequest() throws {
        try withServer { server, scratch in
            let metadata = scratch.appendingPathComponent("md")
            let result = try TollgateProcess.run(["tuf-client", "--metadata-dir", metadata.path, "init", Self.initialRoot], in: scratch)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Data(contentsOf: metadata.appendingPathComponent("root.json")) == (try Data(contentsOf: URL(fileURLWithPath: Self.initialRoot))))
            #expect(server.requests.isEmpty)
        }
    }

    @Test func refreshRunsTheWholeWorkflowAndStoresEachRoleUnderItsPlainName() throws {
        try withServer { server, scratch in
            _ = try TollgateProcess.run(["tuf-client", "--metadata-dir", scratch.appendingPathComponent("md").path, "init", Self.initialRoot], in: scratch)
            let result = try TollgateProcess.run(client(server, scratch, ["refresh"]), in: scratch)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(server.requests == ["GET /metadata/2.root.json 200", "GET /metadata/3.root.json 404", "GET /metadata/timestamp.json 200",
                                        "GET /metadata/1.snapshot.json 200", "GET /metadata/1.targets.json 200"])
            let names = try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("md").path).sorted()
            #expect(names == ["root.json", "snapshot.json", "targets.json", "timestamp.json"])
        }
    }

    @Test func downloadFetchesTargetsInOrderAndNotAgainWhenTheyAreAlreadyThere() throws {
        try withServer { server, scratch in
            _ = try TollgateProcess.run(["tuf-client", "--metadata-dir", scratch.appendingPathComponent("md").path, "init", Self.initialRoot], in: scratch)
            let targets = scratch.appendingPathComponent("targets")
            let download = client(server, scratch, ["--target-name", "trusted_root.json", "--target-name", "registry.npmjs.org/keys.json",
                                                    "--target-dir", targets.path, "--target-base-url", server.url + "/targets/", "download"])
            let first = try TollgateProcess.run(download, in: scratch)
            #expect(first.status == 0, "\(first.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: targets.path).sorted()
            #expect(files == ["registry.npmjs.org%2Fkeys.json", "trusted_root.json"])
            #expect(server.requests.filter { $0.hasPrefix("GET /targets/") }.count == 2)
            #expect(server.requests.contains("GET /metadata/1.registry.npmjs.org.json 200"))
            let second = try TollgateProcess.run(download, in: scratch)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(server.requests.filter { $0.hasPrefix("GET /targets/") }.count == 2)
        }
    }

    @Test func aTargetNoRoleListsFailsWithExitStatus1() throws {
        try withServer { server, scratch in
            _ = try TollgateProcess.run(["tuf-client", "--metadata-dir", scratch.appendingPathComponent("md").path, "init", Self.initialRoot], in: scratch)
            let result = try TollgateProcess.run(client(server, scratch, ["--target-name", "nonexistent target", "--target-dir",
                                                                          scratch.appendingPathComponent("t").path,
                                                                          "--target-base-url", server.url + "/targets", "download"]), in: scratch)
            #expect(result.status == 1)
            #expect(result.stderr.contains("tuf.target-not-found"))
            // The metadata was refreshed all the same.
            #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("md/targets.json").path))
        }
    }

    @Test func anUnsignedLocalRootFailsRefreshWithZeroRequests() throws {
        try withServer { server, scratch in
            let metadata = scratch.appendingPathComponent("md")
            var text = try String(contentsOfFile: Self.initialRoot, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 7")
            try FileManager.default.createDirectory(at: metadata, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: metadata.appendingPathComponent("root.json"))
            let result = try TollgateProcess.run(client(server, scratch, ["refresh"]), in: scratch)
            #expect(result.status == 1)
            #expect(result.stderr.contains("tuf.local-root-invalid"))
            #expect(server.requests.isEmpty)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/faketime"), "needs faketime (Debian package faketime)"))
    func theClientReadsTheSystemClockSoFaketimeMovesItPastExpiry() throws {
        try withServer { server, scratch in
            _ = try TollgateProcess.run(["tuf-client", "--metadata-dir", scratch.appendingPathComponent("md").path, "init", Self.initialRoot], in: scratch)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/faketime")
            process.arguments = ["2101-01-02 00:00:00", TollgateProcess.binary.path] + client(server, scratch, ["refresh"])
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1)
            #expect(message.contains("tuf.expired"), "\(message)")
            // The same refresh now succeeds.
            #expect(try TollgateProcess.run(client(server, scratch, ["refresh"]), in: scratch).status == 0)
        }
    }

    @Test("argument errors exit 1, never 2", arguments: [
        [], ["--metadata-dir", "md"], ["refresh", "--metadata-dir", "md"], ["--metadata-dir", "md", "init"],
        ["--metadata-dir", "md", "refresh"], ["--metadata-dir", "md", "--metadata-url", "http://127.0.0.1:9/", "download"],
        ["--metadata-dir"], ["--bogus", "x", "refresh"],
    ])
    func argumentErrors(_ arguments: [String]) throws {
        try binaryBuilt()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tuf-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let result = try TollgateProcess.run(["tuf-client"] + arguments, in: scratch)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error["), "\(result.stderr)")
    }

    /// Runs scripts/tuf-conformance-client with `TOLLGATE_BIN` set to the debug binary.
    func runWrapper(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = TollgateProcess.root.appendingPathComponent("scripts/tuf-conformance-client")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TOLLGATE_BIN"] = TollgateProcess.binary.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func theConformanceWrapperRunsTOLLGATE_BINAndMapsExitStatusesTo0And1() throws {
        try withServer { server, scratch in
            let metadata = scratch.appendingPathComponent("md").path
            let statuses = [
                try runWrapper(["--metadata-dir", metadata, "init", Self.initialRoot]),
                try runWrapper(["--metadata-url", server.url + "/metadata", "--metadata-dir", metadata, "refresh"]),
                try runWrapper(["--metadata-dir", metadata, "frobnicate"]),
                try runWrapper(["--metadata-url", server.url + "/nowhere", "--metadata-dir", metadata, "refresh"]),
            ]
            #expect(statuses == [0, 0, 1, 1])
        }
    }

    /// The generated repository laid out as Sigstore's CDN serves its own: metadata at the top, targets in targets/.
    static func cdnLayout() throws -> URL {
        let cdn = FileManager.default.temporaryDirectory.appendingPathComponent("tuf-cdn-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("metadata"), to: cdn)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("targets"), to: cdn.appendingPathComponent("targets"))
        return cdn
    }

    @Test func verifyBundleUsesTheRefreshedTrustedRootAndRefusesATamperedOne() throws {
        try binaryBuilt()
        let cdn = try Self.cdnLayout()
        defer { try? FileManager.default.removeItem(at: cdn) }
        let server = try LoopbackFileServer(root: cdn)
        defer { server.stop() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tuf-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            let data = scratch.appendingPathComponent("data").path
            let gate = TollgateProcess.root.appendingPathComponent("Tests/TollgateCLITests/Fixtures/gate")
            #expect(try TollgateProcess.run(["ledger", "init", "--data", data], in: scratch).status == 0)
            let initialize = try TollgateProcess.run(["trust", "init", "--data", data, "--repository", server.url, "--root", Self.initialRoot,
                                                      "--format", "json"], in: scratch)
            #expect(initialize.status == 0, "\(initialize.stderr)")
            let report = try JSONSerialization.jsonObject(with: initialize.stdout) as? [String: Any]
            #expect(report?["valid"] as? Bool == true)
            // Root 1 -> 2 and the two targets are in the ledger.
            var kinds: [String] = []
            for index in 0..<3 {
                let entry = try TollgateProcess.run(["ledger", "get", "\(index)", "--data", data, "--format", "json"], in: scratch)
                kinds.append(((try? JSONSerialization.jsonObject(with: entry.stdout)) as? [String: Any])?["kind"] as? String ?? "")
            }
            #expect(kinds == ["trust.updated", "trust.updated", "trust.updated"])
            let verify = ["verify-bundle", "--data", data, "--bundle", gate.appendingPathComponent("happy-path-v0.3.sigstore.json").path,
                          "--certificate-identity", CommandWorld.identity, "--certificate-oidc-issuer", CommandWorld.issuer,
                          gate.appendingPathComponent("a.txt").path]
            let good = try TollgateProcess.run(verify, in: scratch)
            #expect(good.status == 0, "\(good.stderr)")
            let stored = scratch.appendingPathComponent("data/trust/targets/trusted_root.json")
            try Data("{}".utf8).write(to: stored)
            let bad = try TollgateProcess.run(verify, in: scratch)
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("tuf.length-or-hash-mismatch") && bad.stderr.contains("tollgate trust update"), "\(bad.stderr)")
            let status = try TollgateProcess.run(["trust", "status", "--data", data], in: scratch)
            #expect(status.status == 1)
            #expect(status.text.contains("tollgate trust update"))
            let update = try TollgateProcess.run(["trust", "update", "--data", data], in: scratch)
            #expect(update.status == 0, "\(update.stderr)")
            #expect(try TollgateProcess.run(verify, in: scratch).status == 0)
            // The repaired target is a fourth trust.updated entry.
            let fourth = try TollgateProcess.run(["ledger", "get", "3", "--data", data, "--format", "json"], in: scratch)
            #expect(((try? JSONSerialization.jsonObject(with: fourth.stdout)) as? [String: Any])?["kind"] as? String == "trust.updated")
        }
    }
}

import Foundation
import Testing
import TollgateModel

/// Several `tollgate` processes writing one data directory at once — `deploy import` and
/// `verify --record` — lose nothing: every acknowledged ledger entry is distinct, the inventory holds
/// every deployment, and a rebuild from the ledger gives the same inventory. On SQLite (one file,
/// many processes) and on PostgreSQL (the ledger and inventory in one schema).
@Suite("Concurrent inventory writers", .serialized)
struct ConcurrentWriterTests {
    enum Store: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    static let importers = 4
    static let linesPerImport = 60
    static let verifiers = 2

    @Test("four deploy imports and two verify --record at once lose nothing", arguments: Store.allCases)
    func concurrentWriters(_ store: Store) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TollgateProcess.binary.path), "build the tollgate binary first")
        let world = try CommandWorld.shared.get()
        let dir = try CommandWorld.freshDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["a.txt", "a.sig", "k.pub", "allow.yaml"] {
            try FileManager.default.copyItem(atPath: world.path(name), toPath: dir.appendingPathComponent(name).path)
        }
        var initArguments = ["ledger", "init"]
        if store == .postgres {
            let url = try #require(ProcessInfo.processInfo.environment["TOLLGATE_TEST_POSTGRES"],
                                   "TOLLGATE_TEST_POSTGRES is not set; scripts/test.sh starts a throwaway PostgreSQL and sets it")
            initArguments += ["--postgres", url, "--schema", "cw_" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))]
        }
        #expect(try TollgateProcess.run(initArguments, in: dir).status == 0)
        for writer in 0..<Self.importers {
            let lines = (0..<Self.linesPerImport).map { line in
                let digest = DigestAlgorithm.sha256.hash(Data("w\(writer)-\(line)".utf8))
                return #"{"environment":"env-\#(writer)","cluster":"c","namespace":"n","service":"svc-\#(line)","image":"registry.example/s\#(line)@\#(digest)"}"#
            }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("deploys-\(writer).jsonl"))
        }

        var processes: [(Process, URL)] = []
        func launch(_ arguments: [String], _ name: String) throws {
            let out = dir.appendingPathComponent(name)
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            let process = Process()
            process.executableURL = TollgateProcess.binary
            process.arguments = arguments
            process.currentDirectoryURL = dir
            var environment = ProcessInfo.processInfo.environment
            environment["TOLLGATE_DATA"] = dir.appendingPathComponent("data").path
            process.environment = environment
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            processes.append((process, out))
        }
        for writer in 0..<Self.importers {
            try launch(["deploy", "import", "deploys-\(writer).jsonl", "--format", "json"], "import-\(writer).json")
        }
        for verifier in 0..<Self.verifiers {
            try launch(["verify", "a.txt", "--policy", "allow.yaml", "--signature", "a.sig", "--key", "k.pub", "--no-sidecar", "--record",
                        "--environment", "prod-\(verifier)", "--format", "json"], "verify-\(verifier).json")
        }
        var indices: [Int] = []
        for (process, out) in processes {
            process.waitUntilExit()
            let data = try Data(contentsOf: out)
            #expect(process.terminationStatus == 0, "\(process.arguments ?? []): \(String(decoding: data, as: UTF8.self).prefix(300))")
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            if let deployments = object["deployments"] as? [[String: Any]] {
                #expect(deployments.count == Self.linesPerImport)
                indices += deployments.compactMap { $0["ledgerIndex"] as? Int }
            } else if let ledger = object["ledger"] as? [String: Any], let index = ledger["index"] as? Int {
                indices.append(index)
            } else {
                Issue.record("no ledger index in \(out.lastPathComponent)")
            }
        }
        #expect(Set(indices).count == indices.count, "a ledger index was acknowledged twice")
        #expect(indices.count == Self.importers * Self.linesPerImport + Self.verifiers)

        let stats = try TollgateProcess.run(["inventory", "stats", "--format", "json"], in: dir)
        let coverage = (try JSONSerialization.jsonObject(with: stats.stdout) as? [String: Any])?["coverage"] as? [String: Any]
        // Every imported deployment, and one slot per verify --environment.
        #expect(coverage?["deployments"] as? Int == Self.importers * Self.linesPerImport + Self.verifiers)
        #expect(coverage?["artifacts"] as? Int == 1)
        #expect(coverage?["deploymentsOfUnknownArtifacts"] as? Int == Self.importers * Self.linesPerImport)
        let rebuilt = try TollgateProcess.run(["inventory", "rebuild", "--format", "json"], in: dir)
        #expect(rebuilt.status == 0)
        let after = try TollgateProcess.run(["inventory", "stats", "--format", "json"], in: dir)
        #expect(after.stdout == stats.stdout)
        let incident = try TollgateProcess.run(["incident", "--artifact", DigestAlgorithm.sha256.hash(Data("release artifact\n".utf8)).description,
                                                "--format", "json"], in: dir)
        let runtime = (try JSONSerialization.jsonObject(with: incident.stdout) as? [String: Any])?["runtime_search"] as? [String: Any]
        #expect(runtime?["runningEnvironments"] as? [String] == ["prod-0", "prod-1"])
    }
}

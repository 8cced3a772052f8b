import Foundation
import TollgateData
import TollgateLedger
import TollgateStore
@testable import TollgateServer

/// A `tollgate-server` process started as an operator would, on a free port; its log goes to a file.
final class ServerProcess: @unchecked Sendable {
    let process: Process
    let base: String
    let log: URL

    private init(process: Process, base: String, log: URL) {
        self.process = process
        self.base = base
        self.log = log
    }

    /// Starts `tollgate-server ARGUMENTS --listen 127.0.0.1:0` and waits for its "listening on" line.
    static func start(_ arguments: [String], binary: URL = RepositoryFiles.server, logLevel: String = "warning") async throws -> ServerProcess {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + ["--listen", "127.0.0.1:0", "--log-level", logLevel, "--burst", "100000"]
        let output = Pipe()
        process.standardOutput = output
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-server-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        let line: String? = await withCheckedContinuation { continuation in
            Thread {
                var buffer = Data()
                while !buffer.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    buffer.append(chunk)
                }
                continuation.resume(returning: buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self))
            }.start()
        }
        guard let line, let range = line.range(of: "listening on ") else {
            process.waitUntilExit()
            let reason = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw ServerError(.unavailable, "tollgate-server did not start (status \(process.terminationStatus)): \(reason)")
        }
        let base = String(line[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        let server = ServerProcess(process: process, base: base, log: log)
        for _ in 0..<400 {
            if (try? await TestServer.send(base: base, .GET, "/readyz"))?.status == 200 { return server }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.signal(SIGKILL)
        throw ServerError(.unavailable, "tollgate-server did not become ready: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit and returns its status.
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread {
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }.start()
        }
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
}

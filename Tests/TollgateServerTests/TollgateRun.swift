import Foundation

/// One run of the built `tollgate` binary. The wait happens on a thread of its own: blocking one of
/// the few cooperative threads would starve an in-process server the command talks to.
struct TollgateRun: Sendable {
    let status: Int32
    let stdout: Data
    let stderr: String

    var text: String { String(decoding: stdout, as: UTF8.self) }

    static func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> TollgateRun {
        let process = Process()
        process.executableURL = RepositoryFiles.tollgate
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let running = process
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                running.waitUntilExit()
                continuation.resume()
            }.start()
        }
        return TollgateRun(status: process.terminationStatus, stdout: try Data(contentsOf: out),
                           stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}

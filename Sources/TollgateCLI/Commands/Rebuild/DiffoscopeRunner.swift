import Foundation
import TollgateModel

/// `--deep`: hands one differing entry's two versions to `diffoscope` when it is on PATH. Tollgate
/// never needs it; without it `--deep` says so and the comparison stands as it is.
struct DiffoscopeRunner {
    /// The most output kept per entry.
    static let maxOutput = 64 << 10

    let executable: String

    /// Finds `diffoscope` on PATH.
    init?() {
        guard let found = ExecutableSearch.find("diffoscope") else { return nil }
        executable = found
    }

    /// diffoscope's text report for the two versions of `name`, or why it could not run.
    func explain(name: String, release: [UInt8], rebuilt: [UInt8]) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-deep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = URL(fileURLWithPath: name.isEmpty ? "file" : name).lastPathComponent
        let left = directory.appendingPathComponent("release/\(base)")
        let right = directory.appendingPathComponent("rebuilt/\(base)")
        do {
            try FileManager.default.createDirectory(at: left.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: right.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(release).write(to: left)
            try Data(rebuilt).write(to: right)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--text", "-", "--no-progress", left.path, right.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let text = String(decoding: data.prefix(Self.maxOutput), as: UTF8.self)
            return data.count > Self.maxOutput ? text + "\n[diffoscope output cut at \(Self.maxOutput) bytes]" : text
        } catch {
            return "diffoscope could not run: \(ErrorText.describe(error))"
        }
    }
}

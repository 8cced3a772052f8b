import Foundation

/// Runs pip or npm as a child process, standard input closed, with its output captured (and
/// passed through to standard error, so the user sees what the package manager says).
public struct PackageManagerRun: Sendable {
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
    }

    public let executable: String
    public let environment: [String: String]?

    public init(executable: String, environment: [String: String]? = nil) {
        self.executable = executable
        self.environment = environment
    }

    /// Runs `arguments` in `directory`; `install.tool-missing` when the executable cannot start.
    public func run(_ arguments: [String], in directory: URL? = nil, echo: Bool = true) throws(InstallError) -> Outcome {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw InstallError(.toolMissing, "cannot run \(executable): \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if echo, !output.isEmpty { FileHandle.standardError.write(data) }
        if process.terminationReason == .uncaughtSignal || (executable == "/usr/bin/env" && process.terminationStatus == 127) {
            throw InstallError(.toolMissing, "\(executable) \(arguments.first ?? "") did not run (status \(process.terminationStatus))")
        }
        return Outcome(status: process.terminationStatus, output: output)
    }
}

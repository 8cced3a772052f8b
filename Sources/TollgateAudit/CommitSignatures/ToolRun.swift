import Foundation

/// Runs a tool the audit relies on (`git`, `gpg`) as a child process: standard input closed, standard error
/// discarded, standard output captured up to a limit. A tool that cannot start is
/// `audit.verifier-unavailable`: the check it serves cannot run, and the audit stops (fail closed).
enum ToolRun {
    struct Result {
        let status: Int32
        let output: [UInt8]
    }

    /// Runs `arguments[0]` (looked up in `PATH`) with the rest as its arguments.
    static func run(_ arguments: [String], environment: [String: String]? = nil, limit: Int) throws(AuditError) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AuditError(.verifierUnavailable, "\(arguments[0]) cannot be run: \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // env exits 127 when it cannot find the tool.
        if process.terminationStatus == 127 || process.terminationReason == .uncaughtSignal {
            throw AuditError(.verifierUnavailable, "\(arguments[0]) is not installed or did not run (status \(process.terminationStatus))")
        }
        guard data.count <= limit else {
            throw AuditError(.tooLarge, "\(arguments.prefix(3).joined(separator: " ")) printed more than \(limit) bytes")
        }
        return Result(status: process.terminationStatus, output: [UInt8](data))
    }
}

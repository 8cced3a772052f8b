import Foundation

/// Runs a tool the audit relies on (`git`, `gpg`) as a child process: standard input closed, standard error
/// discarded, standard output captured up to a limit, stopped after `timeout` seconds. A tool that cannot start
/// or does not finish is `audit.verifier-unavailable`: the check it serves cannot run, and the audit stops (fail closed).
enum ToolRun {
    struct Result {
        let status: Int32
        let output: [UInt8]
    }

    /// Runs `arguments[0]` (looked up in `PATH`) with the rest as its arguments.
    static func run(_ arguments: [String], environment: [String: String]? = nil, limit: Int,
                    timeout: TimeInterval = 60) throws(AuditError) -> Result {
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
        // Reading to the end returns once the tool exits, or once it is killed here; `done` (under the lock) stops the
        // timer from signalling the process id once it has been waited for (the window between the reap and `done`
        // is a few instructions, far shorter than the time the system takes to hand the id out again).
        let finished = NSLock()
        nonisolated(unsafe) var done = false
        nonisolated(unsafe) var killed = false
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            finished.withLock {
                guard !done else { return }
                killed = true
                kill(pid, SIGKILL)
            }
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let timedOut = finished.withLock { done = true; return killed }
        if timedOut { throw AuditError(.verifierUnavailable, "\(arguments[0]) did not finish in \(Int(timeout)) s") }
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

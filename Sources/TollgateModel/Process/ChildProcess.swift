import Foundation

/// Runs a helper program (an external signer, a docker credential helper): standard input fed,
/// both outputs drained at once (a large message cannot deadlock on a full pipe), a time limit,
/// and at most `maxOutput` bytes kept of each output.
public enum ChildProcess {
    /// What the program did.
    public struct Outcome: Sendable {
        /// Whether it exited (rather than being killed by a signal).
        public var exited: Bool
        public var status: Int32
        /// Standard output, at most `maxOutput + 1` bytes (more means it printed too much).
        public var stdout: [UInt8]
        public var stderr: [UInt8]

        /// Exited with status 0.
        public var succeeded: Bool { exited && status == 0 }
    }

    /// Why the program did not run to the end.
    public enum Failure: Error, Sendable {
        case cannotStart(String)
        case timedOut
    }

    /// Runs `program arguments` with `input` on standard input (closed when nil).
    public static func run(_ program: String, _ arguments: [String], input: [UInt8]?, environment: [String: String]? = nil,
                           timeout: TimeInterval, maxOutput: Int) throws(Failure) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw .cannotStart(ErrorText.describe(error))
        }
        let group = DispatchGroup()
        let collected = OutputBox()
        DispatchQueue.global().async(group: group) {
            if let input { try? stdin.fileHandleForWriting.write(contentsOf: input) }
            try? stdin.fileHandleForWriting.close()
        }
        DispatchQueue.global().async(group: group) {
            collected.setOut(drain(stdout.fileHandleForReading, maxOutput: maxOutput))
        }
        DispatchQueue.global().async(group: group) {
            collected.setErr(drain(stderr.fileHandleForReading, maxOutput: maxOutput))
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            process.waitUntilExit()
            throw .timedOut
        }
        process.waitUntilExit()
        let (out, err) = collected.values
        return Outcome(exited: process.terminationReason == .exit, status: process.terminationStatus, stdout: out, stderr: err)
    }

    /// Reads to end of file, keeping at most `maxOutput + 1` bytes (the rest is read and dropped).
    static func drain(_ handle: FileHandle, maxOutput: Int) -> [UInt8] {
        var kept: [UInt8] = []
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            if kept.count <= maxOutput { kept += chunk.prefix(maxOutput + 1 - kept.count) }
        }
        return kept
    }

    /// The two outputs, written from the reader threads.
    final class OutputBox: @unchecked Sendable {
        private let lock = NSLock()
        private var out: [UInt8] = []
        private var err: [UInt8] = []
        func setOut(_ value: [UInt8]) { lock.withLock { out = value } }
        func setErr(_ value: [UInt8]) { lock.withLock { err = value } }
        var values: ([UInt8], [UInt8]) { lock.withLock { (out, err) } }
    }
}

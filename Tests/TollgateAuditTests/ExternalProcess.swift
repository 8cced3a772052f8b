import Foundation

/// Runs a real tool for the tests (git, ssh-keygen, gpg, actionlint): its status and combined output.
enum ExternalProcess {
    /// Runs `arguments[0]` through `/usr/bin/env` (or the executable at that path) in `directory`; `environment`
    /// replaces the process environment when given.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        if arguments[0].hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

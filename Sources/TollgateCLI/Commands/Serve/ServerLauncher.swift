import Foundation
import TollgateModel

/// Finds `tollgate-server` and replaces this process with it.
enum ServerLauncher {
    static let executableName = "tollgate-server"

    /// The server binary: beside the running `tollgate` (the release archive and `swift build`
    /// put them together), else the first on `PATH`.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(executableName).path)
        } else if let first = CommandLine.arguments.first, first.contains("/") {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent(executableName).path)
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            candidates.append(String(directory) + "/" + executableName)
        }
        return candidates.first { access($0, X_OK) == 0 }
    }

    /// Runs the server in place of this process with `arguments` (those after `serve`).
    static func exec(_ arguments: [String]) throws -> Never {
        guard let path = locate() else {
            throw CLIError(.unreadable, "cannot find \(executableName) beside this tollgate binary or on PATH; build it with `swift build --product \(executableName)`")
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        throw CLIError(.unreadable, "cannot run \(path): \(reason)")
    }
}

import Foundation
import TollgateModel
import TollgateSBOM

/// Finds the versions of the toolchains a source tree's lockfiles imply (`Package.resolved` →
/// swift, `Cargo.lock` → rustc and cargo, …) by running `TOOL --version` when TOOL is on PATH,
/// each with a time limit. A tool that is missing or prints no version is left out.
struct ToolchainDetector {
    /// How long one `--version` may run.
    static let timeout: TimeInterval = 15

    static func tools(for kinds: Set<LockfileKind>) -> [(name: String, arguments: [String])] {
        var tools: [(String, [String])] = []
        for kind in kinds.sorted(by: { $0.rawValue < $1.rawValue }) {
            switch kind {
            case .packageResolved: tools.append(("swift", ["--version"]))
            case .cargoLock: tools += [("rustc", ["--version"]), ("cargo", ["--version"])]
            case .goMod: tools.append(("go", ["version"]))
            case .packageLockJSON, .npmShrinkwrap: tools += [("node", ["--version"]), ("npm", ["--version"])]
            case .yarnLock: tools += [("node", ["--version"]), ("yarn", ["--version"])]
            case .pnpmLock: tools += [("node", ["--version"]), ("pnpm", ["--version"])]
            case .requirementsTxt, .pipfileLock, .pylockToml: tools += [("python3", ["--version"]), ("pip", ["--version"])]
            case .poetryLock: tools += [("python3", ["--version"]), ("poetry", ["--version"])]
            case .uvLock: tools += [("python3", ["--version"]), ("uv", ["--version"])]
            case .gemfileLock: tools += [("ruby", ["--version"]), ("bundle", ["--version"])]
            case .composerLock: tools += [("php", ["--version"]), ("composer", ["--version"])]
            case .dpkgStatus, .apkInstalled: break
            }
        }
        var seen: Set<String> = []
        return tools.filter { seen.insert($0.0).inserted }
    }

    /// `name` → version for every tool that answers.
    static func detect(_ tools: [(name: String, arguments: [String])]) -> [String: String] {
        var versions: [String: String] = [:]
        for (name, arguments) in tools {
            if let version = version(of: name, arguments: arguments) { versions[name] = version }
        }
        return versions
    }

    static func version(of tool: String, arguments: [String]) -> String? {
        guard let executable = ExecutableSearch.find(tool) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let data = pipe.fileHandleForReading.readDataToEndOfFile().prefix(4096)
        process.waitUntilExit()
        timer.cancel()
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// The first dotted version number in `text` (`Swift version 6.3.1 (…)` → `6.3.1`, `go1.22.1` → `1.22.1`).
    static func parse(_ text: String) -> String? {
        guard let match = text.firstMatch(of: #/[0-9]+(?:\.[0-9]+)+/#) else { return nil }
        return String(match.output)
    }
}

import ArgumentParser
import Foundation
import TollgateInstall

/// How allowed source distributions (`install.allowSdist: true`) are built.
struct PipSdistOptions: ParsableArguments {
    @Flag(name: .customLong("unsafe-sdist-build-without-sandbox"),
          help: "UNSAFE: when bubblewrap (bwrap) is missing, build allowed sdists without a sandbox (their code runs with your rights and network) instead of refusing them.")
    var unsafeWithoutSandbox = false

    /// The builder for `python`: bwrap from PATH, else the unsafe mode when asked for, else none (refused).
    /// The interpreter is resolved to its real path first (`sys.executable`), so the sandbox, whose
    /// PATH is fixed, builds with the same Python and environment as the caller's.
    func builder(python: String) -> SdistSandbox {
        var executable = python
        var prefixes: [String] = []
        let script = "import sys; print(sys.executable); print(sys.prefix); print(sys.base_prefix)"
        if let outcome = try? PackageManagerRun(executable: python).run(["-c", script], echo: false), outcome.status == 0 {
            let lines = outcome.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("/") }
            if lines.count == 3 {
                executable = lines[0]
                prefixes = Array(Set(lines[1...2])).sorted()
            }
        }
        var builder = SdistSandbox.locate(python: executable, allowUnsandboxed: unsafeWithoutSandbox)
        builder.interpreterPaths = prefixes
        return builder
    }
}

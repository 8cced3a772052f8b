import ArgumentParser
import Foundation
import TollgateInstall

/// How allowed source distributions (`install.allowSdist: true`) are built.
struct PipSdistOptions: ParsableArguments {
    @Flag(name: .customLong("unsafe-sdist-build-without-sandbox"),
          help: "UNSAFE: when bubblewrap (bwrap) is missing, build allowed sdists without a sandbox (their code runs with your rights and network) instead of refusing them.")
    var unsafeWithoutSandbox = false

    /// The builder for `python`: bwrap from PATH, else the unsafe mode when asked for, else none (refused).
    func builder(python: String) -> SdistSandbox {
        SdistSandbox.locate(python: python, allowUnsandboxed: unsafeWithoutSandbox)
    }
}

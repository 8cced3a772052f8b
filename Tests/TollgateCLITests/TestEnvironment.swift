import Foundation

/// The test process's own environment, changed at most once per variable.
///
/// `setenv` while another thread reads the environment (every `Process.run` copies it) is a data
/// race: suites that called `setenv` in each test's `init` crashed a full run inside `Process.run`
/// (2026-12-05). Children get what they need in their own environment (`TollgateProcess`,
/// `ExternalTool`); only what the tests' own process reads is set here, once, and left alone after.
enum TestEnvironment {
    private static let lock = NSLock()

    /// Sets `name` to `value` unless it already has that value.
    static func ensure(_ name: String, _ value: String) {
        lock.withLock {
            if let current = getenv(name), String(cString: current) == value { return }
            setenv(name, value, 1)
        }
    }

    /// What every child process of the tests gets: the machine's pip configuration (its
    /// find-links) is never part of a test's package index.
    static let child: [String: String] = ["PIP_CONFIG_FILE": "/dev/null"]
}

import Foundation

/// Finds a program on `PATH`, as a shell would (`--deep`'s diffoscope, toolchain detection, docker
/// credential helpers).
public enum ExecutableSearch {
    public static func find(_ name: String, path: String? = nil) -> String? {
        let path = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

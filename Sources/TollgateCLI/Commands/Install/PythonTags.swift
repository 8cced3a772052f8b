import Foundation
import TollgateInstall

/// The wheel compatibility tags an interpreter supports, as its own pip computes them
/// (`pip._vendor.packaging.tags.sys_tags()`, in priority order).
enum PythonTags {
    static func supported(by python: String) throws -> Set<String> {
        let script = "from pip._vendor.packaging.tags import sys_tags\nfor t in sys_tags(): print(t)"
        let outcome = try PackageManagerRun(executable: python).run(["-c", script], echo: false)
        let tags = Set(outcome.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.split(separator: "-").count == 3 })
        guard outcome.status == 0, !tags.isEmpty else {
            throw InstallError(.toolMissing, "\(python) did not list its wheel tags (exit \(outcome.status)): \(outcome.output.suffix(300))")
        }
        return tags
    }
}

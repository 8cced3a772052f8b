import Foundation

/// The SBOM files under a directory, for `inventory import-sbom DIR`: regular files ending in
/// `.json`, `.xml` or `.spdx` (any depth, hidden ones skipped), sorted by path.
enum SBOMFileList {
    static let extensions: Set<String> = ["json", "xml", "spdx"]
    /// The most files one import reads.
    static let maxFiles = 1_000_000

    static func list(_ directory: String) throws(CLIError) -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else {
            throw CLIError(.unreadable, "cannot list '\(directory)'")
        }
        var files: [String] = []
        for case let url as URL in walker {
            guard extensions.contains(url.pathExtension.lowercased()),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            files.append(url.path)
            guard files.count <= maxFiles else { throw CLIError(.unreadable, "'\(directory)' holds more than \(maxFiles) SBOM files; import it in parts") }
        }
        return files.sorted()
    }
}

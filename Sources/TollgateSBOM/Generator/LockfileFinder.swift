import Foundation
import TollgateModel

/// Finds lockfiles under a directory (or accepts a single lockfile path).
///
/// It does not descend into dependency or build folders (`node_modules`, `.git`, `vendor`,
/// `target`, `.build`, virtualenvs), does not follow directory symlinks (no loops), and bounds
/// depth and the number of entries visited.
public struct LockfileFinder: Sendable {
    public var maximumDepth = 32
    public var maximumEntries = 200_000
    public static let skippedDirectories: Set<String> = [
        "node_modules", ".git", ".hg", ".svn", "vendor", "target", ".build", ".venv", "venv", "__pycache__",
        ".tox", ".mypy_cache", "bower_components", ".yarn", ".pnpm-store",
    ]

    public init() {}

    /// A lockfile found on disk.
    public struct Found: Sendable, Hashable, Comparable {
        /// Path relative to the search root (the file name for a single file).
        public var relativePath: String
        public var absolutePath: String
        public var kind: LockfileKind

        public static func < (lhs: Found, rhs: Found) -> Bool { lhs.relativePath < rhs.relativePath }
    }

    /// Whether `path` is `root` or below it (both already resolved).
    static func isInside(_ path: String, root: String) -> Bool {
        let base = root.hasSuffix("/") ? root : root + "/"
        return path == root || path.hasPrefix(base)
    }

    public func find(path: String) throws(SBOMError) -> [Found] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SBOMError(.io, "'\(path)' does not exist.")
        }
        let url = URL(fileURLWithPath: path)
        if !isDirectory.boolValue {
            guard let kind = LockfileKind.detect(filename: url.lastPathComponent) else {
                throw SBOMError(.unknownFormat, "'\(url.lastPathComponent)' is not a lockfile Tollgate reads (see docs/sbom.md).")
            }
            return [Found(relativePath: url.lastPathComponent, absolutePath: url.path, kind: kind)]
        }
        var found: [Found] = []
        var visited = 0
        var queue: [(URL, String, Int)] = [(url, "", 0)]
        while let (directory, relative, depth) = queue.popLast() {
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            } catch {
                if depth == 0 { throw SBOMError(.io, "cannot list '\(directory.path)': \(ErrorText.describe(error))") }
                continue
            }
            for name in entries.sorted() {
                visited += 1
                guard visited <= maximumEntries else {
                    throw SBOMError(.tooLarge, "more than \(maximumEntries) entries under '\(path)'; point at a smaller directory.")
                }
                let child = directory.appendingPathComponent(name)
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                let values = try? child.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
                if values?.isDirectory == true {
                    if values?.isSymbolicLink == true || Self.skippedDirectories.contains(name) || depth + 1 > maximumDepth { continue }
                    queue.append((child, childRelative, depth + 1))
                } else if let kind = LockfileKind.detect(filename: name) {
                    // A symlinked lockfile must stay inside the tree: a link to a file elsewhere
                    // (a secret, a device) is not read, so its content cannot leak into messages.
                    if values?.isSymbolicLink == true,
                       !LockfileFinder.isInside(child.resolvingSymlinksInPath().path, root: url.resolvingSymlinksInPath().path) {
                        continue
                    }
                    found.append(Found(relativePath: childRelative, absolutePath: child.path, kind: kind))
                }
            }
        }
        return found.sorted()
    }
}

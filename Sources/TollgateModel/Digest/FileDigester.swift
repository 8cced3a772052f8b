import Foundation

/// Digests files in constant memory, and directories by the deterministic tree format in
/// `docs/digest.md` (`tollgate-tree-v1`).
public struct FileDigester: Sendable {
    /// Read buffer size; large enough that the hash, not the syscall, dominates.
    public static let bufferSize = 1 << 20

    public let algorithm: DigestAlgorithm

    public init(algorithm: DigestAlgorithm = .sha256) {
        self.algorithm = algorithm
    }

    /// Digest of the bytes of a regular file, or of the tree format for a directory.
    public func digest(path: String) throws(ModelError) -> Digest {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw ModelError(.io, "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return try digestDirectory(path)
        }
        return try digestFile(path)
    }

    /// Streams one file through the hash.
    public func digestFile(_ path: String) throws(ModelError) -> Digest {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ModelError(.io, "cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var hasher = StreamingHasher(algorithm)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferSize, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, Self.bufferSize)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw ModelError(.io, "cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize()
    }

    /// The tree digest: one line per entry, sorted by relative path bytes, hashed together.
    ///
    /// Each line is `KIND MODE DIGEST PATHLEN:PATH\n` where KIND is `f` (regular file), `l`
    /// (symbolic link; DIGEST is over the link target text) or `d` (directory; DIGEST is `-`),
    /// MODE is the permission bits in four octal digits, and PATH uses `/` separators. Timestamps,
    /// owners and directory read order do not take part. The stream starts with `tollgate-tree-v1\n`.
    public func digestDirectory(_ root: String) throws(ModelError) -> Digest {
        var entries: [(path: [UInt8], line: String)] = []
        try walk(root: root, relative: "", into: &entries)
        entries.sort { $0.path.lexicographicallyPrecedes($1.path) }
        var hasher = StreamingHasher(algorithm)
        hasher.update(Array("tollgate-tree-v1\n".utf8))
        for entry in entries {
            hasher.update(Array(entry.line.utf8))
        }
        return hasher.finalize()
    }

    private func walk(root: String, relative: String, into entries: inout [(path: [UInt8], line: String)]) throws(ModelError) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ModelError(.io, "cannot list '\(directory)': \(ErrorText.describe(error))")
        }
        for name in names {
            let rel = relative.isEmpty ? name : relative + "/" + name
            let full = root + "/" + rel
            var info = stat()
            guard lstat(full, &info) == 0 else {
                throw ModelError(.io, "cannot read '\(full)': \(String(cString: strerror(errno)))")
            }
            let mode = String(info.st_mode & 0o7777, radix: 8)
            let paddedMode = String(repeating: "0", count: max(0, 4 - mode.count)) + mode
            let pathField = "\(rel.utf8.count):\(rel)"
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                entries.append((Array(rel.utf8), "d \(paddedMode) - \(pathField)\n"))
                try walk(root: root, relative: rel, into: &entries)
            case S_IFLNK:
                let target: String
                do {
                    target = try FileManager.default.destinationOfSymbolicLink(atPath: full)
                } catch {
                    throw ModelError(.io, "cannot read link '\(full)': \(ErrorText.describe(error))")
                }
                let digest = algorithm.hash(Array(target.utf8))
                entries.append((Array(rel.utf8), "l \(paddedMode) \(digest) \(pathField)\n"))
            case S_IFREG:
                let digest = try digestFile(full)
                entries.append((Array(rel.utf8), "f \(paddedMode) \(digest) \(pathField)\n"))
            default:
                throw ModelError(.io, "'\(full)' is not a regular file, directory or symbolic link")
            }
        }
    }
}

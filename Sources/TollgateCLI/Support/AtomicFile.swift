import Foundation

/// Writes a file whole or not at all: a temporary file in the same directory, flushed to disk,
/// then renamed over the target. A failure (or a crash) never leaves a partial file at the target.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String, mode: mode_t = 0o644) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError(.unwritable, "cannot write '\(path)': it is a directory")
        }
        var template = Array((url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Self.failure(path) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(temporary) }
        }
        guard fchmod(fd, mode) == 0 else { throw Self.failure(path) }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Self.failure(path) }
            offset += written
        }
        guard fsync(fd) == 0, rename(temporary, path) == 0 else { throw Self.failure(path) }
        renamed = true
    }

    private static func failure(_ path: String) -> CLIError {
        CLIError(.unwritable, "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
}

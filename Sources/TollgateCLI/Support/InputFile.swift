import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole input files with a size limit, so a hostile or mistaken path cannot exhaust memory.
public enum InputFile {
    /// The default cap for documents read whole (bundles, envelopes, keys, policies): 64 MiB.
    public static let defaultLimit = 64 << 20

    /// Checks that `path` exists and returns whether it is a directory: a missing input is
    /// `cli.unreadable-input` (exit 3) for every command.
    @discardableResult
    public static func requireExisting(_ path: String) throws(CLIError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError(.unreadable, "cannot read '\(path)': no such file or directory")
        }
        return isDirectory.boolValue
    }

    /// Reads `path` (or standard input for `-`), refusing files over `limit` bytes.
    public static func read(_ path: String, limit: Int = defaultLimit) throws(CLIError) -> Data {
        if path == "-" { return try readStandardInput(limit: limit) }
        return Data(try readBytes(path, limit: limit))
    }

    /// ``read(_:limit:)`` as bytes: a regular file lands in one buffer of its size, with no
    /// further copy (`verify-bundle --batch` reads two files a bundle).
    public static func readBytes(_ path: String, limit: Int = defaultLimit) throws(CLIError) -> [UInt8] {
        if path == "-" { return [UInt8](try readStandardInput(limit: limit)) }
        // POSIX calls, not URL + FileManager + Data(contentsOf:): their first use in a process
        // cost more than a whole signature check (docs/benchmarks.md 2026-12-05). The size and
        // type come from the opened file (a symbolic link is followed, as the read follows it).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw CLIError(.unreadable, "cannot read '\(path)': no such file")
            }
            throw CLIError(.unreadable, "cannot read '\(path)': \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw CLIError(.unreadable, "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw CLIError(.unreadable, "'\(path)' is a directory, expected a file")
        }
        let isRegular = status.st_mode & S_IFMT == S_IFREG
        if isRegular, Int(status.st_size) > limit {
            throw CLIError(.unreadable, "'\(path)' is \(status.st_size) bytes, over the \(limit)-byte limit")
        }
        // A regular file is read in one go; a pipe or device until end of file, within the limit.
        var bytes = [UInt8](repeating: 0, count: isRegular ? Int(status.st_size) + 1 : min(64 << 10, limit + 1))
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else {
                    throw CLIError(.unreadable, "'\(path)' is over the \(limit)-byte limit")
                }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - count)))
            }
            let read = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw CLIError(.unreadable, "cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if read == 0 { break }
            count += read
            // A regular file's size as opened has been read: no second call just to see the end.
            // (Files that report size 0, such as those under /proc, are read to their end.)
            if isRegular, status.st_size > 0, count == Int(status.st_size) { break }
        }
        guard count <= limit else {
            throw CLIError(.unreadable, "'\(path)' is over the \(limit)-byte limit")
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    private static func readStandardInput(limit: Int) throws(CLIError) -> Data {
        let data = FileHandle.standardInput.readData(ofLength: limit + 1)
        guard data.count <= limit else {
            throw CLIError(.unreadable, "standard input is larger than the \(limit)-byte limit")
        }
        return data
    }
}

/// `read(2)`, named apart from ``InputFile/read(_:limit:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}

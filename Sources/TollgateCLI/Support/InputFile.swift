import Foundation
import TollgateModel

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
        if path == "-" {
            let data = FileHandle.standardInput.readData(ofLength: limit + 1)
            guard data.count <= limit else {
                throw CLIError(.unreadable, "standard input is larger than the \(limit)-byte limit")
            }
            return data
        }
        let url = URL(fileURLWithPath: path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw CLIError(.unreadable, "cannot read '\(path)': no such file")
        }
        if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
            throw CLIError(.unreadable, "'\(path)' is a directory, expected a file")
        }
        if let size = attributes[.size] as? Int, size > limit {
            throw CLIError(.unreadable, "'\(path)' is \(size) bytes, over the \(limit)-byte limit")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw CLIError(.unreadable, "cannot read '\(path)': \(ErrorText.describe(error))")
        }
    }
}

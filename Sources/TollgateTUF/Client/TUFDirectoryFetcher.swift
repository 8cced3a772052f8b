import Foundation

/// A `TUFFetcher` over a local mirror directory laid out as the repository serves it
/// (`METADATA/2.root.json`, `METADATA/timestamp.json`, `TARGETS/HASH.name`): for air-gapped use
/// and tests. Names are percent-decoded; a name that decodes to a path leaving the directory
/// (`..`, an absolute path) is refused as not found.
public struct TUFDirectoryFetcher: TUFFetcher {
    public let metadataDirectory: URL
    public let targetsDirectory: URL

    public init(metadataDirectory: URL, targetsDirectory: URL) {
        self.metadataDirectory = metadataDirectory
        self.targetsDirectory = targetsDirectory
    }

    public func fetchMetadata(_ name: String, maxLength: Int) async throws -> [UInt8] {
        try read(name, in: metadataDirectory, maxLength: maxLength, allowSubdirectories: false)
    }

    public func fetchTarget(_ path: String, maxLength: Int) async throws -> [UInt8] {
        try read(path, in: targetsDirectory, maxLength: maxLength, allowSubdirectories: true)
    }

    private func read(_ name: String, in directory: URL, maxLength: Int, allowSubdirectories: Bool) throws -> [UInt8] {
        guard let decoded = TUFPercentEncoding.unquote(name), !decoded.hasPrefix("/") else {
            throw TUFError(.notFound, "'\(name.prefix(120))' is not a file name in the mirror")
        }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }), allowSubdirectories || parts.count == 1 else {
            throw TUFError(.notFound, "'\(name.prefix(120))' is not a file name in the mirror")
        }
        let url = directory.appendingPathComponent(decoded, isDirectory: false)
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw TUFError(.notFound, "'\(url.path)' does not exist in the mirror")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxLength + 1) ?? Data()
        } catch {
            throw TUFError(.fetchFailed, "cannot read '\(url.path)': \(error.localizedDescription)")
        }
        guard data.count <= maxLength else {
            throw TUFError(.tooLarge, "'\(name.prefix(120))' is over its \(maxLength)-byte limit")
        }
        return Array(data)
    }
}

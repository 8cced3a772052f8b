import Foundation

/// A registry or index mirror in a directory: each URL path is a file, or a folder holding
/// `index.json` (`/left-pad` → `DIR/left-pad/index.json`, `/left-pad/-/left-pad-1.3.0.tgz` → that
/// file, `/-/npm/v1/keys` → `DIR/-/npm/v1/keys/index.json` or `DIR/-/npm/v1/keys`). Only the URL's
/// path is used, so tarball URLs of any host resolve into the mirror. Paths never leave `root`.
public struct DirectoryFetcher: ResourceFetcher {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public func get(_ url: String, accept: String?, limit: Int) async throws(InstallError) -> FetchedResource {
        guard let file = file(for: url) else { return FetchedResource(status: 404, body: []) }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        if let size = attributes?[.size] as? Int, size > limit {
            throw InstallError(.tooLarge, "\(file.path) is \(size) bytes, over the \(limit)-byte limit")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw InstallError(.unreachable, "the mirror file \(file.path) cannot be read")
        }
        return FetchedResource(status: 200, body: [UInt8](data))
    }

    /// The mirror file for a URL, or nil when there is none (or the path would escape the root).
    func file(for url: String) -> URL? {
        var path: String
        if let parsed = URLComponents(string: url), parsed.scheme != nil {
            path = parsed.percentEncodedPath
        } else {
            path = url
        }
        path = path.removingPercentEncoding ?? path
        // A file:// URL of the mirror itself (the registry URL of --registry-dir) is relative to it.
        if url.hasPrefix("file:"), path.hasPrefix(root.path + "/") || path == root.path {
            path = String(path.dropFirst(root.path.count))
        }
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        var candidate = root
        for part in parts { candidate.appendPathComponent(part) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            let index = candidate.appendingPathComponent("index.json")
            return FileManager.default.fileExists(atPath: index.path) ? index : nil
        }
        return candidate
    }
}

import Foundation

/// A `TUFFetcher` over a local mirror directory laid out as the repository serves it
/// (`METADATA/2.root.json`, `METADATA/timestamp.json`, `TARGETS/HASH.name`): for air-gapped use
/// and tests. A name is looked up as requested (percent-encoded: a delegated role `a/b` is the one
/// file `1.a%2Fb.json`, as `wget --mirror` and the conformance simulator's dump store it), then
/// percent-decoded when that is still one file name (or, for targets, a relative path). A form
/// leaving the directory (`..`, `.`, an empty segment, an absolute path) is never read: no such
/// name is found.
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
        let forms = Self.relativePaths(for: name, allowSubdirectories: allowSubdirectories)
        guard !forms.isEmpty else {
            throw TUFError(.notFound, "'\(name.prefix(120))' is not a file name in the mirror")
        }
        for form in forms {
            let url = directory.appendingPathComponent(form, isDirectory: false)
            guard let handle = FileHandle(forReadingAtPath: url.path) else { continue }
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
        throw TUFError(.notFound, "'\(name.prefix(120))' does not exist in the mirror '\(directory.path)'")
    }

    /// The relative paths `name` may be stored under in the mirror, in the order they are tried: as
    /// requested, then percent-decoded; only forms that stay inside the directory (one file name
    /// unless `allowSubdirectories`).
    static func relativePaths(for name: String, allowSubdirectories: Bool) -> [String] {
        var forms: [String] = []
        for form in [name, TUFPercentEncoding.unquote(name)].compactMap({ $0 }) where !forms.contains(form) {
            let parts = form.split(separator: "/", omittingEmptySubsequences: false)
            guard !form.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }),
                  allowSubdirectories || parts.count == 1 else { continue }
            forms.append(form)
        }
        return forms
    }
}

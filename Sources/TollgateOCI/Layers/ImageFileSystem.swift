import Foundation
import TollgateSBOM

/// The files of an image that matter for its SBOM, after applying its layers in order
/// (image-spec `layer.md`, "Applying Changesets"): a later layer's entry replaces an earlier
/// one at the same path; `.wh.NAME` deletes `NAME` from the layers below, and `.wh..wh..opq`
/// empties its directory of everything the layers below put there.
///
/// Only the files ``keeps(_:)`` selects are held (package databases, `os-release`, lockfiles);
/// everything else is read past.
public struct ImageFileSystem: Sendable {
    /// Path (no leading `/`) → content.
    public private(set) var files: [String: [UInt8]] = [:]
    /// How many layers were applied.
    public private(set) var layers = 0
    private var entriesLeft: Int
    let limits: OCILimits

    public init(limits: OCILimits = OCILimits()) {
        self.limits = limits
        entriesLeft = limits.layerEntries
    }

    static let whiteoutPrefix = ".wh."
    static let opaqueWhiteout = ".wh..wh..opq"

    /// The paths read whole: OS package databases, `os-release` and lockfiles outside dependency folders.
    public static func keeps(_ path: String) -> Bool {
        if ["var/lib/dpkg/status", "lib/apk/db/installed", "etc/os-release", "usr/lib/os-release"].contains(path) { return true }
        if path.hasPrefix("var/lib/dpkg/status.d/"), !path.dropFirst("var/lib/dpkg/status.d/".count).contains("/") {
            return !path.hasSuffix(".md5sums")
        }
        let components = path.split(separator: "/")
        guard let name = components.last, LockfileKind.detect(filename: String(name)) != nil else { return false }
        return !components.dropLast().contains { LockfileFinder.skippedDirectories.contains(String($0)) }
    }

    /// Applies one layer (a tar, optionally gzip-compressed) on top of those applied so far.
    public mutating func apply(layer bytes: [UInt8], mediaType: String) throws(OCIError) {
        if mediaType.hasSuffix("+zstd") || mediaType.hasSuffix(".zstd") {
            throw OCIError(.unsupportedMediaType, "zstd layers (\(mediaType)) are not read")
        }
        var upper: [String: [UInt8]] = [:]
        var replaced: Set<String> = []
        var deleted: Set<String> = []
        var opaque: Set<String> = []
        var stream = TarStream(
            maxFileBytes: limits.layerFileBytes, maxEntries: entriesLeft,
            onEntry: { (entry: TarEntry) throws(OCIError) -> Bool in
                let name = entry.path.split(separator: "/").last.map(String.init) ?? ""
                let parent = entry.path.contains("/") ? String(entry.path[..<entry.path.lastIndex(of: "/")!]) : ""
                if name == Self.opaqueWhiteout {
                    opaque.insert(parent)
                    return false
                }
                if name.hasPrefix(Self.whiteoutPrefix) {
                    let target = String(name.dropFirst(Self.whiteoutPrefix.count))
                    deleted.insert(parent.isEmpty ? target : parent + "/" + target)
                    return false
                }
                replaced.insert(entry.path)
                return Self.keeps(entry.path)
            },
            onFile: { (entry: TarEntry, content: [UInt8]) throws(OCIError) in
                upper[entry.path] = content
            })
        if Gzip.isGzip(bytes) {
            try Gzip.decompress(bytes, limit: limits.uncompressedLayerBytes) { (chunk: Data) throws(OCIError) in
                try stream.consume(chunk)
            }
        } else {
            guard Int64(bytes.count) <= limits.uncompressedLayerBytes else {
                throw OCIError(.tooLarge, "a layer is \(bytes.count) bytes; the limit is \(limits.uncompressedLayerBytes)")
            }
            try stream.consume(Data(bytes))
        }
        try stream.finish()
        entriesLeft = stream.remainingEntries
        // Whiteouts and replacements act on the layers below only.
        for path in files.keys {
            let underOpaque = opaque.contains { $0.isEmpty || path.hasPrefix($0 + "/") }
            let underDeleted = deleted.contains { path == $0 || path.hasPrefix($0 + "/") }
            let underReplaced = replaced.contains(path) || replaced.contains { path.hasPrefix($0 + "/") && upper[$0] != nil }
            if underOpaque || underDeleted || underReplaced { files[path] = nil }
        }
        files.merge(upper) { _, new in new }
        layers += 1
    }
}

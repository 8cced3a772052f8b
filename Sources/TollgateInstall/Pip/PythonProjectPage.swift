import Foundation
import TollgateModel

/// A project page of the simple repository API in its JSON form (PEP 691), with the PEP 740
/// `provenance` URL of each file: what `tollgate pip` reads to learn which index offers a file and
/// where its attestations are.
public struct PythonProjectPage: Sendable {
    public static let accept = "application/vnd.pypi.simple.v1+json"
    public static let maxBytes = 64 << 20

    public struct File: Sendable, Hashable {
        public var filename: String
        /// Absolute (resolved against the page URL).
        public var url: String
        public var sha256: String?
        /// PEP 740: the URL of the file's provenance object.
        public var provenance: String?
    }

    public let name: String
    public let files: [File]

    private struct Wire: Decodable {
        struct FileWire: Decodable {
            var filename: String
            var url: String
            var hashes: [String: String]?
            var provenance: String?
        }
        var name: String?
        var files: [FileWire]
    }

    public init(json bytes: [UInt8], pageURL: String) throws(InstallError) {
        guard bytes.count <= Self.maxBytes else {
            throw InstallError(.tooLarge, "\(pageURL): \(bytes.count) bytes, over the \(Self.maxBytes)-byte limit")
        }
        let wire: Wire
        do {
            try JSONDepth.check(bytes, maxDepth: 32)
            wire = try JSONDecoder().decode(Wire.self, from: Data(bytes))
        } catch {
            throw InstallError(.invalidResponse, "\(pageURL) is not a PEP 691 JSON project page: \(ErrorText.describe(error))")
        }
        let base = URL(string: pageURL)
        name = wire.name ?? ""
        files = wire.files.map { file in
            File(filename: file.filename, url: Self.resolve(file.url, against: base), sha256: file.hashes?["sha256"]?.lowercased(),
                 provenance: file.provenance.map { Self.resolve($0, against: base) })
        }
    }

    static func resolve(_ reference: String, against base: URL?) -> String {
        guard let base, let resolved = URL(string: reference, relativeTo: base) else { return reference }
        return resolved.absoluteString
    }

    /// PEP 503 normalisation: lowercase, runs of `-`, `_`, `.` become one `-`.
    public static func normalise(_ name: String) -> String {
        var result = ""
        var pendingDash = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                pendingDash = true
            } else {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            }
        }
        return result
    }
}

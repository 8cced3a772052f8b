import Foundation
import TollgateModel

/// An OCI image layout directory (image-spec `image-layout.md`: `oci-layout`, `index.json`,
/// `blobs/<alg>/<hex>`) used as a one-repository registry: tags are the
/// `org.opencontainers.image.ref.name` annotations of `index.json`. It reads what `skopeo copy
/// … oci:DIR` and `umoci` write, and writes layouts the same way (tests build images with it).
public struct ImageLayout: RegistryClient {
    public let directory: URL
    static let refName = "org.opencontainers.image.ref.name"

    /// Opens an existing layout; `create` makes an empty one when the directory has none.
    public init(directory: URL, create: Bool = false) throws(OCIError) {
        self.directory = directory
        let marker = directory.appendingPathComponent("oci-layout")
        if !FileManager.default.fileExists(atPath: marker.path) {
            guard create else {
                throw OCIError(.invalidLayout, "\(directory.path) is not an OCI image layout (no oci-layout file)")
            }
            do {
                try FileManager.default.createDirectory(at: directory.appendingPathComponent("blobs/sha256"), withIntermediateDirectories: true)
                try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: marker)
                try Data(ImageIndex(manifests: []).jsonBytes).write(to: directory.appendingPathComponent("index.json"))
            } catch {
                throw OCIError(.invalidLayout, "cannot create a layout in \(directory.path): \(ErrorText.describe(error))")
            }
        }
    }

    /// True when `path` is a directory holding an `oci-layout` file.
    public static func isLayout(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent("oci-layout").path)
    }

    public func index() throws(OCIError) -> ImageIndex {
        let bytes = try read(directory.appendingPathComponent("index.json"), limit: OCILimits().manifestBytes)
        let manifest = try OCIManifest(bytes: bytes, digest: DigestAlgorithm.sha256.hash(bytes), contentType: MediaType.imageIndex)
        guard case .index(let index) = manifest.content else { throw OCIError(.invalidLayout, "index.json is not an image index") }
        return index
    }

    private func blobURL(_ digest: Digest) -> URL {
        directory.appendingPathComponent("blobs/\(digest.algorithm.rawValue)/\(digest.hex)")
    }

    private func read(_ url: URL, limit: Int) throws(OCIError) -> [UInt8] {
        let size = ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
        guard size <= limit else { throw OCIError(.tooLarge, "\(url.lastPathComponent) is \(size) bytes; the limit is \(limit)") }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OCIError(.invalidLayout, "\(url.path) cannot be read")
        }
        return [UInt8](data)
    }

    private func write(_ bytes: [UInt8], to url: URL) throws(OCIError) {
        do { try Data(bytes).write(to: url, options: .atomic) } catch {
            throw OCIError(.invalidLayout, "cannot write \(url.path): \(ErrorText.describe(error))")
        }
    }

    private func descriptor(reference: String) throws(OCIError) -> Descriptor? {
        if let digest = try? Digest(parsing: reference) {
            let size = (try? FileManager.default.attributesOfItem(atPath: blobURL(digest).path))?[.size] as? Int
            return size.map { Descriptor(mediaType: "", digest: digest, size: Int64($0)) }
        }
        return try index().manifests.first { $0.annotations[Self.refName] == reference }
    }

    public func manifest(_ repository: Repository, reference: String, maxBytes: Int) async throws(OCIError) -> RegistryResponse? {
        guard let found = try descriptor(reference: reference), FileManager.default.fileExists(atPath: blobURL(found.digest).path) else {
            return nil
        }
        return RegistryResponse(bytes: try read(blobURL(found.digest), limit: maxBytes),
                                contentType: found.mediaType.isEmpty ? nil : found.mediaType, announcedDigest: nil)
    }

    public func manifestDigest(_ repository: Repository, reference: String) async throws(OCIError) -> Digest? {
        try descriptor(reference: reference)?.digest
    }

    public func blob(_ repository: Repository, digest: Digest, maxBytes: Int) async throws(OCIError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: blobURL(digest).path) else { return nil }
        return try read(blobURL(digest), limit: maxBytes)
    }

    public func blobExists(_ repository: Repository, digest: Digest) async throws(OCIError) -> Bool {
        FileManager.default.fileExists(atPath: blobURL(digest).path)
    }

    public func pushBlob(_ repository: Repository, bytes: [UInt8], digest: Digest) async throws(OCIError) {
        do {
            try FileManager.default.createDirectory(at: blobURL(digest).deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw OCIError(.invalidLayout, "cannot write blobs in \(directory.path): \(ErrorText.describe(error))")
        }
        try write(bytes, to: blobURL(digest))
    }

    public func pushManifest(_ repository: Repository, reference: String, bytes: [UInt8], mediaType: String) async throws(OCIError) {
        let digest = DigestAlgorithm.sha256.hash(bytes)
        try await pushBlob(repository, bytes: bytes, digest: digest)
        guard (try? Digest(parsing: reference)) == nil else { return }
        var index = try index()
        index.manifests.removeAll { $0.annotations[Self.refName] == reference }
        index.manifests.append(Descriptor(mediaType: mediaType, digest: digest, size: Int64(bytes.count),
                                          annotations: [Self.refName: reference]))
        try write(index.jsonBytes, to: directory.appendingPathComponent("index.json"))
    }

    public func referrers(_ repository: Repository, digest: Digest, maxBytes: Int) async throws(OCIError) -> RegistryResponse? {
        nil
    }

    public func tags(_ repository: Repository, limit: Int) async throws(OCIError) -> [String] {
        Array(try index().manifests.compactMap { $0.annotations[Self.refName] }.prefix(limit))
    }
}

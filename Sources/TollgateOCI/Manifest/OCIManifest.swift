import Foundation
import TollgateModel

/// A manifest as fetched: an image manifest or an index, with its exact bytes and digest.
///
/// Only ``Registry`` and ``ImageLayout`` make one, after checking that the bytes hash to the
/// digest that named them (a tag's digest is the hash of what came back, never a header alone).
public struct OCIManifest: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case image(ImageManifest)
        case index(ImageIndex)
    }

    public let digest: Digest
    public let bytes: [UInt8]
    public let content: Content

    public var mediaType: String {
        switch content {
        case .image(let manifest): manifest.mediaType
        case .index(let index): index.mediaType
        }
    }

    public var descriptor: Descriptor {
        var descriptor = Descriptor(mediaType: mediaType, digest: digest, size: Int64(bytes.count))
        if case .image(let manifest) = content { descriptor.artifactType = manifest.artifactType ?? manifest.config.mediaType }
        return descriptor
    }

    /// Parses `bytes` (whose digest the caller has checked). The `mediaType` field, when present,
    /// decides; a `Content-Type` that contradicts it is refused.
    public init(bytes: [UInt8], digest: Digest, contentType: String?, limits: OCILimits = OCILimits()) throws(OCIError) {
        guard bytes.count <= limits.manifestBytes else {
            throw OCIError(.tooLarge, "the manifest \(digest) is \(bytes.count) bytes; the limit is \(limits.manifestBytes)")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(bytes, maxBytes: limits.manifestBytes, maxDepth: 32) } catch {
            throw OCIError(.invalidManifest, "the manifest \(digest) is not JSON: \(error.reason)")
        }
        let declared = value["mediaType"]?.stringValue
        let header = contentType.map { String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces) }
        if let declared, let header, !header.isEmpty, header != declared, MediaType.manifestAccept.contains(header) {
            throw OCIError(.invalidManifest, "the manifest \(digest) says mediaType \(declared) but was served as \(header)")
        }
        let type = declared ?? header ?? (value["manifests"] != nil ? MediaType.imageIndex : MediaType.imageManifest)
        if MediaType.isIndex(type) {
            content = .index(try ImageIndex(json: value, mediaType: type, limits: limits))
        } else if MediaType.isImageManifest(type) {
            content = .image(try ImageManifest(json: value, mediaType: type, limits: limits))
        } else {
            throw OCIError(.unsupportedMediaType, "the manifest \(digest) has media type \(type.prefix(120)); expected an OCI or Docker v2 manifest or index")
        }
        self.digest = digest
        self.bytes = bytes
    }
}

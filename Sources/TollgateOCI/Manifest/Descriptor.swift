import TollgateModel

/// An OCI content descriptor (image-spec `descriptor.md`): what a manifest says about a blob or
/// another manifest. Its digest and size are checked against the bytes whenever they are fetched.
public struct Descriptor: Sendable, Hashable {
    public var mediaType: String
    public var digest: Digest
    public var size: Int64
    public var annotations: [String: String]
    public var artifactType: String?
    public var platform: Platform?

    public init(mediaType: String, digest: Digest, size: Int64, annotations: [String: String] = [:],
                artifactType: String? = nil, platform: Platform? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.annotations = annotations
        self.artifactType = artifactType
        self.platform = platform
    }

    /// The descriptor of `bytes` under `mediaType`.
    public static func of(_ bytes: [UInt8], mediaType: String, annotations: [String: String] = [:],
                          artifactType: String? = nil) -> Descriptor {
        Descriptor(mediaType: mediaType, digest: DigestAlgorithm.sha256.hash(bytes), size: Int64(bytes.count),
                   annotations: annotations, artifactType: artifactType)
    }

    /// "The `size` … MUST be the size of the raw content"; the `digest` MUST match it.
    init(json value: JSONValue, at path: String) throws(OCIError) {
        func fail(_ why: String) -> OCIError { OCIError(.invalidManifest, "\(path): \(why)") }
        guard case .object = value else { throw fail("expected an object") }
        guard let mediaType = value["mediaType"]?.stringValue, !mediaType.isEmpty else { throw fail("mediaType is missing") }
        guard let digestText = value["digest"]?.stringValue else { throw fail("digest is missing") }
        do { digest = try Digest(parsing: digestText) } catch { throw fail("digest: \(error.reason)") }
        guard let size = value["size"]?.intValue, size >= 0 else { throw fail("size is missing or negative") }
        self.mediaType = mediaType
        self.size = size
        annotations = try Self.annotations(value["annotations"], at: path + ".annotations")
        artifactType = value["artifactType"]?.stringValue
        if let platform = value["platform"] {
            guard let os = platform["os"]?.stringValue, let architecture = platform["architecture"]?.stringValue else {
                throw fail("platform needs os and architecture")
            }
            self.platform = Platform(os: os, architecture: architecture, variant: platform["variant"]?.stringValue)
        }
    }

    static func annotations(_ value: JSONValue?, at path: String) throws(OCIError) -> [String: String] {
        guard let value, !value.isNull else { return [:] }
        guard let object = value.objectValue else { throw OCIError(.invalidManifest, "\(path): expected an object of strings") }
        var result: [String: String] = [:]
        for (key, item) in object {
            guard let text = item.stringValue else { throw OCIError(.invalidManifest, "\(path).\(key): expected a string") }
            result[key] = text
        }
        return result
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["mediaType": .string(mediaType), "digest": .string(digest.description),
                                           "size": .integer(size)]
        if !annotations.isEmpty { object["annotations"] = .object(annotations.mapValues { .string($0) }) }
        if let artifactType { object["artifactType"] = .string(artifactType) }
        if let platform {
            var p: [String: JSONValue] = ["os": .string(platform.os), "architecture": .string(platform.architecture)]
            if let variant = platform.variant { p["variant"] = .string(variant) }
            object["platform"] = .object(p)
        }
        return .object(object)
    }
}

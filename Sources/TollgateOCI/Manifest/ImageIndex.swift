import TollgateModel

/// An OCI image index or Docker manifest list (image-spec `image-index.md`): one manifest per
/// platform for a multi-arch image, or the referrers list of a digest.
public struct ImageIndex: Sendable, Hashable {
    public var mediaType: String
    public var manifests: [Descriptor]
    public var subject: Descriptor?
    public var artifactType: String?
    public var annotations: [String: String]

    public init(mediaType: String = MediaType.imageIndex, manifests: [Descriptor], subject: Descriptor? = nil,
                artifactType: String? = nil, annotations: [String: String] = [:]) {
        self.mediaType = mediaType
        self.manifests = manifests
        self.subject = subject
        self.artifactType = artifactType
        self.annotations = annotations
    }

    init(json value: JSONValue, mediaType: String, limits: OCILimits) throws(OCIError) {
        func fail(_ why: String) -> OCIError { OCIError(.invalidManifest, "image index: \(why)") }
        guard value["schemaVersion"]?.intValue == 2 else { throw fail("schemaVersion MUST be 2") }
        guard let manifests = value["manifests"]?.arrayValue else { throw fail("manifests is missing or not an array") }
        guard manifests.count <= limits.descriptors else {
            throw OCIError(.tooLarge, "image index: \(manifests.count) manifests; the limit is \(limits.descriptors)")
        }
        self.mediaType = mediaType
        var parsed: [Descriptor] = []
        for (index, item) in manifests.enumerated() { parsed.append(try Descriptor(json: item, at: "manifests[\(index)]")) }
        self.manifests = parsed
        subject = try value["subject"].map { (v: JSONValue) throws(OCIError) in try Descriptor(json: v, at: "subject") }
        artifactType = value["artifactType"]?.stringValue
        annotations = try Descriptor.annotations(value["annotations"], at: "annotations")
    }

    public var jsonBytes: [UInt8] {
        var object: [String: JSONValue] = ["schemaVersion": 2, "mediaType": .string(mediaType),
                                           "manifests": .array(manifests.map(\.json))]
        if let subject { object["subject"] = subject.json }
        if let artifactType { object["artifactType"] = .string(artifactType) }
        if !annotations.isEmpty { object["annotations"] = .object(annotations.mapValues { .string($0) }) }
        return JSONValue.object(object).encodedBytes()
    }

    /// The platform manifest for `platform`, or nil when the index lists none.
    public func manifest(for platform: Platform) -> Descriptor? {
        manifests.first { $0.platform.map(platform.matches) ?? false }
    }
}

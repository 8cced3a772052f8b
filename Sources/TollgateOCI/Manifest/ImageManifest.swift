import TollgateModel

/// An OCI image manifest or Docker v2 schema 2 manifest (image-spec `manifest.md`): a config,
/// layers and, for OCI 1.1 artifacts, an `artifactType` and the `subject` they refer to.
public struct ImageManifest: Sendable, Hashable {
    public var mediaType: String
    public var config: Descriptor
    public var layers: [Descriptor]
    public var subject: Descriptor?
    public var artifactType: String?
    public var annotations: [String: String]

    public init(mediaType: String = MediaType.imageManifest, config: Descriptor, layers: [Descriptor],
                subject: Descriptor? = nil, artifactType: String? = nil, annotations: [String: String] = [:]) {
        self.mediaType = mediaType
        self.config = config
        self.layers = layers
        self.subject = subject
        self.artifactType = artifactType
        self.annotations = annotations
    }

    init(json value: JSONValue, mediaType: String, limits: OCILimits) throws(OCIError) {
        func fail(_ why: String) -> OCIError { OCIError(.invalidManifest, "image manifest: \(why)") }
        guard value["schemaVersion"]?.intValue == 2 else { throw fail("schemaVersion MUST be 2") }
        guard let config = value["config"] else { throw fail("config is missing") }
        guard let layers = value["layers"]?.arrayValue ?? (value["layers"] == nil ? [] : nil) else { throw fail("layers must be an array") }
        guard layers.count <= limits.descriptors else {
            throw OCIError(.tooLarge, "image manifest: \(layers.count) layers; the limit is \(limits.descriptors)")
        }
        self.mediaType = mediaType
        self.config = try Descriptor(json: config, at: "config")
        var parsed: [Descriptor] = []
        for (index, layer) in layers.enumerated() { parsed.append(try Descriptor(json: layer, at: "layers[\(index)]")) }
        self.layers = parsed
        subject = try value["subject"].map { (v: JSONValue) throws(OCIError) in try Descriptor(json: v, at: "subject") }
        artifactType = value["artifactType"]?.stringValue
        annotations = try Descriptor.annotations(value["annotations"], at: "annotations")
    }

    /// The manifest as JSON bytes (keys sorted; the digest is of exactly these bytes).
    public var jsonBytes: [UInt8] {
        var object: [String: JSONValue] = ["schemaVersion": 2, "mediaType": .string(mediaType), "config": config.json,
                                           "layers": .array(layers.map(\.json))]
        if let subject { object["subject"] = subject.json }
        if let artifactType { object["artifactType"] = .string(artifactType) }
        if !annotations.isEmpty { object["annotations"] = .object(annotations.mapValues { .string($0) }) }
        return JSONValue.object(object).encodedBytes()
    }
}

import Foundation
import TollgateModel

/// The payload of a `deployment.recorded` entry (`tollgate.dev/ledger/deployment-recorded/v1`):
/// what ran where. Entries written before the inventory moved into a database
/// (`{digest, environment, cluster, namespace, service, reference, time}`) decode too.
public struct DeploymentRecordedEntry: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = "tollgate.dev/ledger/deployment-recorded/v1"

    public var schemaVersion: String
    public var environment: String
    public var cluster: String?
    public var namespace: String?
    public var service: String?
    /// The image or package reference deployed (`registry/app@sha256:…`, `registry/app:1.2`).
    public var image: String?
    /// The digest: from the reference, from the recorder, or through `resolution`; nil when unknown.
    public var digest: Digest?
    /// False when the record says the service was stopped (removed).
    public var running: Bool
    /// Set when the digest came from a tag observation.
    public var resolution: TagResolution?
    public var observedAt: Date?

    public init(environment: String, cluster: String? = nil, namespace: String? = nil, service: String? = nil,
                image: String? = nil, digest: Digest?, running: Bool = true, resolution: TagResolution? = nil,
                observedAt: Date? = nil) {
        schemaVersion = Self.currentSchemaVersion
        self.environment = environment
        self.cluster = cluster
        self.namespace = namespace
        self.service = service
        self.image = image
        self.digest = digest
        self.running = running
        self.resolution = resolution
        self.observedAt = observedAt
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, environment, cluster, namespace, service, image, digest, running, resolution, observedAt
        case reference, time
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decodeIfPresent(String.self, forKey: .schemaVersion) ?? "legacy"
        environment = try container.decode(String.self, forKey: .environment)
        cluster = try container.decodeIfPresent(String.self, forKey: .cluster)
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace)
        service = try container.decodeIfPresent(String.self, forKey: .service)
        image = try container.decodeIfPresent(String.self, forKey: .image)
            ?? container.decodeIfPresent(String.self, forKey: .reference)
        digest = try container.decodeIfPresent(Digest.self, forKey: .digest)
        running = try container.decodeIfPresent(Bool.self, forKey: .running) ?? true
        resolution = try container.decodeIfPresent(TagResolution.self, forKey: .resolution)
        observedAt = try container.decodeIfPresent(Date.self, forKey: .observedAt)
            ?? container.decodeIfPresent(Date.self, forKey: .time)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(environment, forKey: .environment)
        try container.encodeIfPresent(cluster, forKey: .cluster)
        try container.encodeIfPresent(namespace, forKey: .namespace)
        try container.encodeIfPresent(service, forKey: .service)
        try container.encodeIfPresent(image, forKey: .image)
        try container.encodeIfPresent(digest, forKey: .digest)
        try container.encode(running, forKey: .running)
        try container.encodeIfPresent(resolution, forKey: .resolution)
        try container.encodeIfPresent(observedAt, forKey: .observedAt)
    }
}

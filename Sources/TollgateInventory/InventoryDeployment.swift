import Foundation
import TollgateModel

/// One deployment of an artifact: where it runs, since when.
public struct InventoryDeployment: Sendable, Hashable, Codable {
    public var digest: Digest
    public var environment: String
    public var cluster: String?
    public var namespace: String?
    public var service: String?
    /// The reference the deployment used (`registry/app@sha256:…` or a tag).
    public var reference: String?
    public var time: Date

    public init(digest: Digest, environment: String, cluster: String? = nil, namespace: String? = nil,
                service: String? = nil, reference: String? = nil, time: Date) {
        self.digest = digest
        self.environment = environment
        self.cluster = cluster
        self.namespace = namespace
        self.service = service
        self.reference = reference
        self.time = time
    }
}

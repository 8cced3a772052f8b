import Foundation
import TollgateModel

/// A deployment sighting: what ran where at `time`.
///
/// A slot is (environment, cluster, namespace, service). Per slot and digest the store keeps the
/// first and last sighting; the digest of a slot's latest sighting is the one running there, unless
/// that sighting says `running: false` (the service was removed).
public struct InventoryDeploymentRecord: Sendable, Hashable, Codable {
    public var environment: String
    public var cluster: String?
    public var namespace: String?
    public var service: String?
    /// The image or package reference the deployment used (`registry/app@sha256:…` or a tag).
    public var reference: String?
    /// The digest, when the reference or the recorder said; nil when only a tag is known.
    public var digest: Digest?
    public var running: Bool
    public var time: Date

    public init(environment: String, cluster: String? = nil, namespace: String? = nil, service: String? = nil,
                reference: String? = nil, digest: Digest?, running: Bool = true, time: Date) {
        self.environment = environment
        self.cluster = cluster
        self.namespace = namespace
        self.service = service
        self.reference = reference
        self.digest = digest
        self.running = running
        self.time = time
    }
}

/// A deployment as stored: one row per slot and digest (or reference, when there is no digest).
public struct InventoryDeploymentRow: Sendable, Hashable, Codable {
    public var environment: String
    public var cluster: String?
    public var namespace: String?
    public var service: String?
    public var reference: String?
    public var digest: Digest?
    public var firstSeen: Date
    public var lastSeen: Date
    /// True when this row holds the slot's latest sighting and that sighting was running.
    public var running: Bool

    public init(environment: String, cluster: String?, namespace: String?, service: String?, reference: String?,
                digest: Digest?, firstSeen: Date, lastSeen: Date, running: Bool) {
        self.environment = environment
        self.cluster = cluster
        self.namespace = namespace
        self.service = service
        self.reference = reference
        self.digest = digest
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.running = running
    }
}

import Foundation
import TollgateModel
import TollgateStore

/// Turns what a deployer says ran where into a `deployment.recorded` payload. The digest comes from
/// the reference (`app@sha256:…`) or the deployer (`--digest`); a reference with only a tag is
/// resolved **only** through the inventory's recorded tag observations (the latest at or before the
/// deployment), and the resolution is recorded with it. Nothing is looked up in a registry: a digest
/// Tollgate did not observe is never claimed, and an unresolvable reference is recorded without one.
public struct DeploymentResolver: Sendable {
    public let store: any InventoryStore

    public init(store: any InventoryStore) {
        self.store = store
    }

    /// One deployment as given (flags or one `deploy import` line).
    public struct Request: Sendable, Hashable {
        public var environment: String
        public var cluster: String?
        public var namespace: String?
        public var service: String?
        public var image: String
        public var digest: String?
        public var stopped: Bool
        /// When it was seen, when not now (an import of past deployments).
        public var time: Date?

        public init(environment: String, cluster: String? = nil, namespace: String? = nil, service: String? = nil,
                    image: String, digest: String? = nil, stopped: Bool = false, time: Date? = nil) {
            self.environment = environment
            self.cluster = cluster
            self.namespace = namespace
            self.service = service
            self.image = image
            self.digest = digest
            self.stopped = stopped
            self.time = time
        }
    }

    /// The payloads to record: the deployment, and the tag observation the deployer asserts when it
    /// names both a tag and a digest.
    public struct Resolved: Sendable, Hashable {
        public var deployment: DeploymentRecordedEntry
        public var observation: TagObservedEntry?

        /// How the digest was found, in words for the report.
        public var explanation: String {
            if let resolution = deployment.resolution { return resolution.sentence }
            guard deployment.digest != nil else {
                return "no digest: the reference names none and no recorded tag observation resolves it; recorded without a digest"
            }
            return observation == nil ? "digest from the reference" : "digest given by the deployer; tag observation recorded"
        }
    }

    /// Resolves one request. `pending` holds observations about to be recorded in the same import
    /// (an earlier line naming a tag and its digest), which count as recorded.
    public func resolve(_ request: Request, now: Date, pending: [TagObservationRecord] = []) async throws -> Resolved {
        for (field, value) in [("environment", request.environment as String?), ("cluster", request.cluster),
                               ("namespace", request.namespace), ("service", request.service)] {
            if let value, value.isEmpty || value.utf8.count > 256 || value.contains(where: \.isNewline) {
                throw InventoryError(.invalidDeployment, "\(field) is 1 to 256 characters on one line; found '\(value.prefix(80))'")
            }
        }
        let reference = try ImageReference(parsing: request.image)
        var digest = reference.digest
        if let text = request.digest {
            let given: Digest
            do {
                given = try Digest(parsing: text)
            } catch {
                throw InventoryError(.invalidDeployment, "digest '\(text.prefix(80))' is not ALGORITHM:HEX: \(error.reason)")
            }
            if let digest, digest != given {
                throw InventoryError(.invalidDeployment, "the reference names \(digest) but the digest given is \(given)")
            }
            digest = given
        }
        let at = request.time ?? now
        var observation: TagObservedEntry?
        var resolution: TagResolution?
        if let digest, let tag = reference.tag {
            observation = TagObservedEntry(repository: reference.repository, tag: tag, digest: digest, observedAt: request.time)
        } else if digest == nil, let tag = reference.effectiveTag {
            let observations = try await store.tagObservations(repository: reference.repository, tag: tag)
                + pending.filter { $0.repository == reference.repository && $0.tag == tag }
            if let latest = observations.filter({ $0.time <= at }).max(by: { $0.time < $1.time }) {
                resolution = TagResolution(repository: reference.repository, tag: tag, digest: latest.digest, observedAt: latest.time)
                digest = latest.digest
            }
        }
        let deployment = DeploymentRecordedEntry(environment: request.environment, cluster: request.cluster,
                                                 namespace: request.namespace, service: request.service, image: request.image,
                                                 digest: digest, running: !request.stopped, resolution: resolution,
                                                 observedAt: request.time)
        return Resolved(deployment: deployment, observation: observation)
    }
}

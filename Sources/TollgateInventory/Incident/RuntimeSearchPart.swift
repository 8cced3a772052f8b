import Foundation
import TollgateModel

/// Part 3, `runtime_search`: where the affected artifacts run or ran: environment, cluster, namespace
/// and service, first and last seen, and whether still running.
public struct RuntimeSearchPart: Sendable, Hashable, Codable {
    public struct Deployment: Sendable, Hashable, Codable {
        public var environment: String
        public var cluster: String?
        public var namespace: String?
        public var service: String?
        public var image: String?
        public var digest: Digest?
        public var firstSeen: Date
        public var lastSeen: Date
        public var running: Bool

        /// `production/eu-1/shop checkout`.
        public var slot: String {
            DeploymentSlot.describe(environment: environment, cluster: cluster, namespace: namespace, service: service)
        }
    }

    public var deployments: [Deployment]
    /// Environments where an affected artifact is still running.
    public var runningEnvironments: [String]
    public var running: Int
    /// Deployments recorded without a digest whose image repository had a tag on an affected
    /// artifact: they may run it, and nobody can tell.
    public var unresolved: [Deployment]
    public var statement: String
}

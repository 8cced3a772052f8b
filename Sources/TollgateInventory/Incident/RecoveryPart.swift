import TollgateModel

/// Part 6, `recovery`: what to rebuild, re-sign and redeploy, in dependency order: an affected
/// artifact another affected artifact contains (a base image, a library) is rebuilt first; each
/// rebuilt artifact is signed and attested again; then each environment is redeployed.
public struct RecoveryPart: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case rebuild
        case resign = "re-sign"
        case redeploy
    }

    public struct Step: Sendable, Hashable, Codable {
        /// 1-based position; steps are listed in an order that respects `after`.
        public var order: Int
        public var action: Action
        public var digest: Digest?
        public var name: String?
        /// For `redeploy`: the environment and its slots.
        public var environment: String?
        public var targets: [String]
        /// The steps that must be done first.
        public var after: [Int]
        public var reason: String
    }

    public var steps: [Step]
    public var statement: String
}

import Foundation
import TollgateModel

/// The install boundary's decision for one resolution (`tollgate npm verify`, `tollgate pip
/// install`/`verify`): every package with its own decision and facts. It allows only when every
/// package is allowed (or warned): a refusal installs nothing. `problems` are resolution-wide
/// failures (an unreadable lockfile entry, a resolution that failed), and they deny too.
public struct InstallDecision: Sendable, Hashable, Codable {
    public static let schemaVersion = "tollgate.dev/install-decision/v1"

    public struct Package: Sendable, Hashable, Codable {
        public var facts: InstallFacts?
        public var decision: Decision

        public init(facts: InstallFacts?, decision: Decision) {
            self.facts = facts
            self.decision = decision
        }
    }

    public var schemaVersion: String
    public var decision: Outcome
    public var ecosystem: InstallFacts.Ecosystem
    /// The lockfile or requirements the packages came from.
    public var source: String
    public var policy: String
    public var policyDigest: Digest?
    public var evaluatedAt: Date
    public var packages: [Package]
    public var problems: [String]

    public init(ecosystem: InstallFacts.Ecosystem, source: String, policy: String, policyDigest: Digest?, evaluatedAt: Date,
                packages: [Package], problems: [String] = []) {
        schemaVersion = Self.schemaVersion
        self.ecosystem = ecosystem
        self.source = source
        self.policy = policy
        self.policyDigest = policyDigest
        self.evaluatedAt = evaluatedAt
        self.packages = packages
        self.problems = problems
        if !problems.isEmpty || packages.contains(where: { $0.decision.decision == .deny }) {
            decision = .deny
        } else if packages.contains(where: { $0.decision.decision == .warn }) {
            decision = .warn
        } else {
            decision = .allow
        }
    }

    /// Packages that were denied.
    public var denied: [Package] { packages.filter { $0.decision.decision == .deny } }

    /// Exit status for the CLI: 0 on allow or warn, 1 on deny.
    public var exitStatus: ExitStatus { decision == .deny ? .failed : .success }
}

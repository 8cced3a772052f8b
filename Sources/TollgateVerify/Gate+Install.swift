import Foundation
import TollgatePolicy

extension Gate {
    /// Evaluates the install boundary (`Policy.enabledInstallRules`) for one package file whose
    /// `Evidence.install` the install verifier filled in. Artifact, source and build rules do not
    /// apply here; `components` does.
    public func evaluateInstall(_ evidence: Evidence, now: Date) -> Decision {
        let context = RuleContext(policy: policy, evidence: evidence, now: now,
                                  exceptions: ExceptionBook(exceptions: policy.exceptions, artifact: evidence.artifact,
                                                            verifiedNames: [], now: now))
        let findings = policy.enabledInstallRules.map { evaluate($0, in: context) }
        var expired: [String] = []
        for finding in findings {
            for exception in finding.exceptions where exception.status == .expired && !expired.contains(exception.id) {
                expired.append(exception.id)
            }
        }
        return Decision(decision: Decision.outcome(of: findings), policy: policy.name, policyDigest: policy.digest,
                        artifact: evidence.artifact, evaluatedAt: now, rules: findings, expiredExceptions: expired.sorted(),
                        problems: evidence.problems, database: evidence.scan?.database)
    }

    /// The install decision for a whole resolution: every package's decision, and deny if any denies
    /// (a refusal installs nothing).
    public func evaluateInstall(_ packages: [Evidence], ecosystem: InstallFacts.Ecosystem, source: String, now: Date,
                                problems: [String] = []) -> InstallDecision {
        let decisions = packages.map { evaluateInstall($0, now: now) }
        return InstallDecision(ecosystem: ecosystem, source: source, policy: policy.name, policyDigest: policy.digest,
                               evaluatedAt: now, packages: zip(packages, decisions).map { evidence, decision in
                                   InstallDecision.Package(facts: evidence.install, decision: decision)
                               }, problems: problems)
    }
}

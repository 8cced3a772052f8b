import Foundation
import TollgatePolicy

/// `deploy.byDigest`: the deployment references the artifact by its digest, never by a movable tag.
/// Without a reference the check cannot run, so it denies (fail closed).
enum DeployEvaluator {
    static func evaluate(_ rule: DeployRules, in context: RuleContext) -> Finding {
        let digest = context.evidence.artifact.digest.description
        let expected = "a reference by digest (name@\(digest))"
        guard rule.byDigest == true else {
            return context.skipped(.deployByDigest, reason: "not required by the policy", expected: "any reference",
                                   actual: context.evidence.artifact.reference ?? "no reference")
        }
        guard let reference = context.evidence.artifact.reference else {
            return context.unavailable(.deployByDigest, expected: expected,
                                       missing: "no deployment reference was given (--reference name@sha256:…)")
        }
        let actual: String
        let passed: Bool
        if let at = reference.lastIndex(of: "@") {
            let pinned = String(reference[reference.index(after: at)...])
            passed = pinned.caseInsensitiveCompare(digest) == .orderedSame
            actual = passed ? "reference \(reference)" : "reference \(reference) names a different digest"
        } else {
            passed = false
            actual = "reference by tag \(reference)"
        }
        return context.verdict(.deployByDigest, action: rule.action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: [reference])
    }
}

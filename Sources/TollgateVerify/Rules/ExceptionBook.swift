import Foundation
import TollgatePolicy

/// The policy's exceptions that concern this artifact, split at `now` into active and expired.
///
/// "An expired exception has no effect, and the decision names it": lookups return the active
/// exception that covers an item, plus every expired one that would have covered it.
struct ExceptionBook: Sendable {
    private let candidates: [PolicyException]
    let now: Date

    init(exceptions: [PolicyException], artifact: ArtifactSubject, now: Date) {
        let digest = artifact.digest.description
        candidates = exceptions.filter { exception in
            guard let wanted = exception.match.artifact else { return true }
            return wanted.caseInsensitiveCompare(digest) == .orderedSame || wanted == artifact.name
                || (artifact.purl.map { ExceptionMatch(component: wanted).matches(component: $0) } ?? false)
        }
        self.now = now
    }

    var isEmpty: Bool { candidates.isEmpty }

    struct Lookup {
        var active: PolicyException?
        var expired: [PolicyException] = []
    }

    /// Exceptions for a whole-artifact rule: artifact-scoped exceptions that list the rule.
    func forArtifact(rule: RuleID) -> Lookup {
        var lookup = Lookup()
        for exception in candidates where exception.match.advisory == nil && exception.match.component == nil
            && exception.match.rules.contains(rule) {
            record(exception, into: &lookup)
        }
        return lookup
    }

    /// Exceptions for one failing item of a per-item rule (a vulnerability or a component's license).
    func forItem(rule: RuleID, vulnerability: VulnerabilityEvidence?, purl: String?) -> Lookup {
        var lookup = Lookup()
        for exception in candidates {
            let match = exception.match
            if match.rules.isEmpty {
                guard Self.defaultRules(for: exception).contains(rule) else { continue }
            } else if !match.rules.contains(rule) {
                continue
            }
            if let advisory = match.advisory {
                guard let vulnerability, vulnerability.isKnown(as: advisory) else { continue }
            }
            if match.component != nil {
                guard let purl, match.matches(component: purl) else { continue }
            }
            record(exception, into: &lookup)
        }
        return lookup
    }

    private func record(_ exception: PolicyException, into lookup: inout Lookup) {
        if exception.isActive(at: now) {
            if lookup.active == nil { lookup.active = exception }
        } else {
            lookup.expired.append(exception)
        }
    }

    /// Advisory exceptions cover the vulnerability rules; component exceptions also cover licenses.
    static func defaultRules(for exception: PolicyException) -> Set<RuleID> {
        switch exception.scope {
        case .advisory: [.vulnerabilitiesMaxSeverity, .vulnerabilitiesRemediation]
        case .component: [.vulnerabilitiesMaxSeverity, .vulnerabilitiesRemediation, .artifactLicenses]
        case .artifact: []
        }
    }
}

import Foundation
import TollgatePolicy

/// What every rule evaluator reads: the policy, the evidence, the injected clock and the exceptions.
struct RuleContext: Sendable {
    let policy: Policy
    let evidence: Evidence
    let now: Date
    let exceptions: ExceptionBook

    /// The finding for a rule whose evidence is missing: "a check that cannot run denies",
    /// unless the policy's `settings.onUnavailable` is `warn`.
    func unavailable(_ rule: RuleID, expected: String, missing: String) -> Finding {
        let result: FindingResult = policy.settings.onUnavailable == .warn ? .warn : .fail
        return Finding(rule: rule, result: result, reason: "cannot evaluate: \(missing); expected \(expected)",
                       expected: expected, actual: missing)
    }

    /// The finding for a rule that checked nothing because the policy does not require it.
    func skipped(_ rule: RuleID, reason: String, expected: String, actual: String) -> Finding {
        Finding(rule: rule, result: .skipped, reason: reason, expected: expected, actual: actual)
    }

    /// The problems with evidence of `kind`, as text, for a finding's evidence list.
    func problems(_ kind: EvidenceKind) -> [String] {
        evidence.problems.filter { $0.kind == kind }.map { "\($0.code.rawValue): \($0.description)" }
    }

    /// "no verified signature (a; b)": what was missing, with the problems that explain it.
    func missing(_ what: String, _ kind: EvidenceKind) -> String {
        let reasons = evidence.problems.filter { $0.kind == kind }.map(\.description)
        return reasons.isEmpty ? what : "\(what) (\(Format.list(reasons)))"
    }

    /// A whole-artifact verdict: pass, or fail turned into `warn` by the rule's action or into
    /// `excepted` by an active artifact-scoped exception. Expired exceptions are named.
    func verdict(_ rule: RuleID, action: RuleAction, passed: Bool, reason: String, expected: String, actual: String,
                 evidence: [String]) -> Finding {
        guard !passed else {
            return Finding(rule: rule, result: .pass, reason: reason, expected: expected, actual: actual, evidence: evidence)
        }
        let lookup = exceptions.forArtifact(rule: rule)
        var applied = lookup.expired.map { AppliedException($0, status: .expired, covers: [rule.rawValue]) }
        var text = reason
        for expired in lookup.expired {
            text += "; exception \(expired.id) expired \(Format.instant(expired.expires)) and has no effect"
        }
        if let active = lookup.active {
            applied.insert(AppliedException(active, status: .active, covers: [rule.rawValue]), at: 0)
            return Finding(rule: rule, result: .excepted,
                           reason: "\(text); excepted by \(active.id) (owner \(active.owner), expires \(Format.instant(active.expires)))",
                           expected: expected, actual: actual, evidence: evidence, exceptions: applied)
        }
        return Finding(rule: rule, result: action == .warn ? .warn : .fail, reason: text,
                       expected: expected, actual: actual, evidence: evidence, exceptions: applied)
    }

    /// A per-item verdict (vulnerabilities, licenses): each failing item may be covered by an
    /// active exception; the rule fails while any item is uncovered.
    func itemVerdict(_ rule: RuleID, action: RuleAction, failures: [RuleItem], warnings: [RuleItem],
                     passReason: String, expected: String, evidence: [String]) -> Finding {
        var uncovered: [RuleItem] = []
        var applied: [AppliedException] = []
        var covered: [(item: RuleItem, by: String)] = []
        var expiredNotes: [String] = []
        var activeByID: [String: Int] = [:]
        var expiredByID: [String: Int] = [:]
        var uncoveredWarnings: [RuleItem] = []
        if exceptions.isEmpty {
            uncovered = failures
            uncoveredWarnings = warnings
        } else {
            // Warnings (findings inside their remediation window) are covered by exceptions too,
            // so an excepted finding reads "excepted", not "warn".
            for (item, isWarning) in failures.map({ ($0, false) }) + warnings.map({ ($0, true) }) {
                let lookup = exceptions.forItem(rule: rule, vulnerability: item.vulnerability, purl: item.purl)
                for expired in lookup.expired {
                    if let index = expiredByID[expired.id] {
                        applied[index].covers.append(item.label)
                    } else {
                        expiredByID[expired.id] = applied.count
                        applied.append(AppliedException(expired, status: .expired, covers: [item.label]))
                        expiredNotes.append("exception \(expired.id) expired \(Format.instant(expired.expires)) and has no effect")
                    }
                }
                if let active = lookup.active {
                    covered.append((item, active.id))
                    if let index = activeByID[active.id] {
                        applied[index].covers.append(item.label)
                    } else {
                        activeByID[active.id] = applied.count
                        applied.append(AppliedException(active, status: .active, covers: [item.label]))
                    }
                } else if isWarning {
                    uncoveredWarnings.append(item)
                } else {
                    uncovered.append(item)
                }
            }
        }
        applied.sort { ($0.status == .active ? 0 : 1, $0.id) < ($1.status == .active ? 0 : 1, $1.id) }
        let notes = expiredNotes.isEmpty ? "" : "; " + expiredNotes.joined(separator: "; ")
        if !uncovered.isEmpty {
            let actual = "\(uncovered.count) \(uncovered.count == 1 ? "violation" : "violations"): \(Format.list(uncovered, \.text))"
            return Finding(rule: rule, result: action == .warn ? .warn : .fail,
                           reason: "expected \(expected); found \(actual)\(notes)",
                           expected: expected, actual: actual, evidence: evidence, exceptions: applied)
        }
        if !uncoveredWarnings.isEmpty {
            var actual = "\(uncoveredWarnings.count) within remediation window: \(Format.list(uncoveredWarnings, \.text))"
            if !covered.isEmpty { actual += "; \(covered.count) excepted: \(Format.list(covered) { "\($0.item.label) by \($0.by)" })" }
            return Finding(rule: rule, result: .warn, reason: "expected \(expected); found \(actual)\(notes)",
                           expected: expected, actual: actual, evidence: evidence, exceptions: applied)
        }
        if !covered.isEmpty {
            let actual = "\(covered.count) excepted: \(Format.list(covered) { "\($0.item.label) by \($0.by)" })"
            return Finding(rule: rule, result: .excepted, reason: "expected \(expected); found \(actual)\(notes)",
                           expected: expected, actual: actual, evidence: evidence, exceptions: applied)
        }
        return Finding(rule: rule, result: .pass, reason: passReason + notes, expected: expected,
                       actual: passReason, evidence: evidence, exceptions: applied)
    }
}

/// One failing (or warning) item of a per-item rule. Its label and text are built only when a
/// decision shows them (the first `Format.listLimit` of a reason, the items an exception covers):
/// a scan can have thousands of findings, and formatting each one was most of the rules' time.
struct RuleItem: Sendable {
    var purl: String?
    var vulnerability: VulnerabilityEvidence?
    private let makeLabel: @Sendable () -> String
    private let makeText: @Sendable () -> String

    var label: String { makeLabel() }
    var text: String { makeText() }

    init(label: String, text: String, purl: String?, vulnerability: VulnerabilityEvidence? = nil) {
        self.purl = purl
        self.vulnerability = vulnerability
        makeLabel = { label }
        makeText = { text }
    }

    init(purl: String?, vulnerability: VulnerabilityEvidence?, label: @escaping @Sendable () -> String,
         text: @escaping @Sendable () -> String) {
        self.purl = purl
        self.vulnerability = vulnerability
        makeLabel = label
        makeText = text
    }
}

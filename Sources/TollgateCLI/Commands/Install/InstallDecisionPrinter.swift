import Foundation
import TollgateVerify

/// The text form of an install decision: one line per package (its result and, when it is not
/// allowed, every failing rule), then the decision.
enum InstallDecisionPrinter {
    static func lines(_ decision: InstallDecision) -> [String] {
        var lines: [String] = []
        for package in decision.packages {
            let name = package.decision.artifact.name ?? package.decision.artifact.purl ?? "?"
            let outcome = package.decision.decision.rawValue.uppercased().padding(toLength: 6, withPad: " ", startingAt: 0)
            lines.append("\(outcome) \(name)")
            for finding in package.decision.rules where finding.result == .fail || finding.result == .warn || finding.result == .excepted {
                lines.append("       \(finding.result.rawValue) \(finding.rule.rawValue): \(finding.reason)")
            }
        }
        for problem in decision.problems { lines.append("error  \(problem)") }
        let denied = decision.denied.count
        lines.append("decision: \(decision.decision.rawValue) (policy \(decision.policy), \(decision.packages.count) packages, \(denied) denied, source \(decision.source))")
        return lines
    }
}

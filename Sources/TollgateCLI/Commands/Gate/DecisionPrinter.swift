import Foundation
import TollgateVerify

/// Human output for a decision: one line per rule, then the decision.
enum DecisionPrinter {
    static func lines(_ decision: Decision) -> [String] {
        let width = max(24, decision.rules.map(\.rule.rawValue.count).max() ?? 0)
        var lines: [String] = []
        for finding in decision.rules {
            let label = finding.result.rawValue.uppercased().padding(toLength: 9, withPad: " ", startingAt: 0)
            let rule = finding.rule.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("\(label) \(rule) \(finding.reason)")
        }
        for problem in decision.problems { lines.append("note      [\(problem.code.rawValue)] \(problem)") }
        if let database = decision.database {
            lines.append("note      advisory database revision \(database.revision), \(database.advisories) advisories, imported \(database.importedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "at an unknown time")")
        }
        lines.append("decision: \(decision.decision.rawValue) (policy \(decision.policy), \(decision.artifact.name ?? "artifact") \(decision.artifact.digest))")
        return lines
    }
}

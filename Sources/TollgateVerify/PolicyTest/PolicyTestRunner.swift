import Foundation
import TollgateModel
import TollgatePolicy
import Yams

/// Runs `tollgate policy test` fixtures: every case's evidence through the gate at the case's
/// instant, compared with the expected decision, rule results and reason fragments.
public struct PolicyTestRunner: Sendable {
    public init() {}

    /// Parses a fixture file's YAML.
    public func parse(_ yaml: String, file: String) throws(VerifyError) -> PolicyTestFile {
        do {
            return try YAMLDecoder().decode(PolicyTestFile.self, from: yaml)
        } catch {
            throw VerifyError(.invalidFixture, "\(file): \(ErrorText.describe(error))")
        }
    }

    /// Runs the cases of one fixture file against `policy`.
    public func run(_ fixture: PolicyTestFile, policy: Policy, file: String) -> [PolicyTestResult] {
        let gate = Gate(policy: policy)
        return fixture.cases.map { testCase in
            var failures: [String] = []
            guard let nowText = testCase.now ?? fixture.now, let now = EvidenceFixture.instant(nowText) else {
                return PolicyTestResult(file: file, name: testCase.name,
                                        failures: ["'now' is missing or not an RFC 3339 instant (set it on the case or the file)"],
                                        decision: nil)
            }
            let evidence: Evidence
            do throws(VerifyError) {
                evidence = try testCase.evidence.evidence(policy: policy)
            } catch {
                return PolicyTestResult(file: file, name: testCase.name, failures: [error.reason], decision: nil)
            }
            let decision = gate.evaluate(evidence, now: now)
            if decision.decision != testCase.expect.decision {
                let failing = decision.rules.filter { $0.result != .pass }.map { "\($0.rule.rawValue)=\($0.result.rawValue)" }
                failures.append("decision: expected \(testCase.expect.decision.rawValue), got \(decision.decision.rawValue) (\(failing.joined(separator: ", ")))")
            }
            for (rule, expected) in (testCase.expect.rules ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let finding = decision.rules.first(where: { $0.rule.rawValue == rule }) else {
                    failures.append("\(rule): expected \(expected.rawValue), but the policy does not enable this rule")
                    continue
                }
                if finding.result != expected {
                    failures.append("\(rule): expected \(expected.rawValue), got \(finding.result.rawValue): \(finding.reason)")
                }
            }
            for (rule, fragment) in (testCase.expect.reasons ?? [:]).sorted(by: { $0.key < $1.key }) {
                let reason = decision.rules.first(where: { $0.rule.rawValue == rule })?.reason ?? "(rule not evaluated)"
                if !reason.contains(fragment) {
                    failures.append("\(rule): reason should contain \"\(fragment)\"; it is \"\(reason)\"")
                }
            }
            return PolicyTestResult(file: file, name: testCase.name, failures: failures, decision: decision.decision)
        }
    }
}

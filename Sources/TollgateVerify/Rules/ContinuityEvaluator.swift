import TollgatePolicy

/// `source.continuity`: the "unfamiliar fork" anomaly — a source repository or builder that no
/// previous version of the package used.
enum ContinuityEvaluator {
    static func evaluate(_ rule: ContinuityRule, in context: RuleContext) -> Finding {
        var watched: [String] = []
        if rule.repository { watched.append("source repository") }
        if rule.builder { watched.append("builder") }
        let expected = "the same \(watched.joined(separator: " and ")) as previous versions"
        guard let facts = context.evidence.build else {
            return ProvenanceEvaluator.missing(.sourceContinuity, expected: expected, in: context)
        }
        guard let history = context.evidence.history else {
            return context.unavailable(.sourceContinuity, expected: expected, missing: "no inventory or ledger history is available")
        }
        let previous = history.previousBuilds
        guard !previous.isEmpty else {
            return Finding(rule: .sourceContinuity, result: .pass, reason: "first version seen; nothing to compare",
                           expected: expected, actual: "no previous versions")
        }
        var anomalies: [String] = []
        let versions = Format.list(previous.compactMap(\.version))
        if rule.repository {
            let known = Array(Set(previous.compactMap(\.sourceRepository))).sorted()
            if !known.isEmpty, !known.contains(facts.sourceRepository ?? "") {
                anomalies.append("source repository \(facts.sourceRepository ?? "(none)") differs from \(known.joined(separator: ", "))")
            }
        }
        if rule.builder {
            let known = Array(Set(previous.compactMap(\.builderID))).sorted()
            if !known.isEmpty, !known.contains(facts.builderID ?? "") {
                anomalies.append("builder \(facts.builderID ?? "(none)") differs from \(known.joined(separator: ", "))")
            }
        }
        let evidence = previous.map {
            "\($0.version ?? "?"): \($0.sourceRepository ?? "?") built by \($0.builderID ?? "?")"
        }
        let actual = anomalies.isEmpty
            ? "matches \(previous.count) previous \(previous.count == 1 ? "version" : "versions")"
            : "unfamiliar fork: " + anomalies.joined(separator: "; ") + (versions.isEmpty ? "" : " (previous versions \(versions))")
        return context.verdict(.sourceContinuity, action: rule.action, passed: anomalies.isEmpty,
                               reason: anomalies.isEmpty ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: evidence)
    }
}

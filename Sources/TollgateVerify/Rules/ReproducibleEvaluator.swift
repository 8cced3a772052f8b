import TollgatePolicy

/// `artifact.reproducible`: `threshold` matching rebuilds from distinct trusted rebuilders, and no
/// trusted rebuilder whose rebuild differs.
enum ReproducibleEvaluator {
    static func evaluate(_ rule: ReproducibleRule, in context: RuleContext) -> Finding {
        let rebuilds = context.evidence.rebuilds
        let expected = "\(rule.threshold) matching \(rule.threshold == 1 ? "rebuild" : "rebuilds") from distinct trusted rebuilders "
            + "(\(Format.alternatives(rule.rebuilders.names))) and no trusted rebuild that differs"
        let evidence = rebuilds.map { "\($0.source): \($0.rebuilder) rebuilt \($0.rebuilt): \($0.match ? "match" : "differs")" }
            + context.problems(.rebuild)
        var matching: [Signer] = []
        for rebuild in rebuilds where rebuild.match && !matching.contains(rebuild.rebuilder) { matching.append(rebuild.rebuilder) }
        let mismatches = rebuilds.filter { !$0.match }
        if !mismatches.isEmpty {
            let described = mismatches.map { rebuild in
                let listed = rebuild.differences.prefix(5).joined(separator: "; ")
                return "\(rebuild.rebuilder) rebuilt \(rebuild.rebuilt): \(rebuild.summary)" + (listed.isEmpty ? "" : ": \(listed)")
            }
            let actual = "\(mismatches.count) trusted \(mismatches.count == 1 ? "rebuild differs" : "rebuilds differ") (\(Format.list(described)))"
                + (matching.isEmpty ? "" : "; \(matching.count) matched")
            return context.verdict(.artifactReproducible, action: rule.action, passed: false,
                                   reason: "expected \(expected); found \(actual)", expected: expected, actual: actual, evidence: evidence)
        }
        let actual = matching.isEmpty
            ? context.missing("no matching rebuild attestation from a trusted rebuilder", .rebuild)
            : "\(matching.count) matching from \(Format.list(matching.map(\.description)))"
        let passed = matching.count >= rule.threshold
        return context.verdict(.artifactReproducible, action: rule.action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actual)", expected: expected,
                               actual: actual, evidence: evidence)
    }
}

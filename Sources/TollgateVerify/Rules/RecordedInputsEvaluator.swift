import TollgatePolicy

/// `build.recordedInputs: true`: the trusted provenance records what a rebuild needs, at least the
/// toolchain versions and the lockfile digests (`internalParameters.recordedInputs`).
enum RecordedInputsEvaluator {
    static func evaluate(_ rule: BuildRules, in context: RuleContext) -> Finding {
        let expected = "trusted provenance recording toolchain versions and lockfile digests"
        guard let provenance = context.evidence.provenance else {
            let actual = context.missing("no trusted provenance", .provenance)
            return context.verdict(.buildRecordedInputs, action: rule.action, passed: false,
                                   reason: "expected \(expected); found \(actual)", expected: expected, actual: actual,
                                   evidence: context.problems(.provenance))
        }
        let recorded = provenance.recordedInputs
        var lacking: [String] = []
        if recorded?.toolchains.isEmpty ?? true { lacking.append("toolchain versions") }
        if recorded?.lockfiles.isEmpty ?? true { lacking.append("lockfile digests") }
        let actual: String
        if let recorded, lacking.isEmpty {
            let tools = recorded.toolchains.keys.sorted().map { "\($0) \(recorded.toolchains[$0]!)" }
            actual = "\(Format.list(tools)); \(recorded.lockfiles.count) \(recorded.lockfiles.count == 1 ? "lockfile" : "lockfiles")"
        } else {
            actual = "\(provenance.source) does not record \(lacking.joined(separator: " or "))"
        }
        return context.verdict(.buildRecordedInputs, action: rule.action, passed: lacking.isEmpty,
                               reason: lacking.isEmpty ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: [provenance.source])
    }
}

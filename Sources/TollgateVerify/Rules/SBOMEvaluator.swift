import TollgatePolicy

/// `artifact.sbom`: an SBOM from a trusted SBOM signer, listing at least `minComponents` components.
enum SBOMEvaluator {
    static func evaluate(_ rule: SBOMRule, in context: RuleContext) -> Finding {
        let signers = context.policy.signers(for: .sbom)
        let expected = "an SBOM attested by \(Format.alternatives(signers.names)) with at least \(rule.minComponents) components"
        guard let sbom = context.evidence.sbom else {
            if !rule.required {
                return context.skipped(.artifactSBOM, reason: "no trusted SBOM; not required", expected: expected, actual: "no trusted SBOM")
            }
            let actual = context.missing("no trusted SBOM", .sbom)
            return context.verdict(.artifactSBOM, action: rule.action, passed: false,
                                   reason: "expected \(expected); found \(actual)", expected: expected,
                                   actual: actual, evidence: context.problems(.sbom))
        }
        let actual = "\(sbom.format) SBOM with \(sbom.components.count) components (\(sbom.origin))"
        let passed = sbom.components.count >= rule.minComponents
        return context.verdict(.artifactSBOM, action: rule.action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: ["\(sbom.source): \(sbom.digest)"])
    }
}

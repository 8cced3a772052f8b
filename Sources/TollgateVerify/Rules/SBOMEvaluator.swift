import TollgatePolicy

/// `artifact.sbom`: an SBOM is present and, when required, attested.
enum SBOMEvaluator {
    static func evaluate(_ rule: SBOMRule, in context: RuleContext) -> Finding {
        let expected = rule.attested ? "an SBOM inside a verified attestation" : "an SBOM"
        guard let sbom = context.evidence.sbom else {
            if !rule.required {
                return Finding(rule: .artifactSBOM, result: .pass, reason: "no SBOM supplied; not required",
                               expected: expected, actual: "no SBOM")
            }
            return context.verdict(.artifactSBOM, action: rule.action, passed: false,
                                   reason: "expected \(expected); found no SBOM", expected: expected,
                                   actual: "no SBOM", evidence: [])
        }
        let description = "\(sbom.format) SBOM with \(sbom.components.count) components"
        let passed = !rule.attested || sbom.attested
        let actual = sbom.attested ? "attested \(description)" : "unattested \(description)"
        return context.verdict(.artifactSBOM, action: rule.action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: [sbom.source])
    }
}

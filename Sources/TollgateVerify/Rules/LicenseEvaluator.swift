import TollgatePolicy

/// `artifact.licenses`: every component's SPDX expression satisfiable with allowed, non-denied licenses.
enum LicenseEvaluator {
    static func evaluate(_ rule: LicenseRule, in context: RuleContext) -> Finding {
        var parts: [String] = []
        if !rule.allow.isEmpty { parts.append("only [\(rule.allow.map(\.description).joined(separator: ", "))]") }
        if !rule.deny.isEmpty { parts.append("none of [\(rule.deny.map(\.description).joined(separator: ", "))]") }
        let expected = "component licenses " + parts.joined(separator: " and ")
        guard let sbom = context.evidence.sbom else {
            return context.unavailable(.artifactLicenses, expected: expected, missing: "no SBOM was supplied")
        }
        // Many components share an expression: decide each distinct expression once.
        var memo: [String: Bool] = [:]
        var failures: [RuleItem] = []
        var unknown = 0
        for component in sbom.components {
            let label = component.label
            guard let license = component.license else {
                unknown += 1
                if !rule.allow.isEmpty, !rule.allowUnknown {
                    failures.append(RuleItem(label: label, text: "\(label) has no license information", purl: component.purl))
                }
                continue
            }
            guard let expression = component.licenseExpression else {
                failures.append(RuleItem(label: label,
                                         text: "\(label) has an unparseable license '\(license)' (\(component.licenseProblem ?? ""))",
                                         purl: component.purl))
                continue
            }
            let accepted: Bool
            if let known = memo[license] {
                accepted = known
            } else {
                accepted = expression.isSatisfied(by: rule.accepts)
                memo[license] = accepted
            }
            if !accepted {
                failures.append(RuleItem(label: label, text: "\(label) is \(license)", purl: component.purl))
            }
        }
        let passReason = "\(sbom.components.count) components acceptable" + (unknown > 0 ? " (\(unknown) without license information)" : "")
        return context.itemVerdict(.artifactLicenses, action: rule.action, failures: failures, warnings: [],
                                   passReason: passReason, expected: expected, evidence: [sbom.source])
    }
}

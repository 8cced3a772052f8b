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
        // Decide each distinct expression once (0 rejected, 1 accepted, 2 unparseable).
        var verdicts = [UInt8](repeating: 0, count: sbom.licenseTable.count)
        for (entry, position) in sbom.licenseRepresentative.enumerated() {
            if let expression = sbom.components[position].licenseExpression {
                verdicts[entry] = expression.isSatisfied(by: rule.accepts) ? 1 : 0
            } else {
                verdicts[entry] = 2
            }
        }
        let unknownFails = !rule.allow.isEmpty && !rule.allowUnknown
        var failures: [RuleItem] = []
        var unknown = 0
        for (position, entry) in sbom.licenseIndex.enumerated() {
            if entry < 0 {
                unknown += 1
                if unknownFails {
                    let label = sbom.components[position].label
                    failures.append(RuleItem(label: label, text: "\(label) has no license information",
                                             purl: sbom.components[position].purl))
                }
                continue
            }
            switch verdicts[Int(entry)] {
            case 1:
                continue
            case 2:
                let component = sbom.components[position]
                failures.append(RuleItem(label: component.label,
                                         text: "\(component.label) has an unparseable license '\(component.license ?? "")' (\(component.licenseProblem ?? ""))",
                                         purl: component.purl))
            default:
                let component = sbom.components[position]
                failures.append(RuleItem(label: component.label, text: "\(component.label) is \(component.license ?? "")",
                                         purl: component.purl))
            }
        }
        let passReason = "\(sbom.components.count) components acceptable" + (unknown > 0 ? " (\(unknown) without license information)" : "")
        return context.itemVerdict(.artifactLicenses, action: rule.action, failures: failures, warnings: [],
                                   passReason: passReason, expected: expected, evidence: ["\(sbom.source): \(sbom.format) SBOM \(sbom.digest) (\(sbom.origin))"])
    }
}

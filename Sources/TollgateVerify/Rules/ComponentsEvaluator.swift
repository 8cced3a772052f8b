import Foundation
import TollgatePolicy

/// `components.deny` and `components.allow`: the curated denylist and allowlist of package URLs.
/// At the install boundary the component is the package; at the artifact boundary it is the
/// artifact's purl and every component of its trusted SBOM. A component exception
/// (`match: { component: PURL, rules: [components.allow] }`) covers one component.
enum ComponentsEvaluator {
    /// The components the rule looks at, each with the names its patterns are matched against.
    static func components(in context: RuleContext) -> [(purl: String, names: [String])]? {
        if let install = context.evidence.install { return [(install.purl, install.policyNames)] }
        var result: [(String, [String])] = []
        if let purl = context.evidence.packageIdentity.purl { result.append((purl, names(purl))) }
        if let sbom = context.evidence.sbom {
            for purl in sbom.components.compactMap(\.purl) { result.append((purl, names(purl))) }
        } else if result.isEmpty {
            return nil
        }
        return result
    }

    /// A purl, without qualifiers, with and without its version.
    static func names(_ purl: String) -> [String] {
        var text = Substring(purl)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        var names = [String(text)]
        if let at = text.lastIndex(of: "@"), text[..<at].contains("/") { names.append(String(text[..<at])) }
        if let decoded = names.first?.removingPercentEncoding, decoded != names.first { names.append(contentsOf: Self.names(decoded)) }
        return names
    }

    static func deny(_ rules: ComponentRules, in context: RuleContext) -> Finding {
        let expected = "no component matching \(Format.list(rules.deny.map(\.pattern)))"
        guard let components = components(in: context) else {
            return context.unavailable(.componentsDeny, expected: expected, missing: "no package URL and no trusted SBOM to check")
        }
        var failures: [RuleItem] = []
        for component in components {
            if let pattern = rules.denied(component.names) {
                failures.append(RuleItem(label: component.purl, text: "\(component.purl) is denied by \(pattern.pattern)", purl: component.purl))
            }
        }
        return context.itemVerdict(.componentsDeny, action: .deny, failures: failures, warnings: [],
                                   passReason: "\(components.count) \(components.count == 1 ? "component" : "components"), none denied",
                                   expected: expected, evidence: [])
    }

    static func allow(_ rules: ComponentRules, in context: RuleContext) -> Finding {
        let expected = "only components matching \(Format.list(rules.allow.map(\.pattern)))"
        guard let components = components(in: context) else {
            return context.unavailable(.componentsAllow, expected: expected, missing: "no package URL and no trusted SBOM to check")
        }
        var failures: [RuleItem] = []
        for component in components where rules.allowed(component.names) == nil {
            failures.append(RuleItem(label: component.purl, text: "\(component.purl) is not on the allowlist", purl: component.purl))
        }
        return context.itemVerdict(.componentsAllow, action: .deny, failures: failures, warnings: [],
                                   passReason: "\(components.count) \(components.count == 1 ? "component" : "components"), all allowlisted",
                                   expected: expected, evidence: [])
    }
}

import TollgatePolicy

/// `artifact.algorithms`: signature algorithms, RSA key sizes and the artifact digest algorithm.
enum AlgorithmEvaluator {
    static func evaluate(_ rule: AlgorithmRule, in context: RuleContext) -> Finding {
        var parts: [String] = []
        if !rule.signatures.isEmpty { parts.append("signature algorithms in [\(rule.signatures.joined(separator: ", "))]") }
        if let bits = rule.minimumRSABits { parts.append("RSA keys of at least \(bits) bits") }
        if !rule.digests.isEmpty { parts.append("digest algorithm in [\(rule.digests.joined(separator: ", "))]") }
        let expected = parts.isEmpty ? "algorithms Tollgate accepts" : parts.joined(separator: ", ")
        let signatures = context.evidence.signatures + context.evidence.attestations.filter(\.trusted).map(\.signature)
        var violations: [String] = []
        for signature in signatures {
            let algorithm = signature.algorithm.lowercased()
            if !rule.signatures.isEmpty, !rule.signatures.contains(where: { algorithm == $0.lowercased() || algorithm.hasPrefix($0.lowercased() + "-") }) {
                violations.append("\(signature.source) uses \(signature.algorithm)")
            }
            if let minimum = rule.minimumRSABits, algorithm.hasPrefix("rsa") {
                if let bits = signature.keyBits {
                    if bits < minimum { violations.append("\(signature.source) uses a \(bits)-bit RSA key") }
                } else {
                    violations.append("\(signature.source) uses an RSA key of unknown size")
                }
            }
        }
        let digest = context.evidence.artifact.digest.algorithm.rawValue
        if !rule.digests.isEmpty, !rule.digests.contains(digest) {
            violations.append("artifact digest is \(digest)")
        }
        let evidence = signatures.map { "\($0.source): \($0.algorithm)\($0.keyBits.map { " \($0) bits" } ?? "")" }
            + ["artifact digest \(digest)"]
        let actual = violations.isEmpty
            ? "\(signatures.count) \(signatures.count == 1 ? "signature" : "signatures") and the \(digest) digest meet the minimums"
            : Format.list(violations)
        return context.verdict(.artifactAlgorithms, action: rule.action, passed: violations.isEmpty,
                               reason: violations.isEmpty ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: evidence)
    }
}

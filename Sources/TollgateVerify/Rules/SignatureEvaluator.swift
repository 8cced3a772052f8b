import TollgatePolicy

/// `artifact.signature`: enough distinct trusted signers among the verified signatures.
enum SignatureEvaluator {
    static func evaluate(_ rule: SignatureRule, in context: RuleContext) -> Finding {
        let signatures = context.evidence.signatures
        let signers = rule.signers
        let expected = "\(signers.threshold > 1 ? "\(signers.threshold) trusted signers" : "a verified signature") from \(Format.alternatives(signers.names))"
        let trusted = signers.trustedSigners(among: signatures)
        let unverified = context.evidence.problems.filter { $0.kind == nil || $0.kind == .artifactSignature }
            .filter { $0.code == .unverified }.map(\.description)
        let evidence = signatures.map { "\($0.source): \($0.signer) (\($0.algorithm))" } + unverified
        if !rule.required, signatures.isEmpty || signers.isEmpty {
            return context.skipped(.artifactSignature, reason: "signature not required",
                                   expected: expected, actual: signatures.isEmpty ? "no signature" : "\(signatures.count) signatures, not checked")
        }
        let actual: String
        if signatures.isEmpty {
            actual = unverified.isEmpty ? "no verified signature" : "no verified signature (\(Format.list(unverified)))"
        } else if trusted.isEmpty {
            actual = "signatures only from untrusted signers: \(Format.list(signatures.map(\.signer.description)))"
        } else {
            actual = "\(trusted.count) trusted \(trusted.count == 1 ? "signer" : "signers"): \(Format.list(trusted.map(\.description)))"
        }
        let passed = trusted.count >= signers.threshold
        let reason = passed ? actual : "expected \(expected); found \(actual)"
        return context.verdict(.artifactSignature, action: rule.action, passed: passed, reason: reason,
                               expected: expected, actual: actual, evidence: evidence)
    }
}

import TollgatePolicy

/// `artifact.signature`: enough distinct trusted signers among the verified signatures.
enum SignatureEvaluator {
    static func evaluate(_ rule: SignatureRule, in context: RuleContext) -> Finding {
        let signatures = context.evidence.signatures
        var trustedNames = rule.keys.map { "key \($0)" }
        trustedNames += rule.identities.map(\.description)
        let expected = "\(rule.threshold > 1 ? "\(rule.threshold) trusted signers" : "a verified signature") from \(Format.alternatives(trustedNames))"
        var trusted: [Signer] = []
        for signature in signatures where !trusted.contains(signature.signer) && isTrusted(signature.signer, by: rule) {
            trusted.append(signature.signer)
        }
        let evidence = signatures.map { "\($0.source): \($0.signer) (\($0.algorithm))" } + context.evidence.problems
        if !rule.required, signatures.isEmpty || (rule.keys.isEmpty && rule.identities.isEmpty) {
            return Finding(rule: .artifactSignature, result: .pass, reason: "signature not required",
                           expected: expected, actual: signatures.isEmpty ? "no signature" : "\(signatures.count) signatures, not checked",
                           evidence: evidence)
        }
        let actual: String
        if signatures.isEmpty {
            actual = context.evidence.problems.isEmpty ? "no verified signature"
                : "no verified signature (\(Format.list(context.evidence.problems)))"
        } else if trusted.isEmpty {
            actual = "signatures only from untrusted signers: \(Format.list(signatures.map(\.signer.description)))"
        } else {
            actual = "\(trusted.count) trusted \(trusted.count == 1 ? "signer" : "signers"): \(Format.list(trusted.map(\.description)))"
        }
        let passed = trusted.count >= rule.threshold
        let reason = passed ? actual : "expected \(expected); found \(actual)"
        return context.verdict(.artifactSignature, action: rule.action, passed: passed, reason: reason,
                               expected: expected, actual: actual, evidence: evidence)
    }

    static func isTrusted(_ signer: Signer, by rule: SignatureRule) -> Bool {
        switch signer {
        case .key(let id): rule.keys.contains(id)
        case .identity(let issuer, let subject): rule.identities.contains { $0.matches(issuer: issuer, subject: subject) }
        }
    }
}

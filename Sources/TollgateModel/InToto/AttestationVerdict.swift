/// The result of verifying an in-toto attestation (DSSE envelope + statement + subject).
public enum AttestationVerdict: Sendable, Hashable {
    /// Signatures met the threshold, the statement is valid, and `subject` matched the artifact.
    case verified(statement: InTotoStatement, subject: InTotoSubject, keyIDs: [String])
    /// Verification failed; the reasons say which check and what was expected vs found.
    case failed(reasons: [String])

    public var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }

    public var reasons: [String] {
        if case .failed(let reasons) = self { return reasons }
        return []
    }
}

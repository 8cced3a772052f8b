/// The result of verifying a DSSE envelope.
public enum DSSEVerdict: Sendable, Hashable {
    /// At least `threshold` distinct trusted keys signed the PAE, and the payload type matched.
    case verified(DSSEVerifiedPayload)
    /// Verification failed; each reason is a sentence (one per key or check).
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

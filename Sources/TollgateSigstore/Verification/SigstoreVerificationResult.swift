/// The verdict: a verified bundle, or the first failing step with its stable reason.
public enum SigstoreVerificationResult: Sendable {
    case verified(VerifiedBundle)
    case failed(VerificationFailure)

    public var failure: VerificationFailure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }

    public var verifiedBundle: VerifiedBundle? {
        if case .verified(let bundle) = self { return bundle }
        return nil
    }
}

import Foundation

/// Knobs for ``SigstoreVerifier``. The defaults are the Sigstore client spec's; every way to
/// weaken verification is named `…Unsafe` (DESIGN.md style rule 4).
public struct VerificationOptions: Sendable {
    /// The clock. A verified signing time later than `now() + clockSkew` is rejected.
    public var now: @Sendable () -> Date
    public var clockSkew: TimeInterval
    /// Skip the embedded-SCT check (private Fulcio deployments without CT). Unsafe.
    public var skipSCTUnsafe: Bool
    /// Remember successful signature checks of log and CA keys (the leaf certificate's chain at an
    /// instant, SCTs, SETs, checkpoint signatures) by their exact input bytes, for as long as the
    /// verifier lives, so a batch that repeats them skips the arithmetic. Each verifier made with
    /// this option gets its own cache; everything else is checked for every bundle.
    public var rememberVerifiedSignatures: Bool

    public init(now: @escaping @Sendable () -> Date = { Date() }, clockSkew: TimeInterval = 300, skipSCTUnsafe: Bool = false,
                rememberVerifiedSignatures: Bool = false) {
        self.now = now
        self.clockSkew = clockSkew
        self.skipSCTUnsafe = skipSCTUnsafe
        self.rememberVerifiedSignatures = rememberVerifiedSignatures
    }
}

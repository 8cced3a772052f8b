import Foundation

/// Knobs for ``SigstoreVerifier``. The defaults are the Sigstore client spec's; every way to
/// weaken verification is named `…Unsafe` (DESIGN.md style rule 4).
public struct VerificationOptions: Sendable {
    /// The clock. A verified signing time later than `now() + clockSkew` is rejected.
    public var now: @Sendable () -> Date
    public var clockSkew: TimeInterval
    /// Skip the embedded-SCT check (private Fulcio deployments without CT). Unsafe.
    public var skipSCTUnsafe: Bool

    public init(now: @escaping @Sendable () -> Date = { Date() }, clockSkew: TimeInterval = 300, skipSCTUnsafe: Bool = false) {
        self.now = now
        self.clockSkew = clockSkew
        self.skipSCTUnsafe = skipSCTUnsafe
    }
}

/// Who the policy trusts to vouch for one kind of evidence: public keys (by key id), keyless
/// identities, and how many distinct trusted signers are needed.
///
/// Written like `artifact.signature` wherever it appears (`artifact.provenance.signers`,
/// `artifact.sbom.signers`, `artifact.vulnerabilities.scanners`, `artifact.vulnerabilities.vexAuthors`),
/// as Sigstore policy-controller names authorities per attestation type and in-toto layouts name
/// the functionaries of each step.
public struct TrustedSigners: Sendable, Hashable {
    /// Trusted key ids (as `tollgate` prints them for a public key).
    public var keys: [String]
    /// Trusted keyless identities.
    public var identities: [IdentityRequirement]
    /// How many distinct trusted signers are needed (default 1).
    public var threshold: Int

    public init(keys: [String] = [], identities: [IdentityRequirement] = [], threshold: Int = 1) {
        self.keys = keys
        self.identities = identities
        self.threshold = threshold
    }

    /// True when nobody is trusted.
    public var isEmpty: Bool { keys.isEmpty && identities.isEmpty }

    /// The trusted signers as a reader would name them, for `expected` texts.
    public var names: [String] { keys.map { "key \($0)" } + identities.map(\.description) }
}

/// `artifact.sbom`: an SBOM must be supplied and, when `attested`, come inside a verified attestation.
public struct SBOMRule: Sendable, Hashable {
    public var required: Bool
    public var attested: Bool
    public var action: RuleAction

    public init(required: Bool = true, attested: Bool = false, action: RuleAction = .deny) {
        self.required = required
        self.attested = attested
        self.action = action
    }
}

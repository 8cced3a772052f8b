/// What a registered key may sign. The raw value is stored and printed, and is stable.
public enum KeyPurpose: String, Sendable, Codable, CaseIterable, Hashable {
    case artifactSigning = "artifact-signing"
    case ledgerCheckpoints = "ledger-checkpoints"
    case sbomSigning = "sbom-signing"
}

/// The kinds of evidence document a server accepts by upload, each verified on upload and fed to
/// the gate like the matching `tollgate verify` flag.
public enum EvidenceDocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A raw signature over the artifact (`--signature`), verified with the server's keys.
    case signature
    /// A Sigstore bundle (`--bundle`): a message signature or a DSSE attestation.
    case bundle
    /// A DSSE envelope or Sigstore bundle holding an in-toto attestation (`--attestation`).
    case attestation
    /// An SBOM document (`--sbom`): self-asserted, shown but never used by the rules.
    case sbom
    /// A signed scan attestation (`--scan`, from `tollgate scan --attest`).
    case scan
    /// A signed source audit (`--source-audit`, from `tollgate audit --attest`): about the commit the
    /// artifact's provenance names, not the artifact, so its subject is checked at decision time.
    case sourceAudit = "source-audit"
}

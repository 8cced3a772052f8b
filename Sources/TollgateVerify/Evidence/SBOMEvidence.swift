import TollgateModel

/// The artifact's SBOM from a verified attestation by a trusted SBOM signer, reduced to what the
/// rules need. An unsigned SBOM never becomes `SBOMEvidence`.
///
/// License expressions are interned when the evidence is built: `licenseTable` holds each distinct
/// expression once and `licenseIndex[i]` points component `i` at its entry (or -1), so the
/// license rule decides each distinct expression once and then walks an integer array.
public struct SBOMEvidence: Sendable, Hashable {
    /// `CycloneDX 1.5`, `SPDX 2.3`, …
    public let format: String
    public let components: [ComponentEvidence]
    /// Who vouches for it.
    public let origin: FactOrigin
    /// The SBOM's content digest (`SBOMDigest`), which a scan attestation must name.
    public let digest: Digest
    public let source: String
    /// The document the digest is of (the predicate as compact sorted-key JSON), for the inventory
    /// to store by digest; nil when the evidence was built without one (tests, fixtures).
    public package(set) var document: [UInt8]? = nil
    /// The hashes the SBOM itself gives for what it describes (CycloneDX `metadata.component.hashes`,
    /// the SPDX `DESCRIBES` package's checksums), SHA-256/384/512 only; empty when it gives none.
    public package(set) var subjectDigests: [Digest] = []
    /// Distinct license texts, in first-seen order.
    public let licenseTable: [String]
    /// For each component, its index into `licenseTable`, or -1 when it has no license.
    public let licenseIndex: [Int32]
    /// For each `licenseTable` entry, a component that carries it (its parsed expression).
    let licenseRepresentative: [Int]

    package init(format: String, components: [ComponentEvidence], origin: FactOrigin, digest: Digest, source: String) {
        self.format = format
        self.components = components
        self.origin = origin
        self.digest = digest
        self.source = source
        var table: [String] = []
        var representative: [Int] = []
        var lookup: [String: Int32] = [:]
        var index: [Int32] = []
        index.reserveCapacity(components.count)
        for (position, component) in components.enumerated() {
            guard let license = component.license else {
                index.append(-1)
                continue
            }
            if let known = lookup[license] {
                index.append(known)
            } else {
                let next = Int32(table.count)
                lookup[license] = next
                table.append(license)
                representative.append(position)
                index.append(next)
            }
        }
        licenseTable = table
        licenseIndex = index
        licenseRepresentative = representative
    }
}

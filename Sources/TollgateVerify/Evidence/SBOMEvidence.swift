/// The artifact's SBOM, reduced to what the rules need.
///
/// License expressions are interned when the evidence is built: `licenseTable` holds each distinct
/// expression once and `licenseIndex[i]` points component `i` at its entry (or -1), so the
/// license rule decides each distinct expression once and then walks an integer array.
public struct SBOMEvidence: Sendable, Hashable {
    /// `CycloneDX 1.5`, `SPDX 2.3`, …
    public var format: String
    public let components: [ComponentEvidence]
    /// True when the SBOM came inside a verified attestation.
    public var attested: Bool
    public var source: String
    /// Distinct license texts, in first-seen order.
    public let licenseTable: [String]
    /// For each component, its index into `licenseTable`, or -1 when it has no license.
    public let licenseIndex: [Int32]
    /// For each `licenseTable` entry, a component that carries it (its parsed expression).
    let licenseRepresentative: [Int]

    public init(format: String, components: [ComponentEvidence], attested: Bool, source: String) {
        self.format = format
        self.components = components
        self.attested = attested
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

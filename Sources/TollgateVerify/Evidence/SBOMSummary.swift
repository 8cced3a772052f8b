import TollgateSBOM

/// What an SBOM says about itself, for readers: format, version and how many components.
public struct SBOMSummary: Sendable, Hashable, Codable {
    public let format: String
    public let specVersion: String?
    public let components: Int
    /// The component the SBOM describes, when it names one.
    public let subject: String?

    public init(_ sbom: SBOM) {
        format = sbom.format?.rawValue ?? "unknown"
        specVersion = sbom.specVersion
        components = sbom.components.count
        subject = sbom.subject.map { [$0.name, $0.version].compactMap { $0 }.joined(separator: "@") }
    }
}

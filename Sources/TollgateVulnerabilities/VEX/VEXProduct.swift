import TollgateModel

/// What a VEX statement is about: a package (by purl) or an SBOM element (by bom-ref).
public enum VEXProduct: Sendable, Hashable {
    case purl(PackageURL)
    case reference(String)
}

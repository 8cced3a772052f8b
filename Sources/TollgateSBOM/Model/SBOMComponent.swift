import TollgateModel

/// One package (component) of an SBOM.
///
/// `version` and `purl` are optional because real SBOMs omit them; the scanner reports such a
/// component as unscannable rather than clean.
public struct SBOMComponent: Sendable, Hashable, Codable {
    /// The identifier of the component inside its SBOM (CycloneDX `bom-ref`, SPDX `SPDXID`).
    public var bomRef: String
    /// CycloneDX component type ("library", "application", "framework", "operating-system", ...).
    public var type: String
    /// The name as the ecosystem writes it (for npm including the scope, for Maven the artifactId).
    public var name: String
    /// CycloneDX `group` (Maven groupId, npm scope) when the SBOM gives one.
    public var group: String?
    /// The version as written (may be a git reference for VCS dependencies).
    public var version: String?
    /// The Package URL, normalised.
    public var purl: PackageURL?
    /// File or archive hashes.
    public var hashes: [SBOMHash]
    /// Declared or concluded licenses as SPDX expressions (unknown ids are kept as text).
    public var licenses: [String]
    /// Whether the component is needed at run time.
    public var scope: SBOMComponentScope?
    /// Where the component was found (lockfile path), for generated SBOMs.
    public var sourceFile: String?
    /// Extra name/value properties (kept sorted by name when written).
    public var properties: [SBOMProperty]

    public init(
        bomRef: String,
        type: String = "library",
        name: String,
        group: String? = nil,
        version: String? = nil,
        purl: PackageURL? = nil,
        hashes: [SBOMHash] = [],
        licenses: [String] = [],
        scope: SBOMComponentScope? = nil,
        sourceFile: String? = nil,
        properties: [SBOMProperty] = []
    ) {
        self.bomRef = bomRef
        self.type = type
        self.name = name
        self.group = group
        self.version = version
        self.purl = purl
        self.hashes = hashes
        self.licenses = licenses
        self.scope = scope
        self.sourceFile = sourceFile
        self.properties = properties
    }
}

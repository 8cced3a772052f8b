import TollgateModel

/// Shared rules for turning document fields into `SBOMComponent` values with warnings.
struct ComponentBuilder {
    var warnings: [SBOMWarning] = []
    let file: String
    private var usedRefs: Set<String> = []
    private var generated = 0

    init(file: String) {
        self.file = file
    }

    mutating func warn(_ code: String, _ message: String) {
        // Bound the number of warnings so a hostile document cannot flood the output.
        if warnings.count < 1000 {
            warnings.append(SBOMWarning(code: code, message: message, file: file))
        } else if warnings.count == 1000 {
            warnings.append(SBOMWarning(code: "sbom.too-many-warnings", message: "further warnings suppressed.", file: file))
        }
    }

    mutating func purl(_ text: String?, component: String) -> PackageURL? {
        guard let text, !text.isEmpty else { return nil }
        do {
            return try PackageURL(parsing: text)
        } catch {
            warn("sbom.invalid-purl", "component '\(component)': purl '\(text.prefix(200))' is invalid (\(error.reason)); the component cannot be matched.")
            return nil
        }
    }

    /// A unique bom-ref: the document's own, else one made from the purl or name.
    mutating func reference(_ declared: String?, purl: PackageURL?, name: String, version: String?) -> String {
        if let declared, !declared.isEmpty, usedRefs.insert(declared).inserted { return declared }
        if let declared, !declared.isEmpty {
            warn("sbom.duplicate-ref", "bom-ref '\(declared)' is used by more than one component; a new one was assigned.")
        }
        var base = purl?.description ?? (name + (version.map { "@" + $0 } ?? ""))
        if base.isEmpty { base = "component" }
        var candidate = base
        while !usedRefs.insert(candidate).inserted {
            generated += 1
            candidate = base + "#" + String(generated)
        }
        return candidate
    }

    mutating func hash(algorithm: String, value: String, component: String) -> SBOMHash? {
        guard let name = SBOMHash.cycloneDXName(algorithm) else {
            warn("sbom.unknown-hash-algorithm", "component '\(component)': hash algorithm '\(algorithm)' is not recognised; ignored.")
            return nil
        }
        let expected = SBOMHash.hexLength(name)
        let isHex = value.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
        guard isHex, expected == nil || value.utf8.count == expected else {
            warn("sbom.invalid-hash", "component '\(component)': \(name) value '\(value.prefix(140))' is not a hex digest of the right length; ignored.")
            return nil
        }
        return SBOMHash(algorithm: name, value: value)
    }
}

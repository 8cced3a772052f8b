/// What an exception applies to. At least one of `advisory`, `component`, `artifact` is set; every
/// field that is set must match.
public struct ExceptionMatch: Sendable, Hashable, Codable {
    /// An advisory id or alias (`GHSA-…`, `CVE-…`, `GO-…`), compared case-insensitively.
    public var advisory: String?
    /// A package URL; without a version it matches every version of the package.
    public var component: String?
    /// An artifact digest (`sha256:…`) or name.
    public var artifact: String?
    /// Rules the exception covers; empty means the rules its scope implies (advisory and component
    /// exceptions cover vulnerability and license rules). Artifact-scoped exceptions must list rules.
    public var rules: [RuleID]

    public init(advisory: String? = nil, component: String? = nil, artifact: String? = nil, rules: [RuleID] = []) {
        self.advisory = advisory
        self.component = component
        self.artifact = artifact
        self.rules = rules
    }

    /// True when `purl` (a component's package URL) is the exception's component: equal, or the
    /// same package when the exception names no version. Qualifiers are ignored.
    public func matches(component purl: String) -> Bool {
        guard let component else { return true }
        let candidate = Self.stripQualifiers(purl).lowercased()
        let wanted = Self.stripQualifiers(component).lowercased()
        if candidate == wanted { return true }
        if !wanted.contains("@") { return candidate.hasPrefix(wanted + "@") }
        return false
    }

    private static func stripQualifiers(_ purl: String) -> String {
        var text = Substring(purl)
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        if let question = text.firstIndex(of: "?") { text = text[..<question] }
        return String(text)
    }
}

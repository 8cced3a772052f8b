/// `components`: a curated allowlist and a denylist of package URLs, at the artifact boundary
/// (the artifact's purl and its trusted SBOM's components) and the install boundary (each package).
///
/// - a component matching `deny` always denies;
/// - when `allow` is given (allowlist mode), a component matching none of it denies;
/// - an allowlisted package installed with a pinned hash may skip `install.requireAttestations`,
///   never the `MAL-` check.
///
/// Patterns are globs over `pkg:TYPE/NAME@VERSION` (and the purl without version), with the name
/// as the ecosystem writes it (`pkg:npm/@acme/*`, `pkg:pypi/requests@2.*`).
public struct ComponentRules: Sendable, Hashable {
    public var allow: [GlobPattern]
    public var deny: [GlobPattern]

    public init(allow: [GlobPattern] = [], deny: [GlobPattern] = []) {
        self.allow = allow
        self.deny = deny
    }

    /// True when the policy lists allowed components (anything else denies).
    public var isAllowlist: Bool { !allow.isEmpty }

    /// The first deny pattern matching one of a component's names.
    public func denied(_ names: [String]) -> GlobPattern? {
        deny.first { pattern in names.contains(where: pattern.matches) }
    }

    /// The first allow pattern matching one of a component's names.
    public func allowed(_ names: [String]) -> GlobPattern? {
        allow.first { pattern in names.contains(where: pattern.matches) }
    }
}

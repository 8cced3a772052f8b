/// The version ordering an ecosystem uses, so that "is 1.2.3 below the fix?" has the ecosystem's answer.
///
/// OSV `ECOSYSTEM` ranges are ordered by the ecosystem's own rules
/// (https://ossf.github.io/osv-schema/#affectedrangestype-field); `SEMVER` ranges always use SemVer 2.0.0.
public enum VersionScheme: String, Sendable, CaseIterable, Codable {
    case pep440
    case semver
    case maven
    case nuget
    case rubygems
    case packagist
    case debian
    case rpm
    case alpine

    /// The scheme for an OSV ecosystem name (`PyPI`, `Debian:12`, `Red Hat`...), or nil when unsupported.
    public init?(ecosystem: String) {
        let base = ecosystem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ecosystem
        switch base {
        case "PyPI": self = .pep440
        case "npm", "crates.io", "Go", "Hex", "Pub", "Bitnami", "SwiftURL", "GitHub Actions": self = .semver
        case "Maven": self = .maven
        case "NuGet": self = .nuget
        case "RubyGems": self = .rubygems
        case "Packagist": self = .packagist
        case "Debian", "Ubuntu": self = .debian
        case "Red Hat", "Rocky Linux", "AlmaLinux", "openSUSE", "SUSE", "Mageia", "openEuler": self = .rpm
        case "Alpine", "Wolfi", "Chainguard", "Alpaquita", "BellSoft Hardened Containers": self = .alpine
        default: return nil
        }
    }

    /// Compares two version strings: negative, zero or positive as `a` is below, equal to or above `b`.
    public func compare(_ a: String, _ b: String) -> Int {
        parse(a).compare(to: parse(b))
    }

    /// Parses a version once, for repeated comparisons against many range events.
    public func parse(_ version: String) -> ParsedVersion {
        ParsedVersion(storage: parseStorage(version))
    }

    private func parseStorage(_ version: String) -> ParsedVersion.Storage {
        switch self {
        case .pep440: .pep440(PEP440Version(version))
        case .semver: .semver(SemanticVersion(version))
        case .maven: .maven(MavenVersion(version))
        case .nuget: .nuget(NuGetVersion(version))
        case .rubygems: .rubygems(RubyGemsVersion(version))
        case .packagist: .packagist(PackagistVersion(version))
        case .debian: .debian(DebianVersion(version))
        case .rpm: .rpm(RPMVersion(version))
        case .alpine: .alpine(AlpineVersion(version))
        }
    }
}

/// A version parsed under one `VersionScheme`. Versions of different schemes never compare equal.
public struct ParsedVersion: Sendable {
    enum Storage: Sendable {
    case pep440(PEP440Version)
    case semver(SemanticVersion)
    case maven(MavenVersion)
    case nuget(NuGetVersion)
    case rubygems(RubyGemsVersion)
    case packagist(PackagistVersion)
    case debian(DebianVersion)
    case rpm(RPMVersion)
    case alpine(AlpineVersion)
    }

    let storage: Storage

    /// Negative, zero or positive as `self` is below, equal to or above `other` (same scheme required).
    public func compare(to other: ParsedVersion) -> Int {
        switch (storage, other.storage) {
        case let (.pep440(a), .pep440(b)): PEP440Version.compare(a, b)
        case let (.semver(a), .semver(b)): SemanticVersion.compare(a, b)
        case let (.maven(a), .maven(b)): MavenVersion.compare(a, b)
        case let (.nuget(a), .nuget(b)): NuGetVersion.compare(a, b)
        case let (.rubygems(a), .rubygems(b)): RubyGemsVersion.compare(a, b)
        case let (.packagist(a), .packagist(b)): PackagistVersion.compare(a, b)
        case let (.debian(a), .debian(b)): DebianVersion.compare(a, b)
        case let (.rpm(a), .rpm(b)): RPMVersion.compare(a, b)
        case let (.alpine(a), .alpine(b)): AlpineVersion.compare(a, b)
        default: 0
        }
    }
}

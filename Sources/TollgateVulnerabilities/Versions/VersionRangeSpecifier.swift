import TollgateModel

/// A purl-spec version range specifier (`vers`): `vers:<versioning-scheme>/<constraint>|<constraint>|…`,
/// such as `vers:npm/>=3.3.6|<3.3.7` or `vers:pypi/1.26.4`.
///
/// Parsing, validation and containment follow VERSION-RANGE-SPEC.md of package-url/vers-spec
/// ("Parsing and validating version range specifiers", "Normalized, canonical representation and
/// validation", "Checking if a version is contained within a range"). Versions are ordered with the
/// ecosystem's own rules (`VersionScheme`): PEP 440 for `pypi`, SemVer for `npm`, Debian for `deb`, ….
public struct VersionRangeSpecifier: Sendable, Hashable, CustomStringConvertible {
    /// A constraint's comparator. A constraint without one is `equal`.
    public enum Comparator: String, Sendable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        var isLesser: Bool { self == .less || self == .lessOrEqual }
        var isGreater: Bool { self == .greater || self == .greaterOrEqual }
        /// `=`, `<=` and `>=` hold for the constraint's own version.
        var includesEqual: Bool { self == .equal || self == .lessOrEqual || self == .greaterOrEqual }
    }

    /// One `<comparator><version>` of the list.
    public struct Constraint: Sendable, Hashable, CustomStringConvertible {
        public let comparator: Comparator
        public let version: String

        public var description: String {
            (comparator == .equal ? "" : comparator.rawValue) + VersionRangeSpecifier.quote(version)
        }
    }

    /// The longest specifier accepted.
    public static let maximumLength = 4096
    /// The most constraints accepted in one specifier.
    public static let maximumConstraints = 256

    /// The versioning scheme, lowercase (by convention the purl type: `npm`, `pypi`, `deb`, …).
    public let scheme: String
    /// The constraints, sorted by version (when the scheme has an ordering); empty for `*`.
    public let constraints: [Constraint]
    /// `vers:<scheme>/*`: every version.
    public let isStar: Bool
    /// The ordering of `scheme`, or nil when Tollgate knows none (then only `=` and `!=` can be used,
    /// compared as exact strings, as the spec allows for most schemes).
    public let ordering: VersionScheme?

    /// Parses a specifier. `defaultScheme` lets a bare constraint list (`>=3.3.6|<3.3.7`, `=3.3.6`)
    /// stand for `vers:<defaultScheme>/…`; a full `vers:` specifier must name the same scheme when
    /// both are given (versions of different schemes must not be compared).
    public init(parsing text: String, defaultScheme: String? = nil) throws(VulnerabilityError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw Self.invalid("a version range is at most \(Self.maximumLength) bytes; found \(text.utf8.count)")
        }
        guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 }) else {
            throw Self.invalid("a version range contains only printable ASCII; found another character in '\(Self.clip(text))'")
        }
        // "Remove all spaces and tabs."
        let compact = String(text.filter { $0 != " " && $0 != "\t" })
        let scheme: String
        let specifier: Substring
        if compact.lowercased().hasPrefix("vers:") {
            // "The left hand side is the URI-scheme that must be lowercase."
            guard compact.hasPrefix("vers:") else { throw Self.invalid("the URI scheme must be lowercase 'vers:'; found '\(Self.clip(text))'") }
            let rest = compact.dropFirst(5)
            guard let slash = rest.firstIndex(of: "/") else {
                throw Self.invalid("expected vers:<versioning-scheme>/<constraints>; found no '/' in '\(Self.clip(text))'")
            }
            scheme = String(rest[..<slash])
            guard !scheme.isEmpty, scheme == scheme.lowercased(),
                  scheme.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B }) else {
                throw Self.invalid("the versioning scheme must be lowercase letters, digits, '.', '-' or '+'; found '\(Self.clip(String(rest[..<slash])))'")
            }
            if let defaultScheme, Self.orderingName(scheme) != Self.orderingName(defaultScheme) {
                throw Self.invalid("the range's versioning scheme '\(scheme)' is not the package's ('\(defaultScheme)'); versions of different schemes cannot be compared")
            }
            specifier = rest[rest.index(after: slash)...]
        } else {
            guard let defaultScheme else {
                throw Self.invalid("expected a 'vers:<scheme>/<constraints>' range such as vers:npm/>=1.0.0|<2.0.0; found '\(Self.clip(text))'")
            }
            scheme = defaultScheme.lowercased()
            specifier = Substring(compact)
        }
        self.scheme = scheme
        ordering = Self.ordering(for: scheme)
        // "Tools must validate that this constraints string is not empty ignoring spaces."
        guard !specifier.isEmpty else { throw Self.invalid("the range '\(Self.clip(text))' has no constraints") }
        if specifier == "*" {
            isStar = true
            constraints = []
            return
        }
        isStar = false
        var parsed: [Constraint] = []
        // "Consecutive pipes must be treated as one and leading and trailing pipes ignored."
        for raw in specifier.split(separator: "|", omittingEmptySubsequences: true) {
            guard parsed.count < Self.maximumConstraints else {
                throw Self.invalid("a version range has at most \(Self.maximumConstraints) constraints")
            }
            parsed.append(try Self.constraint(raw))
        }
        guard !parsed.isEmpty else { throw Self.invalid("the range '\(Self.clip(text))' has no constraints") }
        constraints = try Self.validated(parsed, ordering: ordering, scheme: scheme)
    }

    /// True when `version` lies in the range ("Checking if a version is contained within a range").
    public func contains(_ version: String) -> Bool {
        if isStar { return true }
        guard let ordering else {
            // Only = and != (checked when parsed): exact string equality.
            if constraints.contains(where: { $0.comparator == .notEqual && $0.version == version }) { return false }
            let equals = constraints.filter { $0.comparator == .equal }
            return equals.isEmpty ? true : equals.contains { $0.version == version }
        }
        let tested = ordering.parse(version)
        func compare(_ constraint: Constraint) -> Int { tested.compare(to: ordering.parse(constraint.version)) }
        // "If the tested version is equal to any of the constraint versions where the comparator is
        // for equality (=, <=, >=) then it is in the range."
        for constraint in constraints where constraint.comparator.includesEqual && compare(constraint) == 0 { return true }
        // "… equal to any constraint version where the comparator is != then it is NOT in the range."
        for constraint in constraints where constraint.comparator == .notEqual && compare(constraint) == 0 { return false }
        let ranges = constraints.filter { $0.comparator != .equal && $0.comparator != .notEqual }
        if ranges.isEmpty {
            // Only `!=` constraints (and equalities that did not match): everything else is in when
            // there is no `=`, nothing when there is.
            return !constraints.contains { $0.comparator == .equal }
        }
        if ranges.count == 1 {
            let only = ranges[0]
            let c = compare(only)
            return only.comparator.isLesser ? c < 0 : c > 0
        }
        for index in 0..<(ranges.count - 1) {
            let current = ranges[index], next = ranges[index + 1]
            // "If this is the first iteration and current comparator is < or <= and the tested
            // version is less than the current version then it is IN the range."
            if index == 0, current.comparator.isLesser, compare(current) < 0 { return true }
            // "If this is the last iteration and next comparator is > or >= and the tested version is
            // greater than the next version then it is IN the range."
            if index == ranges.count - 2, next.comparator.isGreater, compare(next) > 0 { return true }
            // "If current comparator is > or >= and next comparator is < or <= and the tested version
            // is greater than the current version and less than the next version then it is IN."
            if current.comparator.isGreater, next.comparator.isLesser, compare(current) > 0, compare(next) < 0 { return true }
        }
        return false
    }

    /// The canonical form: `vers:<scheme>/<constraints sorted by version>`.
    public var description: String {
        "vers:\(scheme)/" + (isStar ? "*" : constraints.map(\.description).joined(separator: "|"))
    }

    // MARK: - Schemes

    /// The version ordering for a versioning scheme (a purl type or a generic scheme), or nil.
    public static func ordering(for scheme: String) -> VersionScheme? {
        switch scheme.lowercased() {
        case "pypi": .pep440
        case "npm", "cargo", "golang", "hex", "pub", "swift", "bitnami", "semver", "github", "githubactions": .semver
        case "maven": .maven
        case "nuget": .nuget
        case "gem": .rubygems
        case "composer": .packagist
        case "deb": .debian
        case "rpm": .rpm
        case "apk", "alpine": .alpine
        default: nil
        }
    }

    /// The name two schemes are compared under (`alpine` and `apk` are one scheme).
    private static func orderingName(_ scheme: String) -> String {
        let lowered = scheme.lowercased()
        return lowered == "alpine" ? "apk" : lowered
    }

    // MARK: - Parsing helpers

    private static func constraint(_ raw: Substring) throws(VulnerabilityError) -> Constraint {
        // Two-character comparators first, as the spec orders the checks.
        let comparator: Comparator
        var rest = raw
        if raw.hasPrefix(">=") {
            comparator = .greaterOrEqual; rest = raw.dropFirst(2)
        } else if raw.hasPrefix("<=") {
            comparator = .lessOrEqual; rest = raw.dropFirst(2)
        } else if raw.hasPrefix("!=") {
            comparator = .notEqual; rest = raw.dropFirst(2)
        } else if raw.hasPrefix("<") {
            comparator = .less; rest = raw.dropFirst(1)
        } else if raw.hasPrefix(">") {
            comparator = .greater; rest = raw.dropFirst(1)
        } else if raw.hasPrefix("=") {
            // Tollgate also reads an explicit '=' (`=3.3.6`), the equality a bare version means.
            comparator = .equal; rest = raw.dropFirst(1)
        } else {
            comparator = .equal
        }
        guard !rest.isEmpty else { throw invalid("the constraint '\(clip(String(raw)))' has no version") }
        if rest.contains(where: { "<>=!*|".contains($0) }) {
            throw invalid("the version in '\(clip(String(raw)))' contains a comparator character; percent-encode it")
        }
        let version = try unquote(rest)
        guard !version.isEmpty else { throw invalid("the constraint '\(clip(String(raw)))' has no version") }
        return Constraint(comparator: comparator, version: version)
    }

    /// Sorts by version and applies the spec's validation rules: unique versions, and comparators of
    /// contiguous constraints that alternate (ignoring `!=`, and `=` for the lesser/greater rule).
    private static func validated(_ parsed: [Constraint], ordering: VersionScheme?, scheme: String) throws(VulnerabilityError) -> [Constraint] {
        guard let ordering else {
            if let ranged = parsed.first(where: { $0.comparator != .equal && $0.comparator != .notEqual }) {
                throw invalid("Tollgate knows no version ordering for the versioning scheme '\(scheme)', so '\(ranged)' cannot be evaluated; use = or != only, or a scheme such as npm, pypi, maven, golang, deb")
            }
            var seen: Set<String> = []
            for constraint in parsed where !seen.insert(constraint.version).inserted {
                throw invalid("the version \(constraint.version) occurs more than once in the range")
            }
            return parsed
        }
        let versions = parsed.map { ordering.parse($0.version) }
        let order = parsed.indices.sorted { versions[$0].compare(to: versions[$1]) < 0 }
        for (a, b) in zip(order, order.dropFirst()) where versions[a].compare(to: versions[b]) == 0 {
            throw invalid("the version \(parsed[b].version) occurs more than once in the range (as \(parsed[a]) and \(parsed[b]))")
        }
        let sorted = order.map { parsed[$0] }
        // "Ignoring all constraints with != comparators: a = constraint must be followed only by =, > or >=."
        let withoutUnequal = sorted.filter { $0.comparator != .notEqual }
        for (current, next) in zip(withoutUnequal, withoutUnequal.dropFirst())
        where current.comparator == .equal && next.comparator.isLesser {
            throw invalid("'\(current)' is followed by '\(next)': a range with = must not be followed by < or <=")
        }
        // "Ignoring = and !=, the comparators must alternate between greater and lesser."
        let ranges = withoutUnequal.filter { $0.comparator != .equal }
        for (current, next) in zip(ranges, ranges.dropFirst()) where current.comparator.isLesser == next.comparator.isLesser {
            throw invalid("'\(current)' is followed by '\(next)': constraints sorted by version must alternate between > or >= and < or <=")
        }
        return sorted
    }

    /// Percent-decodes a version ("If the version contains a percent character, apply URL quoting
    /// rules to unquote this string"), as a purl's components are.
    private static func unquote(_ text: Substring) throws(VulnerabilityError) -> String {
        do {
            return try PackageURL.percentDecode(text, component: "version")
        } catch {
            throw invalid("'\(clip(String(text)))' has a malformed percent-encoding")
        }
    }

    /// Percent-encodes the characters a version must not carry unencoded.
    static func quote(_ version: String) -> String {
        var out = ""
        for character in version {
            if "<>=!*|%".contains(character) {
                for byte in String(character).utf8 { out += "%" + String(byte, radix: 16, uppercase: true) }
            } else {
                out.append(character)
            }
        }
        return out
    }

    private static func invalid(_ message: String) -> VulnerabilityError {
        VulnerabilityError(.invalidVersionRange, message)
    }

    private static func clip(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}

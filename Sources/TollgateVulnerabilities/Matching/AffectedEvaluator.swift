import Foundation

/// Decides whether one version is affected by one OSV `affected[]` entry.
///
/// Implements the evaluation in https://ossf.github.io/osv-schema/#evaluation: events of a `SEMVER` or
/// `ECOSYSTEM` range are sorted by version, `introduced` opens, `fixed` and `limit` close at their version,
/// `last_affected` closes after its version; several ranges and the explicit `versions` list are unioned.
/// `GIT` ranges are commit-based and cannot be evaluated against a package version, so they are skipped.
public struct AffectedEvaluator: Sendable {
    /// The ecosystem's version ordering, or nil when the ecosystem is unsupported (only `versions` apply).
    public let scheme: VersionScheme?

    public init(ecosystem: String) {
        scheme = VersionScheme(ecosystem: ecosystem)
    }

    /// Evaluates `version` against the entry's ranges, explicit versions and GHSA's last-known bound.
    public func evaluate(version: String, ranges: [OSVRange], versions: [String],
                        lastKnownAffected: String?) -> AffectedMatch? {
        let inList = versions.contains(version)
        var inRange = false
        var open = false
        var fixed: [String] = []
        var parsedSelf: [VersionScheme: ParsedVersion] = [:]
        for range in ranges {
            let rangeScheme: VersionScheme
            switch range.type {
            case "SEMVER": rangeScheme = .semver
            case "ECOSYSTEM":
                guard let scheme else { continue }
                rangeScheme = scheme
            default: continue
            }
            let v: ParsedVersion
            if let cached = parsedSelf[rangeScheme] {
                v = cached
            } else {
                v = rangeScheme.parse(version)
                parsedSelf[rangeScheme] = v
            }
            guard let outcome = Self.evaluate(v, range.events, rangeScheme) else { continue }
            inRange = true
            if outcome.open { open = true }
            fixed += outcome.fixedAbove
        }
        guard inRange || inList else { return nil }
        var confirmed = true
        if inRange, open, !inList, let bound = lastKnownAffected, let scheme {
            confirmed = Self.satisfies(version, bound: bound, scheme: scheme)
        }
        let via: AffectedMatch.Via = inRange && inList ? .rangeAndVersions : (inRange ? .range : .versions)
        var seen = Set<String>()
        return AffectedMatch(via: via, confirmed: confirmed, fixedVersions: fixed.filter { seen.insert($0).inserted })
    }

    private struct Outcome {
        let open: Bool
        let fixedAbove: [String]
    }

    /// Returns nil when not affected; otherwise whether no upper bound lies above the version.
    private static func evaluate(_ v: ParsedVersion, _ events: [OSVEvent], _ scheme: VersionScheme) -> Outcome? {
        guard !events.isEmpty else { return nil }
        // Sort by version; "introduced: 0" is below everything.
        let parsed: [(event: OSVEvent, version: ParsedVersion?)] = events.map { event in
            if case .introduced("0") = event { return (event, nil) }
            return (event, scheme.parse(event.version))
        }
        let order = parsed.indices.sorted { i, j in
            switch (parsed[i].version, parsed[j].version) {
            case (nil, nil): return i < j
            case (nil, _): return true
            case (_, nil): return false
            case let (a?, b?):
                let c = a.compare(to: b)
                return c == 0 ? i < j : c < 0
            }
        }
        var affected = false
        for index in order {
            let (event, ev) = parsed[index]
            switch event {
            case .introduced:
                if let ev {
                    if v.compare(to: ev) >= 0 { affected = true }
                } else {
                    affected = true
                }
            case .fixed, .limit:
                if let ev, v.compare(to: ev) >= 0 { affected = false }
            case .lastAffected:
                if let ev, v.compare(to: ev) > 0 { affected = false }
            }
        }
        guard affected else { return nil }
        var open = true
        var fixedAbove: [String] = []
        for (event, ev) in parsed {
            guard let ev else { continue }
            switch event {
            case let .fixed(value):
                if v.compare(to: ev) < 0 { open = false; fixedAbove.append(value) }
            case .limit:
                if v.compare(to: ev) < 0 { open = false }
            case .lastAffected:
                if v.compare(to: ev) <= 0 { open = false }
            case .introduced:
                break
            }
        }
        return Outcome(open: open, fixedAbove: fixedAbove)
    }

    /// Whether `version` satisfies a GHSA bound such as `<= 1.2.3` or `< 1.2.3`. An unparseable bound is
    /// treated as satisfied, so that the finding stays a plain one (fail closed).
    static func satisfies(_ version: String, bound: String, scheme: VersionScheme) -> Bool {
        let trimmed = bound.trimmingCharacters(in: .whitespaces)
        let inclusive: Bool
        let limit: Substring
        if trimmed.hasPrefix("<=") {
            inclusive = true
            limit = trimmed.dropFirst(2)
        } else if trimmed.hasPrefix("<") {
            inclusive = false
            limit = trimmed.dropFirst(1)
        } else {
            return true
        }
        let c = scheme.compare(version, limit.trimmingCharacters(in: .whitespaces))
        return inclusive ? c <= 0 : c < 0
    }
}

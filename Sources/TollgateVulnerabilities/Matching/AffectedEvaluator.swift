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

    /// A range with its event versions parsed and sorted once, for evaluating many component versions.
    public struct PreparedRange: Sendable {
        let scheme: VersionScheme
        /// Events in evaluation order; a nil version is `introduced: 0`.
        let events: [(event: OSVEvent, version: ParsedVersion?)]
    }

    /// Parses and sorts the evaluable ranges (`SEMVER`, and `ECOSYSTEM` when the ecosystem is supported).
    public func prepare(_ ranges: [OSVRange]) -> [PreparedRange] {
        ranges.compactMap { range in
            let rangeScheme: VersionScheme
            switch range.type {
            case "SEMVER": rangeScheme = .semver
            case "ECOSYSTEM":
                guard let scheme else { return nil }
                rangeScheme = scheme
            default: return nil
            }
            guard !range.events.isEmpty else { return nil }
            let parsed: [(event: OSVEvent, version: ParsedVersion?)] = range.events.map { event in
                if case .introduced("0") = event { return (event, nil) }
                return (event, rangeScheme.parse(event.version))
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
            return PreparedRange(scheme: rangeScheme, events: order.map { parsed[$0] })
        }
    }

    /// Evaluates `version` against the entry's ranges, explicit versions and GHSA's last-known bound.
    public func evaluate(version: String, ranges: [OSVRange], versions: [String],
                         lastKnownAffected: String?) -> AffectedMatch? {
        evaluate(version: version, prepared: prepare(ranges), versions: Set(versions), lastKnownAffected: lastKnownAffected)
    }

    /// Evaluates `version` against prepared ranges (see `prepare(_:)`).
    public func evaluate(version: String, prepared: [PreparedRange], versions: Set<String>,
                         lastKnownAffected: String?) -> AffectedMatch? {
        var cache = ParsedVersionCache(version)
        return evaluate(&cache, prepared: prepared, versions: versions, lastKnownAffected: lastKnownAffected)
    }

    /// A component version parsed at most once per scheme, shared by every row evaluated for it.
    public struct ParsedVersionCache: Sendable {
        public let version: String
        var parsed: [VersionScheme: ParsedVersion] = [:]

        public init(_ version: String) { self.version = version }

        mutating func get(_ scheme: VersionScheme) -> ParsedVersion {
            if let hit = parsed[scheme] { return hit }
            let value = scheme.parse(version)
            parsed[scheme] = value
            return value
        }
    }

    /// Evaluates the cached component version against prepared ranges.
    public func evaluate(_ cache: inout ParsedVersionCache, prepared: [PreparedRange], versions: Set<String>,
                         lastKnownAffected: String?) -> AffectedMatch? {
        let version = cache.version
        let inList = versions.contains(version)
        var inRange = false
        var open = false
        var fixed: [String] = []
        for range in prepared {
            let v = cache.get(range.scheme)
            guard let outcome = Self.evaluate(v, range.events) else { continue }
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
    private static func evaluate(_ v: ParsedVersion, _ events: [(event: OSVEvent, version: ParsedVersion?)]) -> Outcome? {
        var affected = false
        var comparisons: [Int] = []
        comparisons.reserveCapacity(events.count)
        for (event, ev) in events {
            let c = ev.map { v.compare(to: $0) } ?? 1
            comparisons.append(c)
            switch event {
            case .introduced:
                if c >= 0 { affected = true }
            case .fixed, .limit:
                if ev != nil, c >= 0 { affected = false }
            case .lastAffected:
                if ev != nil, c > 0 { affected = false }
            }
        }
        guard affected else { return nil }
        var open = true
        var fixedAbove: [String] = []
        for (index, (event, ev)) in events.enumerated() where ev != nil {
            let c = comparisons[index]
            switch event {
            case let .fixed(value):
                if c < 0 { open = false; fixedAbove.append(value) }
            case .limit:
                if c < 0 { open = false }
            case .lastAffected:
                if c <= 0 { open = false }
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

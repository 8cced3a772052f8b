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

    /// One range event with its version parsed once.
    struct PreparedEvent: Sendable {
        enum Kind: UInt8, Sendable { case introduced, fixed, lastAffected, limit }
        let kind: Kind
        /// True for `introduced: 0`, which lies below every version (`version` is then unused).
        let isZero: Bool
        /// The event's version string as the advisory gives it.
        let value: String
        /// Parsed under the range's scheme (for evaluation).
        let version: ParsedVersion
        /// Parsed under the ecosystem's scheme (for ordering fixed versions in a report); nil when the
        /// ecosystem has none.
        let ecosystemVersion: ParsedVersion?
    }

    /// A fixed version above the evaluated one, with its ecosystem-order form.
    struct FixedVersion: Sendable {
        let value: String
        let version: ParsedVersion?
    }

    /// A match as the scanner keeps it: like `AffectedMatch`, with fixed versions already parsed.
    struct RowMatch: Sendable {
        var via: AffectedMatch.Via
        var confirmed: Bool
        /// De-duplicated by value, in range order.
        var fixed: [FixedVersion]

        var publicMatch: AffectedMatch {
            AffectedMatch(via: via, confirmed: confirmed, fixedVersions: fixed.map(\.value))
        }
    }

    /// A range with its event versions parsed and sorted once, for evaluating many component versions.
    public struct PreparedRange: Sendable {
        let scheme: VersionScheme
        /// Events in evaluation order (ascending version; `introduced: 0` first).
        let events: [PreparedEvent]
    }

    /// GHSA's `last_known_affected_version_range` (`<= 1.2.3` or `< 1.2.3`), parsed once.
    struct LastKnownBound: Sendable {
        let inclusive: Bool
        let version: ParsedVersion

        /// Nil when the bound has neither `<` nor `<=`: such a bound is treated as satisfied, so that a
        /// finding stays a plain one (fail closed).
        init?(_ bound: String, scheme: VersionScheme) {
            let trimmed = bound.trimmingCharacters(in: .whitespaces)
            let limit: Substring
            if trimmed.hasPrefix("<=") {
                inclusive = true
                limit = trimmed.dropFirst(2)
            } else if trimmed.hasPrefix("<") {
                inclusive = false
                limit = trimmed.dropFirst(1)
            } else {
                return nil
            }
            version = scheme.parse(limit.trimmingCharacters(in: .whitespaces))
        }

        func isSatisfied(by v: ParsedVersion) -> Bool {
            let c = v.compare(to: version)
            return inclusive ? c <= 0 : c < 0
        }
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
            let parsed: [PreparedEvent] = range.events.map { event in
                let kind: PreparedEvent.Kind = switch event {
                case .introduced: .introduced
                case .fixed: .fixed
                case .lastAffected: .lastAffected
                case .limit: .limit
                }
                let isZero: Bool = if case .introduced("0") = event { true } else { false }
                let version = rangeScheme.parse(event.version)
                let ecosystemVersion = scheme.map { $0 == rangeScheme ? version : $0.parse(event.version) }
                return PreparedEvent(kind: kind, isZero: isZero, value: event.version, version: version,
                                     ecosystemVersion: ecosystemVersion)
            }
            let order = parsed.indices.sorted { i, j in
                switch (parsed[i].isZero, parsed[j].isZero) {
                case (true, true): return i < j
                case (true, false): return true
                case (false, true): return false
                case (false, false):
                    let c = parsed[i].version.compare(to: parsed[j].version)
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
        let bound = scheme.flatMap { scheme in lastKnownAffected.flatMap { LastKnownBound($0, scheme: scheme) } }
        return evaluate(&cache, prepared: prepared, listed: versions.contains(version), bound: bound)?.publicMatch
    }

    /// A component version parsed at most once per scheme, shared by every row evaluated for it. A
    /// component meets at most two schemes in practice (its ecosystem's and SemVer), so two slots avoid
    /// hashing on every lookup.
    public struct ParsedVersionCache: Sendable {
        public let version: String
        private var first: (VersionScheme, ParsedVersion)?
        private var second: (VersionScheme, ParsedVersion)?
        private var more: [VersionScheme: ParsedVersion] = [:]

        public init(_ version: String) { self.version = version }

        mutating func get(_ scheme: VersionScheme) -> ParsedVersion {
            if let first, first.0 == scheme { return first.1 }
            if let second, second.0 == scheme { return second.1 }
            if let hit = more[scheme] { return hit }
            let value = scheme.parse(version)
            if first == nil {
                first = (scheme, value)
            } else if second == nil {
                second = (scheme, value)
            } else {
                more[scheme] = value
            }
            return value
        }
    }

    /// Evaluates the cached component version against prepared ranges. `listed` says whether the
    /// entry's explicit `versions` list names the version; `bound` is GHSA's last-known bound.
    func evaluate(_ cache: inout ParsedVersionCache, prepared: [PreparedRange], listed inList: Bool,
                  bound: LastKnownBound?) -> RowMatch? {
        var inRange = false
        var open = false
        var fixed: [FixedVersion] = []
        for range in prepared {
            let v = cache.get(range.scheme)
            let start = fixed.count
            guard let rangeOpen = Self.evaluate(v, range.events, fixedAbove: &fixed) else {
                fixed.removeSubrange(start...)
                continue
            }
            inRange = true
            if rangeOpen { open = true }
        }
        guard inRange || inList else { return nil }
        var confirmed = true
        if inRange, open, !inList, let bound, let scheme {
            confirmed = bound.isSatisfied(by: cache.get(scheme))
        }
        return RowMatch(via: AffectedMatch.Via(ranged: inRange, listed: inList), confirmed: confirmed,
                        fixed: Self.deduplicated(fixed))
    }

    /// Order-preserving de-duplication (by value) of a short list.
    static func deduplicated(_ values: [FixedVersion]) -> [FixedVersion] {
        guard values.count > 1 else { return values }
        var out: [FixedVersion] = []
        out.reserveCapacity(values.count)
        for value in values where !out.contains(where: { $0.value == value.value }) { out.append(value) }
        return out
    }

    /// Returns nil when not affected; otherwise whether no upper bound lies above the version. The
    /// `fixed` versions above `v` are appended to `fixedAbove` (the caller drops them when nil).
    private static func evaluate(_ v: ParsedVersion, _ events: [PreparedEvent], fixedAbove: inout [FixedVersion]) -> Bool? {
        var affected = false
        var open = true
        // By index, so that events and their parsed versions are borrowed, not copied.
        for i in events.indices {
            if events[i].isZero {
                affected = true
                continue
            }
            let c = v.compare(to: events[i].version)
            switch events[i].kind {
            case .introduced:
                if c >= 0 { affected = true }
            case .fixed:
                if c >= 0 {
                    affected = false
                } else {
                    open = false
                    fixedAbove.append(FixedVersion(value: events[i].value, version: events[i].ecosystemVersion))
                }
            case .limit:
                if c >= 0 { affected = false } else { open = false }
            case .lastAffected:
                if c > 0 { affected = false } else { open = false }
            }
        }
        return affected ? open : nil
    }
}

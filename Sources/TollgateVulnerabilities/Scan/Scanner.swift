import Foundation
import TollgateModel
import TollgateSBOM
import TollgateStore

/// Matches SBOM components against the local advisory database. It never calls a network API.
///
/// For each component: purl → (ecosystem, normalised name) → stored `affected[]` entries → range evaluation
/// in the ecosystem's version order (`AffectedEvaluator`). Matches on one component are grouped by alias
/// (one CVE seen as PYSEC and GHSA is one finding), the latest matching VEX statement decides whether a
/// finding is suppressed (`VEXResolver`), and components without purl or version are listed as unscannable,
/// never as clean.
public struct Scanner: Sendable {
    public let store: any AdvisoryStore
    /// Prepared advisory rows kept across scans for the same database revision (a warm scanner).
    private let cache = ScanIndexCache()

    public init(store: any AdvisoryStore) {
        self.store = store
    }

    /// Scans `sbom`, applying `vex` statements (in input order: on equal timestamps the later one wins);
    /// `source` names the input in the report. `unscannable` adds entries found before the SBOM existed (an
    /// unpinned lockfile line), so they are reported, not lost.
    public func scan(_ sbom: SBOM, vex: [VEXStatement] = [], source: String? = nil,
                     warnings: [String] = [], unscannable extra: [UnscannableComponent] = []) async throws -> ScanReport {
        // Classifying (purl text, index key) is per component, so large SBOMs do it in parallel chunks.
        let components = sbom.components
        let classified = await Self.inChunks(components.count) { chunk in
            var targets: [Target] = []
            var unscannable: [UnscannableComponent] = []
            targets.reserveCapacity(chunk.count)
            for component in components[chunk] {
                switch Self.classify(component) {
                case .target(let target): targets.append(target)
                case .unscannable(let entry): unscannable.append(entry)
                }
            }
            return (targets: targets, unscannable: unscannable)
        }
        let targets = classified.flatMap(\.targets)
        var unscannable: [UnscannableComponent] = extra + classified.flatMap(\.unscannable)

        let revision = try await store.revision()
        let byKey = try await cache.packages(Set(targets.map(\.key)), store: store, revision: revision)

        // Findings come out sorted by (purl, primary id): targets are ordered by purl here, and each
        // target's findings by id, so only SBOMs that repeat a purl need a sort of the findings.
        var order = Array(targets.indices)
        order.sort { targets[$0].purlText < targets[$1].purlText }
        var repeatsPurl = false
        for (a, b) in zip(order, order.dropFirst()) where targets[a].purlText == targets[b].purlText {
            repeatsPurl = true
            break
        }
        let sortedTargets = order.map { targets[$0] }
        // Indexed by vulnerability name once per scan, not searched per finding.
        let resolver = VEXResolver(vex)

        // Large SBOMs are matched in parallel chunks; each chunk only reads shared, immutable state.
        // Component versions matched by an earlier scan at this revision come from the memo.
        let memo = cache.matchedComponents(revision: revision)
        let results = await Self.inChunks(sortedTargets.count) { chunk in
            Self.findings(sortedTargets[chunk], byKey, memo: memo, vex: resolver, sbom: sbom)
        }
        var parts = results.map(\.findings)
        var learned: [String: [VulnerabilityFinding]] = [:]
        for result in results { learned.merge(result.learned) { _, new in new } }
        cache.remember(learned, revision: revision)
        // Take the first part's storage and append the rest, rather than copying every finding.
        var findings: [VulnerabilityFinding] = []
        if !parts.isEmpty {
            swap(&findings, &parts[0])
            findings.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for index in parts.indices.dropFirst() { findings.append(contentsOf: parts[index]) }
        }
        if repeatsPurl {
            findings.sort { ($0.purl, $0.id) < ($1.purl, $1.id) }
        }
        unscannable.sort { ($0.name, $0.purl ?? "") < ($1.name, $1.purl ?? "") }

        var bySeverity: [String: Int] = [:]
        var suppressed = 0
        var unconfirmed = 0
        for finding in findings {
            if finding.suppressed {
                suppressed += 1
            } else {
                bySeverity[finding.severity.rawValue, default: 0] += 1
            }
            if finding.unconfirmed { unconfirmed += 1 }
        }
        let summary = ScanReport.Summary(
            components: sbom.components.count + extra.count, scanned: targets.count, unscannable: unscannable.count,
            findings: findings.count, suppressed: suppressed, unconfirmed: unconfirmed, bySeverity: bySeverity)
        return ScanReport(source: source, summary: summary, findings: findings, unscannable: unscannable, warnings: warnings)
    }

    /// A component that can be scanned. A class, so that passing it around is one retain rather than a
    /// copy of the whole component.
    final class Target: Sendable {
        let component: SBOMComponent
        let purl: PackageURL
        /// The purl as text, once per component (the finding's `purl` and the sort key).
        let purlText: String
        let version: String
        let key: AdvisoryStorePackageKey
        /// What the component's matches depend on (the memo's key): purl text, version and name.
        let memoKey: String

        init(component: SBOMComponent, purl: PackageURL, purlText: String, version: String, key: AdvisoryStorePackageKey) {
            self.component = component
            self.purl = purl
            self.purlText = purlText
            self.version = version
            self.key = key
            memoKey = purlText + "\u{1F}" + version + "\u{1F}" + component.name
        }
    }

    /// One advisory that matched a component, and how.
    struct Match {
        let advisory: PreparedAdvisory
        var match: AffectedEvaluator.RowMatch
    }

    /// Whether a component can be scanned, or why not.
    enum Classification {
        case target(Target)
        case unscannable(UnscannableComponent)
    }

    /// A component without purl, version or known ecosystem is unscannable, never clean.
    static func classify(_ component: SBOMComponent) -> Classification {
        guard let purl = component.purl else {
            return .unscannable(UnscannableComponent(
                name: component.name, purl: nil, version: component.version, reason: .noPurl,
                detail: "the component has no package URL, so its ecosystem is unknown"))
        }
        let version = purl.version ?? component.version
        guard let version, !version.isEmpty else {
            return .unscannable(UnscannableComponent(
                name: component.name, purl: purl.description, version: nil, reason: .noVersion,
                detail: "the component has no version, so no range can be evaluated"))
        }
        guard let key = PackageNaming.key(forPurl: purl) else {
            return .unscannable(UnscannableComponent(
                name: component.name, purl: purl.description, version: version, reason: .unsupportedEcosystem,
                detail: "no advisory ecosystem is known for purl type '\(purl.type)'"))
        }
        return .target(Target(component: component, purl: purl, purlText: purl.description, version: version, key: key))
    }

    /// Runs `body` over consecutive chunks of `0..<count`, in parallel when the list is large (2,000
    /// items or more), and returns the results in chunk order.
    static func inChunks<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Range<Int>) -> T) async -> [T] {
        let parts = count >= 2_000 ? max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) : 1
        let chunks = Self.chunks(count, parts: parts)
        guard chunks.count > 1 else { return chunks.map(body) }
        return await withTaskGroup(of: (Int, T).self) { group in
            for (number, chunk) in chunks.enumerated() {
                group.addTask { (number, body(chunk)) }
            }
            var results = [T?](repeating: nil, count: chunks.count)
            for await (number, result) in group { results[number] = result }
            return results.compactMap { $0 }
        }
    }

    static func chunks(_ count: Int, parts: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = (count + parts - 1) / parts
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    /// Matches and reports `targets` in order; `learned` holds the matches of targets not in `memo`.
    static func findings(_ targets: ArraySlice<Target>, _ byKey: [AdvisoryStorePackageKey: PreparedPackage],
                         memo: [String: [VulnerabilityFinding]], vex: VEXResolver, sbom: SBOM)
        -> (findings: [VulnerabilityFinding], learned: [String: [VulnerabilityFinding]]) {
        var findings: [VulnerabilityFinding] = []
        var learned: [String: [VulnerabilityFinding]] = [:]
        var matches: [Match] = []
        func add(_ found: [VulnerabilityFinding], _ target: Target) {
            if vex.isEmpty {
                findings.append(contentsOf: found)
            } else {
                for finding in found { findings.append(Self.resolving(finding, target.component, vex: vex, sbom: sbom)) }
            }
        }
        for target in targets {
            guard let package = byKey[target.key], !package.rows.isEmpty else { continue }
            if let known = memo[target.memoKey] {
                add(known, target)
                continue
            }
            Self.match(target, package, into: &matches)
            let scheme = VersionScheme(ecosystem: target.key.ecosystem)
            var found: [VulnerabilityFinding]
            switch matches.count {
            case 0: found = []
            case 1: found = [Self.finding(target, scheme, matches[...])]
            default:
                found = Self.groupByAlias(matches).map { Self.finding(target, scheme, $0[...]) }
                found.sort { $0.id < $1.id }
            }
            learned[target.memoKey] = found
            add(found, target)
        }
        return (findings, learned)
    }

    /// The finding with the latest matching VEX statement's verdict.
    static func resolving(_ finding: VulnerabilityFinding, _ component: SBOMComponent, vex: VEXResolver, sbom: SBOM) -> VulnerabilityFinding {
        guard let verdict = vex.verdict(for: [finding.id] + finding.aliases, component: component, in: sbom) else {
            return finding
        }
        let suppressing = verdict.suppresses ? verdict : nil
        return VulnerabilityFinding(
            purl: finding.purl, name: finding.name, version: finding.version, id: finding.id, aliases: finding.aliases,
            advisories: finding.advisories, severity: finding.severity, score: finding.score,
            severitySource: finding.severitySource, summary: finding.summary, fixedVersions: finding.fixedVersions,
            via: finding.via, unconfirmed: finding.unconfirmed, suppressed: suppressing != nil,
            suppression: suppressing.map {
                VulnerabilityFinding.Suppression(vulnerability: $0.vulnerability, status: $0.status, justification: $0.justification,
                                    detail: $0.detail, source: $0.source)
            },
            vex: verdict)
    }

    /// Evaluates every row of `package` for the target; one `Match` per advisory (rows of one advisory
    /// are merged) in `matches`, which is cleared first and reused across targets.
    static func match(_ target: Target, _ package: PreparedPackage, into matches: inout [Match]) {
        matches.removeAll(keepingCapacity: true)
        let distro = target.purl.qualifiers["distro"]
        let listed = package.listed.isEmpty ? nil : package.listed[target.version]
        var parsed = AffectedEvaluator.ParsedVersionCache(target.version)
        for (index, prepared) in package.rows.enumerated() {
            if let suffix = prepared.suffix {
                guard PackageNaming.suffix(suffix, matchesDistro: distro) else { continue }
            }
            let inList = listed?.contains(index) ?? false
            guard let match = prepared.evaluator.evaluate(&parsed, prepared: prepared.ranges, listed: inList,
                                                          bound: prepared.bound) else { continue }
            if let existing = matches.firstIndex(where: { $0.advisory === prepared.advisory }) {
                matches[existing].match = Self.merge(matches[existing].match, match)
            } else {
                matches.append(Match(advisory: prepared.advisory, match: match))
            }
        }
    }

    private static func merge(_ a: AffectedEvaluator.RowMatch, _ b: AffectedEvaluator.RowMatch) -> AffectedEvaluator.RowMatch {
        let via = AffectedMatch.Via(ranged: a.via.ranged || b.via.ranged, listed: a.via.listed || b.via.listed)
        return AffectedEvaluator.RowMatch(via: via, confirmed: a.confirmed || b.confirmed,
                                          fixed: AffectedEvaluator.deduplicated(a.fixed + b.fixed))
    }

    /// Union-find over the matched advisories of one component: two advisories are one vulnerability when
    /// one names the other, or both name the same alias (a CVE). Groups come out in no particular order.
    static func groupByAlias(_ matches: [Match]) -> [[Match]] {
        var parent = Array(matches.indices)
        func find(_ x: Int) -> Int {
            var root = x
            while parent[root] != root { root = parent[root] }
            return root
        }
        // Every (alias key, match) pair, sorted by key: matches that share a key are adjacent.
        var pairs: [(key: Int32, index: Int)] = []
        for (index, match) in matches.enumerated() {
            for key in match.advisory.aliasKeys { pairs.append((key, index)) }
        }
        pairs.sort { $0.key < $1.key }
        for (a, b) in zip(pairs, pairs.dropFirst()) where a.key == b.key {
            let (ra, rb) = (find(a.index), find(b.index))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var groups: [[Match]] = []
        var slot = Array(repeating: -1, count: matches.count)
        for i in matches.indices {
            let root = find(i)
            if slot[root] < 0 {
                slot[root] = groups.count
                groups.append([])
            }
            groups[slot[root]].append(matches[i])
        }
        return groups
    }

    /// The finding for one alias group of matches on one component, before VEX (`resolving`).
    private static func finding(_ target: Target, _ scheme: VersionScheme?, _ members: ArraySlice<Match>) -> VulnerabilityFinding {
        let component = target.component
        let single = members.count == 1
        let ranked = single ? Array(members) : members.sorted { PreparedAdvisory.precedes($0.advisory, $1.advisory) }
        let primary = ranked[0].advisory
        let aliases: [String]
        let advisoryIDs: [String]
        if single {
            aliases = primary.otherNames
            advisoryIDs = primary.singleton
        } else {
            var names = Set<String>()
            for member in ranked {
                names.insert(member.advisory.id)
                names.formUnion(member.advisory.otherNames)
            }
            names.remove(primary.id)
            aliases = names.sorted()
            advisoryIDs = ranked.map(\.advisory.id).sorted()
        }
        // The highest severity; the first advisory (in primary order) with it gives score and source.
        var best = ranked[0].advisory
        for member in ranked.dropFirst() where member.advisory.severity > best.severity { best = member.advisory }
        let confirmed = ranked.contains { $0.match.confirmed }
        let via = AffectedMatch.Via(ranged: ranked.contains { $0.match.via.ranged },
                                    listed: ranked.contains { $0.match.via.listed })
        var fixed = single ? ranked[0].match.fixed : AffectedEvaluator.deduplicated(ranked.flatMap(\.match.fixed))
        if fixed.count > 1 {
            if scheme != nil {
                // Parsed under the ecosystem's scheme when the advisory was prepared.
                fixed.sort { a, b in
                    guard let x = a.version, let y = b.version else { return a.value < b.value }
                    return x.compare(to: y) < 0
                }
            } else {
                fixed.sort { $0.value < $1.value }
            }
        }
        return VulnerabilityFinding(
            purl: target.purlText, name: component.name, version: target.version, id: primary.id, aliases: aliases,
            advisories: advisoryIDs, severity: best.severity, score: best.score, severitySource: best.severitySource,
            summary: primary.summary ?? best.summary, fixedVersions: fixed.map(\.value), via: via,
            unconfirmed: !confirmed, suppressed: false, suppression: nil, vex: nil)
    }
}

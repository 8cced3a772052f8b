import Foundation
import TollgateModel
import TollgateSBOM
import TollgateStore

/// Matches SBOM components against the local advisory database. It never calls a network API.
///
/// For each component: purl → (ecosystem, normalised name) → stored `affected[]` entries → range evaluation
/// in the ecosystem's version order (`AffectedEvaluator`). Matches on one component are grouped by alias
/// (one CVE seen as PYSEC and GHSA is one finding), VEX `not_affected` statements mark findings suppressed,
/// and components without purl or version are listed as unscannable, never as clean.
public struct Scanner: Sendable {
    public let store: any AdvisoryStore
    /// Prepared advisory rows kept across scans for the same database revision (a warm scanner).
    private let cache = ScanIndexCache()

    public init(store: any AdvisoryStore) {
        self.store = store
    }

    /// Scans `sbom`, applying `vex` statements; `source` names the input in the report. `unscannable` adds
    /// entries found before the SBOM existed (an unpinned lockfile line), so they are reported, not lost.
    public func scan(_ sbom: SBOM, vex: [VEXStatement] = [], source: String? = nil,
                     warnings: [String] = [], unscannable extra: [UnscannableComponent] = []) async throws -> ScanReport {
        var unscannable: [UnscannableComponent] = extra
        var targets: [Target] = []
        for component in sbom.components {
            guard let purl = component.purl else {
                unscannable.append(UnscannableComponent(
                    name: component.name, purl: nil, version: component.version, reason: .noPurl,
                    detail: "the component has no package URL, so its ecosystem is unknown"))
                continue
            }
            let version = purl.version ?? component.version
            guard let version, !version.isEmpty else {
                unscannable.append(UnscannableComponent(
                    name: component.name, purl: purl.description, version: nil, reason: .noVersion,
                    detail: "the component has no version, so no range can be evaluated"))
                continue
            }
            guard let key = PackageNaming.key(forPurl: purl) else {
                unscannable.append(UnscannableComponent(
                    name: component.name, purl: purl.description, version: version, reason: .unsupportedEcosystem,
                    detail: "no advisory ecosystem is known for purl type '\(purl.type)'"))
                continue
            }
            targets.append((component, purl, version, key))
        }

        let revision = try await store.revision()
        let byKey = try await cache.affected(Set(targets.map(\.key)), store: store, revision: revision)

        // Large SBOMs are matched in parallel chunks; each chunk only reads shared, immutable state.
        let parts = targets.count >= 2_000 ? max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) : 1
        let chunks = Self.chunks(targets.count, parts: parts)
        let prepared = byKey
        let allTargets = targets
        let perTarget: [[RawMatch]] = await withTaskGroup(of: [(Int, [RawMatch])].self) { group in
            for chunk in chunks {
                group.addTask { Self.match(allTargets, chunk, prepared) }
            }
            var out = Array(repeating: [RawMatch](), count: allTargets.count)
            for await part in group {
                for (index, matches) in part { out[index] = matches }
            }
            return out
        }
        var advisoryIDs = Set<String>()
        for matches in perTarget { for m in matches { advisoryIDs.insert(m.advisoryID) } }

        let advisories = try await cache.advisories(advisoryIDs, store: store)
        var findings: [Finding] = await withTaskGroup(of: [Finding].self) { group in
            for chunk in chunks {
                group.addTask {
                    Self.findings(allTargets, chunk, perTarget, advisories: advisories, vex: vex, sbom: sbom)
                }
            }
            var out: [Finding] = []
            for await part in group { out += part }
            return out
        }
        findings.sort { ($0.purl, $0.id) < ($1.purl, $1.id) }
        unscannable.sort { ($0.name, $0.purl ?? "") < ($1.name, $1.purl ?? "") }

        var bySeverity: [String: Int] = [:]
        for finding in findings where !finding.suppressed { bySeverity[finding.severity.rawValue, default: 0] += 1 }
        let summary = ScanReport.Summary(
            components: sbom.components.count + extra.count, scanned: targets.count, unscannable: unscannable.count,
            findings: findings.count, suppressed: findings.filter(\.suppressed).count,
            unconfirmed: findings.filter(\.unconfirmed).count, bySeverity: bySeverity)
        return ScanReport(source: source, summary: summary, findings: findings, unscannable: unscannable, warnings: warnings)
    }

    typealias Target = (component: SBOMComponent, purl: PackageURL, version: String, key: AdvisoryStorePackageKey)

    struct RawMatch: Sendable {
        let advisoryID: String
        let match: AffectedMatch
    }

    static func chunks(_ count: Int, parts: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = (count + parts - 1) / parts
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    static func match(_ targets: [Target], _ range: Range<Int>,
                      _ byKey: [AdvisoryStorePackageKey: [ScanIndexCache.PreparedAffected]]) -> [(Int, [RawMatch])] {
        var out: [(Int, [RawMatch])] = []
        for index in range {
            let target = targets[index]
            guard let candidates = byKey[target.key], !candidates.isEmpty else { continue }
            var matches: [String: AffectedMatch] = [:]
            let distro = target.purl.qualifiers["distro"]
            var parsedVersion = AffectedEvaluator.ParsedVersionCache(target.version)
            for prepared in candidates {
                if let suffix = prepared.suffix {
                    guard PackageNaming.suffix(suffix, matchesDistro: distro) else { continue }
                }
                guard let match = prepared.evaluator.evaluate(
                    &parsedVersion, prepared: prepared.ranges, versions: prepared.versions,
                    lastKnownAffected: prepared.row.lastKnownAffected) else { continue }
                matches[prepared.row.advisoryID] = Self.merge(matches[prepared.row.advisoryID], match)
            }
            if !matches.isEmpty {
                out.append((index, matches.map { RawMatch(advisoryID: $0.key, match: $0.value) }))
            }
        }
        return out
    }

    static func findings(_ targets: [Target], _ range: Range<Int>, _ perTarget: [[RawMatch]],
                         advisories: [String: AdvisoryStoreRecord], vex: [VEXStatement], sbom: SBOM) -> [Finding] {
        var findings: [Finding] = []
        for index in range where !perTarget[index].isEmpty {
            let target = targets[index]
            let purlText = target.purl.description
            let scheme = VersionScheme(ecosystem: target.key.ecosystem)
            let raw = perTarget[index]
            if raw.count == 1 {
                findings.append(Self.finding(target.purl, purlText, scheme, target.component, target.version,
                                             [(raw[0].advisoryID, raw[0].match)], advisories: advisories, vex: vex, sbom: sbom))
                continue
            }
            for group in Self.groupByAlias(raw.map(\.advisoryID), advisories: advisories) {
                let members = raw.filter { group.contains($0.advisoryID) }
                findings.append(Self.finding(target.purl, purlText, scheme, target.component, target.version,
                                             members.map { ($0.advisoryID, $0.match) }, advisories: advisories, vex: vex, sbom: sbom))
            }
        }
        return findings
    }

    private static func merge(_ a: AffectedMatch?, _ b: AffectedMatch) -> AffectedMatch {
        guard let a else { return b }
        let ranged = a.via != .versions || b.via != .versions
        let listed = a.via != .range || b.via != .range
        let via: AffectedMatch.Via = ranged && listed ? .rangeAndVersions : (ranged ? .range : .versions)
        return AffectedMatch(via: via, confirmed: a.confirmed || b.confirmed,
                             fixedVersions: Array(Set(a.fixedVersions + b.fixedVersions)))
    }

    /// Union-find over the matched advisories of one component: two advisories are one vulnerability when
    /// one names the other, or both name the same alias (a CVE).
    static func groupByAlias(_ ids: [String], advisories: [String: AdvisoryStoreRecord]) -> [Set<String>] {
        let sorted = ids.sorted()
        var parent = Dictionary(uniqueKeysWithValues: sorted.map { ($0, $0) })
        func find(_ x: String) -> String {
            var root = x
            while let p = parent[root], p != root { root = p }
            return root
        }
        var owner: [String: String] = [:]
        for id in sorted {
            for name in [id] + (advisories[id]?.aliases ?? []) {
                if let other = owner[name] {
                    let (ra, rb) = (find(id), find(other))
                    if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
                } else {
                    owner[name] = id
                }
            }
        }
        var groups: [String: Set<String>] = [:]
        for id in sorted { groups[find(id), default: []].insert(id) }
        return groups.keys.sorted().compactMap { groups[$0] }
    }

    /// Native database ids first (PYSEC, GO, RUSTSEC...), then GHSA, then CVE; ties by id.
    static func primaryRank(_ id: String) -> Int {
        if id.hasPrefix("CVE-") { return 2 }
        if id.hasPrefix("GHSA-") { return 1 }
        return 0
    }

    private static func finding(_ purl: PackageURL, _ purlText: String, _ scheme: VersionScheme?,
                                _ component: SBOMComponent, _ version: String,
                                _ members: [(String, AffectedMatch)], advisories: [String: AdvisoryStoreRecord],
                                vex: [VEXStatement], sbom: SBOM) -> Finding {
        let ids = members.count == 1 ? [members[0].0] : members.map(\.0).sorted { (primaryRank($0), $0) < (primaryRank($1), $1) }
        let primary = ids[0]
        let records = ids.compactMap { advisories[$0] }
        var names = Set(ids)
        for record in records { names.formUnion(record.aliases) }
        names.remove(primary)
        var bestIndex: Int?
        var severity = Severity.unknown
        for (index, record) in records.enumerated() {
            let candidate = Severity(rawValue: record.severity) ?? .unknown
            if bestIndex == nil || candidate > severity {
                bestIndex = index
                severity = candidate
            }
        }
        let best = bestIndex.map { records[$0] }
        let confirmed = members.contains { $0.1.confirmed }
        let inRange = members.contains { $0.1.via != .versions }
        let inList = members.contains { $0.1.via != .range }
        let via: AffectedMatch.Via = inRange && inList ? .rangeAndVersions : (inRange ? .range : .versions)
        var fixed = members.count == 1 ? members[0].1.fixedVersions : Array(Set(members.flatMap(\.1.fixedVersions)))
        if fixed.count > 1 {
            if let scheme {
                fixed = fixed.map { ($0, scheme.parse($0)) }.sorted { $0.1.compare(to: $1.1) < 0 }.map(\.0)
            } else {
                fixed.sort()
            }
        }
        var statement: VEXStatement?
        if !vex.isEmpty {
            let allNames = names.union([primary])
            statement = vex.first { statement in
                statement.suppresses
                    && (allNames.contains(statement.vulnerability) || !allNames.isDisjoint(with: statement.aliases))
                    && statement.products.contains { product in Self.product(product, covers: purl, component: component, sbom: sbom) }
            }
        }
        return Finding(
            purl: purlText, name: component.name, version: version, id: primary, aliases: names.sorted(),
            advisories: ids.sorted(), severity: severity, score: best?.score, severitySource: best?.severitySource,
            summary: records.first?.summary ?? best?.summary, fixedVersions: fixed, via: via,
            unconfirmed: !confirmed, suppressed: statement != nil,
            suppression: statement.map {
                Finding.Suppression(vulnerability: $0.vulnerability, status: $0.status, justification: $0.justification,
                                    detail: $0.detail, source: $0.source)
            })
    }

    /// A VEX product covers a component when its purl names the same package (and the same version, if it
    /// gives one), or when its reference is the component's bom-ref or the SBOM's subject (a product-level
    /// statement covers everything in that product).
    static func product(_ product: VEXProduct, covers purl: PackageURL, component: SBOMComponent, sbom: SBOM) -> Bool {
        switch product {
        case let .purl(p):
            guard p.packageKey == purl.packageKey else { return false }
            guard let v = p.version else { return true }
            return v == purl.version
        case let .reference(ref):
            if ref == component.bomRef { return true }
            if let subject = sbom.subject, subject.bomRef == ref { return true }
            return false
        }
    }
}

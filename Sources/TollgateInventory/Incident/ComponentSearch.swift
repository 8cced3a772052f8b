import TollgateModel
import TollgateStore
import TollgateVulnerabilities

/// The component and advisory searches of an incident: which recorded versions of which packages
/// the query selects, and which artifacts contain them.
struct ComponentSearch: Sendable {
    let inventory: any InventoryStore
    let advisories: (any AdvisoryStore)?

    struct Result: Sendable {
        var part: AffectedComponentPart
        var matches: [Digest: [ArtifactSearchPart.Match]]
        /// Fixed versions to move to, when the advisory names them.
        var fixedVersions: [String]
    }

    /// `--component PURL [--versions VERS]`.
    func component(_ text: String, versions: String?) async throws -> Result {
        let purl: PackageURL
        do {
            purl = try PackageURL(parsing: text)
        } catch {
            throw InventoryError(.invalidQuery, "--component: \(error.reason)")
        }
        if purl.version != nil, versions != nil {
            throw InventoryError(.invalidQuery, "--component names version \(purl.version ?? "") and --versions gives a range; give one")
        }
        let key = InventoryPackageKey.of(purl: purl.packageKey.description)
        let ordering = VersionRangeSpecifier.ordering(for: purl.type)
        var range: VersionRangeSpecifier?
        if let versions {
            do {
                range = try VersionRangeSpecifier(parsing: versions, defaultScheme: purl.type)
            } catch {
                throw InventoryError(.invalidQuery, "--versions: \(error.reason)")
            }
        }
        let recorded = try await inventory.componentVersions(packageKey: key)
        let selected: [String]
        if let range {
            selected = recorded.filter(range.contains)
        } else if let version = purl.version {
            selected = recorded.filter { $0 == version || ordering?.compare($0, version) == 0 }
        } else {
            selected = recorded
        }
        let others = recorded.filter { !selected.contains($0) }
        var matches: [Digest: [ArtifactSearchPart.Match]] = [:]
        if !selected.isEmpty {
            let restrict = range != nil || purl.version != nil ? selected : nil
            for match in try await inventory.artifactsContaining(packageKey: key, versions: restrict) {
                matches[match.artifact, default: []].append(ArtifactSearchPart.Match(
                    purl: match.component.purl, version: match.component.version, relationship: match.component.relationship))
            }
        }
        let what = range.map { "\(key) \($0.description)" } ?? (purl.version.map { "\(key)@\($0)" } ?? "\(key) (every version)")
        let statement = recorded.isEmpty
            ? "the inventory records no version of \(key) in any SBOM"
            : "\(what): the inventory records \(Counted.noun(recorded.count, "version")) of \(key), \(selected.count) selected (\(Self.list(selected, ordering)))"
        let part = AffectedComponentPart(
            kind: .component, value: purl.description, versions: range?.description,
            packages: [AffectedComponentPart.Package(package: key, affectedVersions: Self.sorted(selected, ordering),
                                                     otherVersions: Self.sorted(others, ordering), fixedVersions: [])],
            advisory: nil, statement: statement)
        return Result(part: part, matches: matches, fixedVersions: [])
    }

    /// `--advisory ID`: every recorded version of every package the advisory marks affected, as the
    /// scanner evaluates it.
    func advisory(_ id: String) async throws -> Result {
        guard let advisories else {
            throw VulnerabilityError(.noDatabase, "--advisory needs the local advisory database; run `tollgate db import SOURCE` (or give --db)")
        }
        let found = try await advisories.advisories(ids: [id, id.uppercased()])
        // An advisory's own id, else every advisory that lists it as an alias (a CVE id names the
        // GHSA, PYSEC, GO and distribution advisories that describe the same flaw).
        let records: [AdvisoryStoreRecord]
        if let record = found[id] ?? found[id.uppercased()] {
            records = [record]
        } else {
            let aliased = try await advisories.advisoryIDs(aliasing: id)
            let byID = try await advisories.advisories(ids: Set(aliased))
            records = aliased.compactMap { byID[$0] }
        }
        guard let record = Self.primary(records) else {
            let count = try await advisories.advisoryCount()
            throw InventoryError(.unknownAdvisory, "advisory '\(id.prefix(120))' is neither an id nor an alias in the local advisory database (\(Counted.noun(count, "advisory", "advisories"))); import the source that publishes it with `tollgate db import`")
        }
        var byPackage: [String: (affected: [AdvisoryStoreAffected], ordering: VersionScheme?)] = [:]
        var unsupported: [String] = []
        for affected in try await advisories.affected(advisories: Set(records.map(\.id))) {
            guard let purl = PackageNaming.packageURL(ecosystem: affected.ecosystem, name: affected.key.name) else {
                unsupported.append("\(affected.ecosystem)/\(affected.key.name)")
                continue
            }
            let key = InventoryPackageKey.of(purl: purl.description)
            byPackage[key, default: ([], VersionRangeSpecifier.ordering(for: purl.type))].affected.append(affected)
        }
        var packages: [AffectedComponentPart.Package] = []
        var matches: [Digest: [ArtifactSearchPart.Match]] = [:]
        var fixedAll: [String] = []
        for key in byPackage.keys.sorted() {
            guard let (entries, ordering) = byPackage[key] else { continue }
            let recorded = try await inventory.componentVersions(packageKey: key)
            var selected: [String] = []
            var fixed: [String] = []
            for version in recorded {
                let hits = entries.compactMap { $0.affects(version: version) }
                guard !hits.isEmpty else { continue }
                selected.append(version)
                for value in hits.flatMap(\.fixedVersions) where !fixed.contains(value) { fixed.append(value) }
            }
            if !selected.isEmpty {
                for match in try await inventory.artifactsContaining(packageKey: key, versions: selected) {
                    matches[match.artifact, default: []].append(ArtifactSearchPart.Match(
                        purl: match.component.purl, version: match.component.version, relationship: match.component.relationship))
                }
            }
            for value in fixed where !fixedAll.contains(value) { fixedAll.append(value) }
            packages.append(AffectedComponentPart.Package(package: key, affectedVersions: Self.sorted(selected, ordering),
                                                          otherVersions: Self.sorted(recorded.filter { !selected.contains($0) }, ordering),
                                                          fixedVersions: Self.sorted(fixed, ordering)))
        }
        let selectedCount = packages.reduce(0) { $0 + $1.affectedVersions.count }
        let named = records.count == 1 ? record.id : "\(id.uppercased()) (\(records.map(\.id).joined(separator: ", ")))"
        var statement = "\(named) affects \(Counted.noun(byPackage.count, "package")) the inventory can look up; \(Counted.noun(selectedCount, "recorded version")) marked affected"
        if !unsupported.isEmpty { statement += "; not searchable (no purl type): \(unsupported.sorted().joined(separator: ", "))" }
        let part = AffectedComponentPart(
            kind: .advisory, value: record.id, versions: nil, packages: packages,
            advisory: AffectedComponentPart.Advisory(id: record.id, aliases: Self.aliases(of: records, except: record.id),
                                                     summary: record.summary,
                                                     severity: record.severity),
            statement: statement)
        return Result(part: part, matches: matches, fixedVersions: fixedAll)
    }

    /// The advisory that speaks for several describing one flaw: a GitHub advisory when there is one
    /// (reviewed, with ranges per ecosystem), else the first id.
    static func primary(_ records: [AdvisoryStoreRecord]) -> AdvisoryStoreRecord? {
        records.first { $0.id.hasPrefix("GHSA-") } ?? records.min { $0.id < $1.id }
    }

    /// Every id and alias of `records` but the primary's id, sorted and without repeats.
    static func aliases(of records: [AdvisoryStoreRecord], except id: String) -> [String] {
        Set(records.flatMap { [$0.id] + $0.aliases }).subtracting([id]).sorted()
    }

    static func sorted(_ versions: [String], _ ordering: VersionScheme?) -> [String] {
        guard let ordering else { return versions.sorted() }
        return versions.sorted { ordering.compare($0, $1) < 0 || (ordering.compare($0, $1) == 0 && $0 < $1) }
    }

    static func list(_ versions: [String], _ ordering: VersionScheme?) -> String {
        let shown = sorted(versions, ordering)
        guard !shown.isEmpty else { return "none" }
        return shown.count <= 10 ? shown.joined(separator: ", ") : shown.prefix(10).joined(separator: ", ") + " and \(shown.count - 10) more"
    }
}

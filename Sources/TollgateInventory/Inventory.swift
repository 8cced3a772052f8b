import Foundation
import TollgateModel

/// Artifacts, their components and provenance, deployments, tag history and first-seen findings,
/// with indexes for the incident questions: which artifacts contain component X, where do they
/// run, which tags moved.
///
/// A value type: callers own mutation and persistence (`InventoryFile` for the CLI; the server
/// keeps it behind its store). Queries are dictionary lookups, so they take microseconds.
public struct Inventory: Sendable, Codable {
    public static let schemaVersion = "tollgate.dev/inventory/v1"

    public private(set) var artifacts: [Digest: InventoryArtifact] = [:]
    public private(set) var deployments: [InventoryDeployment] = []
    public private(set) var tags: [TagObservation] = []
    public private(set) var findings: [String: FindingObservation] = [:]
    /// Ledger events already appended for exceptions ("granted:POLICY:ID", "expired:POLICY:ID"),
    /// so each is recorded once.
    public var exceptionEvents: Set<String> = []
    /// component purl (lowercased) → artifact digests containing it.
    private var componentIndex: [String: Set<Digest>] = [:]

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, artifacts, deployments, tags, findings, exceptionEvents
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(String.self, forKey: .schemaVersion)
        guard version == Self.schemaVersion else {
            throw InventoryError(.invalid, "inventory schemaVersion is '\(version)', expected \(Self.schemaVersion)")
        }
        for artifact in try container.decode([InventoryArtifact].self, forKey: .artifacts) { record(artifact) }
        deployments = try container.decode([InventoryDeployment].self, forKey: .deployments)
        tags = try container.decode([TagObservation].self, forKey: .tags)
        for finding in try container.decode([FindingObservation].self, forKey: .findings) {
            findings[Self.findingKey(finding.advisory, finding.purl)] = finding
        }
        exceptionEvents = try container.decodeIfPresent(Set<String>.self, forKey: .exceptionEvents) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(artifacts.values.sorted { $0.digest.description < $1.digest.description }, forKey: .artifacts)
        try container.encode(deployments, forKey: .deployments)
        try container.encode(tags, forKey: .tags)
        try container.encode(findings.values.sorted { ($0.advisory, $0.purl) < ($1.advisory, $1.purl) }, forKey: .findings)
        try container.encode(exceptionEvents.sorted(), forKey: .exceptionEvents)
    }

    // MARK: Recording

    /// Records an artifact; a second record of the same digest keeps the first-seen time and
    /// fills in what was missing.
    public mutating func record(_ artifact: InventoryArtifact) {
        var merged = artifact
        if let existing = artifacts[artifact.digest] {
            merged.firstSeen = min(existing.firstSeen, artifact.firstSeen)
            merged.name = artifact.name ?? existing.name
            merged.version = artifact.version ?? existing.version
            merged.purl = artifact.purl ?? existing.purl
            merged.provenance = artifact.provenance ?? existing.provenance
            merged.components = artifact.components.isEmpty ? existing.components : artifact.components
        }
        artifacts[artifact.digest] = merged
        for purl in merged.components {
            componentIndex[purl.lowercased(), default: []].insert(merged.digest)
        }
    }

    public mutating func record(_ deployment: InventoryDeployment) {
        deployments.append(deployment)
    }

    /// Records a tag observation and says whether the tag moved (pointed elsewhere before).
    @discardableResult
    public mutating func observe(_ observation: TagObservation) -> Bool {
        let moved = tags.contains {
            $0.repository == observation.repository && $0.tag == observation.tag && $0.digest != observation.digest
        }
        tags.append(observation)
        return moved
    }

    /// Records findings seen at `time`; the first sighting of each is kept.
    public mutating func observeFinding(advisory: String, purl: String, at time: Date) {
        let key = Self.findingKey(advisory, purl)
        if let existing = findings[key], existing.firstSeen <= time { return }
        findings[key] = FindingObservation(advisory: advisory, purl: purl, firstSeen: time)
    }

    // MARK: Queries

    public func artifact(_ digest: Digest) -> InventoryArtifact? { artifacts[digest] }

    /// When the finding was first seen, if ever.
    public func firstSeen(advisory: String, purl: String) -> Date? {
        findings[Self.findingKey(advisory, purl)]?.firstSeen
    }

    /// Other versions of the same package (by purl without version, else name), oldest first.
    public func previousVersions(of artifact: InventoryArtifact) -> [InventoryArtifact] {
        guard let key = artifact.packageKey else { return [] }
        return artifacts.values
            .filter { $0.digest != artifact.digest && $0.packageKey == key }
            .sorted { $0.firstSeen < $1.firstSeen }
    }

    /// Artifacts whose SBOM lists the component: exact purl, or every version when `purl` has none.
    public func artifacts(containing purl: String) -> [InventoryArtifact] {
        let wanted = purl.lowercased()
        var digests: Set<Digest> = componentIndex[wanted] ?? []
        if !wanted.contains("@") {
            for (component, set) in componentIndex where component.hasPrefix(wanted + "@") { digests.formUnion(set) }
        }
        return digests.compactMap { artifacts[$0] }.sorted { $0.digest.description < $1.digest.description }
    }

    /// Every recorded deployment of `digest`, newest first.
    public func deployments(of digest: Digest) -> [InventoryDeployment] {
        deployments.filter { $0.digest == digest }.sorted { $0.time > $1.time }
    }

    /// Observations of tags that have pointed at `digest`, and the full history of those tags.
    public func tagHistory(of digest: Digest) -> [TagHistory] {
        let names = Set(tags.filter { $0.digest == digest }.map { "\($0.repository):\($0.tag)" })
        return names.sorted().map { name in
            let observations = tags.filter { "\($0.repository):\($0.tag)" == name }.sorted { $0.time < $1.time }
            return TagHistory(repository: observations[0].repository, tag: observations[0].tag, observations: observations)
        }
    }

    private static func findingKey(_ advisory: String, _ purl: String) -> String {
        advisory.uppercased() + " " + purl.lowercased()
    }
}

import Foundation
import TollgateModel

/// An OSV advisory record (https://ossf.github.io/osv-schema/), reduced to what matching and reporting use.
///
/// Create one with `OSVRecord.parse(_:)`, which bounds size and nesting and rejects records without an `id`.
public struct OSVRecord: Sendable, Hashable {
    public let id: String
    public let modified: String?
    public let published: String?
    /// Set when the record was withdrawn; such records must not produce findings.
    public let withdrawn: String?
    public let aliases: [String]
    public let related: [String]
    public let summary: String?
    public let details: String?
    public let severity: [OSVSeverity]
    public let affected: [OSVAffected]
    /// `database_specific.severity` (GHSA writes `LOW`, `MODERATE`, `HIGH`, `CRITICAL`).
    public let databaseSeverity: String?

    public init(id: String, modified: String? = nil, published: String? = nil, withdrawn: String? = nil,
                aliases: [String] = [], related: [String] = [], summary: String? = nil, details: String? = nil,
                severity: [OSVSeverity] = [], affected: [OSVAffected], databaseSeverity: String? = nil) {
        self.id = id
        self.modified = modified
        self.published = published
        self.withdrawn = withdrawn
        self.aliases = aliases
        self.related = related
        self.summary = summary
        self.details = details
        self.severity = severity
        self.affected = affected
        self.databaseSeverity = databaseSeverity
    }

    /// The largest record accepted (osv.dev's largest records, with long `versions` lists, are ~2 MiB).
    public static let defaultMaxBytes = 8 << 20
    /// The deepest JSON nesting accepted; the schema needs 6.
    public static let maxDepth = 64

    /// Parses one OSV JSON record.
    ///
    /// - Throws: `vuln.too-large` over `maxBytes` or `maxDepth`; `vuln.invalid-record` when the bytes are
    ///   not a JSON object with a non-empty string `id`.
    public static func parse(_ data: Data, maxBytes: Int = defaultMaxBytes) throws(VulnerabilityError) -> OSVRecord {
        guard data.count <= maxBytes else {
            throw VulnerabilityError(.tooLarge, "the OSV record is \(data.count) bytes, over the \(maxBytes)-byte limit")
        }
        do {
            try JSONDepth.check(data, maxDepth: maxDepth)
        } catch {
            throw VulnerabilityError(.tooLarge, "the OSV record nests deeper than \(maxDepth) levels")
        }
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: data)
        } catch {
            throw VulnerabilityError(.invalidRecord, "the OSV record is not valid JSON of the expected shape: \(JSONDepth.describe(error))")
        }
        guard let id = wire.id, !id.isEmpty else {
            throw VulnerabilityError(.invalidRecord, "the OSV record has no 'id' (the schema requires one)")
        }
        return OSVRecord(
            id: id, modified: wire.modified, published: wire.published, withdrawn: wire.withdrawn,
            aliases: wire.aliases ?? [], related: wire.related ?? [], summary: wire.summary, details: wire.details,
            severity: (wire.severity ?? []).compactMap(\.value),
            affected: (wire.affected ?? []).map(\.value),
            databaseSeverity: wire.database_specific?.severity)
    }

    // MARK: - Wire format (lenient where real data varies, strict where the schema is)

    private struct Wire: Decodable {
        let id: String?
        let modified: String?
        let published: String?
        let withdrawn: String?
        let aliases: [String]?
        let related: [String]?
        let summary: String?
        let details: String?
        let severity: [WireSeverity]?
        let affected: [WireAffected]?
        let database_specific: WireDatabaseSpecific?

        enum CodingKeys: String, CodingKey {
            case id, modified, published, withdrawn, aliases, related, summary, details, severity, affected
            case database_specific
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeIfPresent(String.self, forKey: .id)
            modified = try? c.decodeIfPresent(String.self, forKey: .modified)
            published = try? c.decodeIfPresent(String.self, forKey: .published)
            withdrawn = try? c.decodeIfPresent(String.self, forKey: .withdrawn)
            aliases = try? c.decodeIfPresent([String].self, forKey: .aliases)
            related = try? c.decodeIfPresent([String].self, forKey: .related)
            summary = try? c.decodeIfPresent(String.self, forKey: .summary)
            details = try? c.decodeIfPresent(String.self, forKey: .details)
            severity = try? c.decodeIfPresent([WireSeverity].self, forKey: .severity)
            affected = try c.decodeIfPresent([WireAffected].self, forKey: .affected)
            database_specific = try? c.decodeIfPresent(WireDatabaseSpecific.self, forKey: .database_specific)
        }
    }

    private struct WireSeverity: Decodable {
        let type: String?
        let score: String?
        var value: OSVSeverity? {
            guard let type, let score else { return nil }
            return OSVSeverity(type: type, score: score)
        }
    }

    private struct WireDatabaseSpecific: Decodable {
        let severity: String?
        let last_known_affected_version_range: String?
        let cvss: String?

        enum CodingKeys: String, CodingKey { case severity, last_known_affected_version_range, cvss }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            severity = try? c.decodeIfPresent(String.self, forKey: .severity)
            last_known_affected_version_range = try? c.decodeIfPresent(String.self, forKey: .last_known_affected_version_range)
            cvss = try? c.decodeIfPresent(String.self, forKey: .cvss)
        }
    }

    private struct WirePackage: Decodable {
        let ecosystem: String?
        let name: String?
        let purl: String?
    }

    private struct WireEvent: Decodable {
        let introduced: String?
        let fixed: String?
        let last_affected: String?
        let limit: String?

        var value: OSVEvent? {
            if let introduced { return .introduced(introduced) }
            if let fixed { return .fixed(fixed) }
            if let last_affected { return .lastAffected(last_affected) }
            if let limit { return .limit(limit) }
            return nil
        }
    }

    private struct WireRange: Decodable {
        let type: String?
        let events: [WireEvent]?
    }

    private struct WireAffected: Decodable {
        let package: WirePackage?
        let ranges: [WireRange]?
        let versions: [String]?
        let severity: [WireSeverity]?
        let database_specific: WireDatabaseSpecific?

        enum CodingKeys: String, CodingKey { case package, ranges, versions, severity, database_specific }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            package = try c.decodeIfPresent(WirePackage.self, forKey: .package)
            ranges = try c.decodeIfPresent([WireRange].self, forKey: .ranges)
            versions = try c.decodeIfPresent([String].self, forKey: .versions)
            severity = try? c.decodeIfPresent([WireSeverity].self, forKey: .severity)
            database_specific = try? c.decodeIfPresent(WireDatabaseSpecific.self, forKey: .database_specific)
        }

        var value: OSVAffected {
            let pkg: OSVPackage? = if let e = package?.ecosystem, let n = package?.name {
                OSVPackage(ecosystem: e, name: n, purl: package?.purl)
            } else { nil }
            return OSVAffected(
                package: pkg,
                ranges: (ranges ?? []).map { OSVRange(type: $0.type ?? "", events: ($0.events ?? []).compactMap(\.value)) },
                versions: versions ?? [],
                severity: (severity ?? []).compactMap(\.value),
                lastKnownAffectedVersionRange: database_specific?.last_known_affected_version_range,
                databaseSpecificCVSS: database_specific?.cvss)
        }
    }
}

import Foundation
import TollgateModel
import TollgateStore

/// Turns a parsed OSV record into the row set an `AdvisoryStore` keeps.
enum AdvisoryRecordBuilder {
    static func build(_ record: OSVRecord, contentDigest: String) -> AdvisoryStoreRecord {
        let severity = AdvisorySeverity.resolve(record)
        let affected: [AdvisoryStoreAffected] = record.affected.compactMap { entry in
            guard let package = entry.package, !package.name.isEmpty, !package.ecosystem.isEmpty else { return nil }
            return AdvisoryStoreAffected(
                advisoryID: record.id,
                key: PackageNaming.key(ecosystem: package.ecosystem, name: package.name),
                ecosystem: package.ecosystem,
                ranges: RangeCodec.encode(entry.ranges.filter { $0.type != "GIT" }),
                versions: entry.versions.filter { !$0.contains("\n") },
                lastKnownAffected: entry.lastKnownAffectedVersionRange)
        }
        var seen = Set<String>()
        return AdvisoryStoreRecord(
            id: record.id, modified: record.modified,
            aliases: record.aliases.filter { $0 != record.id && seen.insert($0).inserted },
            summary: record.summary, severity: severity.severity.rawValue, score: severity.score,
            severitySource: severity.source, contentDigest: contentDigest, affected: affected)
    }
}

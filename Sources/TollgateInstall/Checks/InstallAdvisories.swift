import Foundation
import TollgateModel
import TollgateSBOM
import TollgateStore
import TollgateVerify
import TollgateVulnerabilities

/// The gate's own scan of the packages about to be installed against the local advisory database
/// (`tollgate db import`): per package, its vulnerability findings (`Evidence.scan`, for the
/// budget) and its OSV `MAL-` records (ossf/malicious-packages), which deny whatever their severity.
///
/// Without a database, or with an empty one, nothing is scanned and `problem` says why: the
/// `MAL-` check then cannot run, and it denies.
public struct InstallAdvisories: Sendable {
    public let store: (any AdvisoryStore)?

    public init(store: (any AdvisoryStore)?) {
        self.store = store
    }

    public struct Result: Sendable {
        /// Per purl (canonical text), the gate's findings for that package (no `MAL-` records).
        public var scans: [String: ScanEvidence] = [:]
        /// Per purl, the `MAL-` advisory ids.
        public var malicious: [String: [String]] = [:]
        /// Why nothing was scanned, when nothing was.
        public var problem: String?
    }

    /// True for an OSV malicious-package record (`MAL-YYYY-N`, as id or alias).
    public static func isMalicious(id: String, aliases: [String]) -> Bool {
        id.hasPrefix("MAL-") || aliases.contains { $0.hasPrefix("MAL-") }
    }

    public func check(_ purls: [PackageURL], now: Date) async -> Result {
        var result = Result()
        guard let store else {
            result.problem = "no advisory database: run 'tollgate db import' with OSV data (including ossf/malicious-packages MAL- records)"
            return result
        }
        do {
            let state = try await store.state()
            guard state.advisoryCount > 0 else {
                result.problem = "the advisory database is empty; run 'tollgate db import PATH' (an empty database would call everything clean)"
                return result
            }
            let database = AdvisoryDatabaseState(revision: state.revision, importedAt: state.lastImport, advisories: state.advisoryCount)
            let components = purls.enumerated().map { index, purl in
                SBOMComponent(bomRef: "install-\(index)", name: purl.name, group: purl.namespace, version: purl.version, purl: purl)
            }
            let report = try await Scanner(store: store).scan(SBOM(components: components), source: "install")
            let source = "gate scan against advisory database revision \(state.revision)"
                + (state.lastImport.map { ", imported \(ISO8601DateFormatter().string(from: $0))" } ?? "")
            let all = ScanEvidence(report: report, scannedAt: now, origin: .gate, database: database, source: source)
            var byPurl: [String: [VulnerabilityEvidence]] = [:]
            for finding in all.findings {
                if Self.isMalicious(id: finding.id, aliases: finding.aliases) {
                    result.malicious[finding.purl, default: []].append(finding.id)
                } else {
                    byPurl[finding.purl, default: []].append(finding)
                }
            }
            for purl in purls {
                let key = purl.description
                result.scans[key] = ScanEvidence(scannedAt: now, findings: byPurl[key] ?? [], origin: .gate, database: database,
                                                 source: source)
            }
        } catch {
            result.problem = "the gate's advisory scan could not run: \(ErrorText.describe(error))"
        }
        return result
    }
}

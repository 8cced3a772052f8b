import Foundation
import TollgateLedger
import TollgateModel
import TollgateTUF

/// Appends one `trust.updated` ledger entry per stored root or target that changed (docs/ledger.md),
/// when the data directory has a ledger: old and new version, digest, repository and who ran it.
enum TrustLedgerRecorder {
    struct Payload: Encodable {
        var schemaVersion = "tollgate.dev/ledger/trust-updated/v1"
        let repository: String
        let kind: String
        let name: String
        let previousVersion: Int?
        let version: Int?
        let previousSHA256: String?
        let sha256: String
    }

    static func record(_ report: TUFTrustReport, data: LedgerDataOptions) async throws {
        let relevant = report.changes.filter { $0.kind == "target" || $0.name == "root" }
        guard !relevant.isEmpty, (try? data.loadConfig()) != nil else { return }
        let actor = "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")"
        let (ledger, _) = try await data.openLedger()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for change in relevant {
            let payload = Payload(repository: report.repository, kind: change.kind, name: change.name,
                                  previousVersion: change.previousVersion, version: change.version,
                                  previousSHA256: change.previousSHA256, sha256: change.sha256)
            _ = try await ledger.append(try LedgerEntryDraft(kind: .trustUpdated, actor: actor, payload: try encoder.encode(payload)))
        }
    }
}

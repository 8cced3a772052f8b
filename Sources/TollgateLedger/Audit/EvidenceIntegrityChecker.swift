import Foundation
import TollgateModel
import TollgateStore

/// Re-hashes what the data directory stores beside the log and compares it with the digests the
/// ledger recorded (`tollgate integrity check`): every detached entry payload, and every evidence
/// document an entry names (`document` fields: attested SBOMs, provenance statements, rebuild
/// attestations, documents the server stored). A stored file that was edited, replaced or removed
/// after it was recorded is drift. The log's own hashes are `LedgerChecker`'s business.
public struct EvidenceIntegrityChecker: Sendable {
    let store: any LedgerStore
    /// Entries read per query.
    public var chunkSize: UInt64 = 4096

    public init(store: any LedgerStore) {
        self.store = store
    }

    public func check(progress: (@Sendable (UInt64, UInt64) -> Void)? = nil) async throws -> EvidenceIntegrityReport {
        let size = try await store.head().size
        var report = EvidenceIntegrityReport(entries: size)
        var documents: [String: UInt64] = [:]
        var start: UInt64 = 0
        while start < size {
            let end = min(size, start + chunkSize)
            for (offset, data) in try await store.entries(in: start..<end).enumerated() {
                let index = start + UInt64(offset)
                guard let entry = try? LedgerEntry(decoding: data) else { continue }   // `ledger fsck` names it
                var payload = entry.payload
                if payload == nil {
                    report.detachedPayloads += 1
                    payload = try await verify(entry.payloadDigest, what: "the detached payload of entry \(index) (\(entry.kind.rawValue))",
                                               index: index, into: &report)
                }
                guard let payload, let json = try? JSONValue.parse(payload) else { continue }
                for digest in Self.documents(in: json) where documents[digest] == nil { documents[digest] = index }
            }
            progress?(end, size)
            start = end
        }
        for (digest, index) in documents.sorted(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
            guard let parsed = try? Digest(parsing: digest) else { continue }
            report.documents += 1
            _ = try await verify(parsed, what: "the document \(digest) named by entry \(index)", index: index, into: &report)
        }
        return report
    }

    /// The stored bytes of `digest` when they hash to it; otherwise records the drift.
    private func verify(_ digest: Digest, what: String, index: UInt64, into report: inout EvidenceIntegrityReport) async throws -> Data? {
        guard let bytes = try await store.blob(digest: digest.description) else {
            report.drift.append(.init(entry: index, digest: digest.description, problem: "\(what) is missing from the store"))
            return nil
        }
        let actual = digest.algorithm.hash(bytes)
        guard actual == digest else {
            report.drift.append(.init(entry: index, digest: digest.description,
                                      problem: "\(what) changed after it was recorded: it now hashes to \(actual)"))
            return nil
        }
        return bytes
    }

    /// The digests under `document` keys anywhere in `json`.
    static func documents(in json: JSONValue) -> [String] {
        switch json {
        case .object(let object):
            var found: [String] = []
            for (key, value) in object {
                if key == "document", case .string(let text) = value, text.contains(":") { found.append(text) }
                found += documents(in: value)
            }
            return found
        case .array(let items):
            return items.flatMap(documents(in:))
        default:
            return []
        }
    }
}

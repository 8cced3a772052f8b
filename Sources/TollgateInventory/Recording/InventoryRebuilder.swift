import Foundation
import TollgateLedger
import TollgateModel
import TollgateStore

/// `tollgate inventory rebuild`: empties the store and replays every ledger entry through the same
/// indexer the live writes use, so the rebuilt inventory answers every query as before.
///
/// The store is reset *before* the log size is read: an entry appended concurrently is either
/// below that size (replayed here) or indexed by its writer after the reset, never lost.
public struct InventoryRebuilder: Sendable {
    public let ledger: Ledger
    public let store: any InventoryStore

    public init(ledger: Ledger, store: any InventoryStore) {
        self.ledger = ledger
        self.store = store
    }

    /// What a rebuild did.
    public struct Report: Sendable, Hashable, Codable {
        public var schemaVersion = "tollgate.dev/inventory-rebuild/v1"
        /// Ledger entries replayed.
        public var entries: UInt64
        /// Entries that gave inventory rows.
        public var indexed: Int
        /// Entries whose payload could not be indexed (an operator's hand-written entry of a built-in
        /// kind, or one naming a document that is not stored).
        public var skipped: Int
        /// The first few skipped entries and why.
        public var skippedEntries: [Skipped]
        public var coverage: InventoryCoverage

        public struct Skipped: Sendable, Hashable, Codable {
            public var index: UInt64
            public var kind: String
            public var reason: String
        }
    }

    /// Entries read and applied per transaction.
    public static let chunk: UInt64 = 512
    /// Skipped entries listed in the report (all are counted).
    public static let listedSkips = 20

    /// Rebuilds; `progress` is told (done, total) after each chunk.
    public func rebuild(progress: @Sendable (UInt64, UInt64) -> Void = { _, _ in }) async throws -> Report {
        try await store.prepare()
        try await store.reset()
        let size = try await ledger.size()
        let raw = ledger.underlyingStore
        let indexer = InventoryIndexer(documents: InventoryDocuments(store: raw))
        var report = Report(entries: size, indexed: 0, skipped: 0, skippedEntries: [],
                            coverage: InventoryCoverage(artifacts: 0, artifactsWithoutSBOM: 0, artifactsWithoutTrustedProvenance: 0,
                                                        deployments: 0, deploymentsWithoutDigest: 0,
                                                        deploymentsOfUnknownArtifacts: 0, componentRows: 0))
        var start: UInt64 = 0
        while start < size {
            let end = min(size, start + Self.chunk)
            let data = try await raw.entries(in: start..<end)
            var batch = InventoryBatch()
            for (offset, bytes) in data.enumerated() {
                let index = start + UInt64(offset)
                let entry = try LedgerEntry(decoding: bytes)
                do {
                    let rows = try await indexer.batch(for: entry, at: index)
                    if !rows.isEmpty { report.indexed += 1 }
                    batch.merge(rows)
                } catch let error as InventoryError where error.kind == .invalidEntry || error.kind == .missingDocument {
                    report.skipped += 1
                    if report.skippedEntries.count < Self.listedSkips {
                        report.skippedEntries.append(Report.Skipped(index: index, kind: entry.kind.rawValue, reason: error.reason))
                    }
                }
            }
            if !batch.isEmpty { try await store.apply(batch) }
            start = end
            progress(start, size)
        }
        report.coverage = try await store.coverage()
        return report
    }
}

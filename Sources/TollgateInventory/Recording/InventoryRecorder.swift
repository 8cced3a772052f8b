import Foundation
import TollgateLedger
import TollgateModel
import TollgateStore

/// Records facts the one way the inventory is written: the documents the entries name are stored by
/// digest beside the log, the entries are appended to the ledger (durable when this returns), each
/// entry is indexed (`InventoryIndexer`), and the rows are applied to the store in one transaction.
///
/// The ledger is the source of truth: if a process dies between the append and the apply, the
/// entries are in the ledger and `tollgate inventory rebuild` restores the index from them.
public struct InventoryRecorder: Sendable {
    public let ledger: Ledger
    public let store: any InventoryStore
    /// Who records: the key this process signs with (`key:NAME+KEYID`), or a token name.
    public let actor: String

    public init(ledger: Ledger, store: any InventoryStore, actor: String) {
        self.ledger = ledger
        self.store = store
        self.actor = actor
    }

    /// A draft of `payload` (canonical JSON) for an entry of `kind` by this recorder.
    public func draft<Payload: Encodable>(_ kind: LedgerEntryKind, _ payload: Payload) throws -> LedgerEntryDraft {
        try LedgerEntryDraft(kind: kind, actor: actor, payload: try LedgerJSON.encode(payload))
    }

    /// Stores `documents`, appends `drafts` in order (one ledger request, consecutive indices),
    /// indexes them and applies their rows. Returns the receipts, in draft order.
    @discardableResult
    public func record(_ drafts: [LedgerEntryDraft], documents: [Digest: Data] = [:]) async throws -> [LedgerReceipt] {
        guard !drafts.isEmpty else { return [] }
        let blobs = ledger.underlyingStore
        for (digest, data) in documents.sorted(by: { $0.key < $1.key }) {
            try await blobs.putBlob(digest: digest.description, data: data)
        }
        let receipts = try await ledger.append(contentsOf: drafts)
        try await index(drafts, receipts: receipts, documents: documents)
        return receipts
    }

    /// Indexes entries already appended (`ledger append` writes entries itself): `drafts[i]` was
    /// acknowledged as `receipts[i]`. Applies their rows in one transaction.
    public func index(_ drafts: [LedgerEntryDraft], receipts: [LedgerReceipt], documents: [Digest: Data] = [:]) async throws {
        let indexer = InventoryIndexer(documents: InventoryDocuments(store: ledger.underlyingStore, local: documents))
        var batch = InventoryBatch()
        for (draft, receipt) in zip(drafts, receipts) {
            let entry = try LedgerEntry(kind: draft.kind, time: receipt.time, actor: draft.actor, payload: draft.payload)
            batch.merge(try await indexer.batch(for: entry, at: receipt.index))
        }
        if !batch.isEmpty { try await store.apply(batch) }
    }
}

import Foundation
import TollgateInventory
import TollgateLedger
import TollgateModel

/// Indexes what `ledger append` appended, for the kinds the inventory indexes; the inventory is
/// opened on the first such entry (appending notes never touches it). An entry whose payload the
/// inventory cannot read stays appended — the ledger is the record — and is named in a warning;
/// `inventory rebuild` skips it the same way.
actor AppendIndexing {
    private let ledger: Ledger
    private let data: LedgerDataOptions
    private let actor: String
    private var recorder: InventoryRecorder?

    init(ledger: Ledger, data: LedgerDataOptions, actor: String) {
        self.ledger = ledger
        self.data = data
        self.actor = actor
    }

    func index(_ draft: LedgerEntryDraft, _ receipt: LedgerReceipt) async throws {
        guard InventoryIndexer.indexes(draft.kind) else { return }
        do {
            try await opened().index([draft], receipts: [receipt])
        } catch let error as InventoryError where error.kind == .invalidEntry || error.kind == .missingDocument {
            Console.err("warning: entry \(receipt.index) (\(draft.kind.rawValue)) is appended but not in the inventory: \(error.reason)")
        }
    }

    private func opened() async throws -> InventoryRecorder {
        if let recorder { return recorder }
        let store = try data.openInventoryStore()
        try await store.prepare()
        let opened = InventoryRecorder(ledger: ledger, store: store, actor: actor)
        recorder = opened
        return opened
    }
}

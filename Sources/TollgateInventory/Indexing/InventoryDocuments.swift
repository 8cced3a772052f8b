import Foundation
import TollgateLedger
import TollgateModel
import TollgateStore

/// Evidence documents by digest: those just stored by the caller (so a fresh write needs no read
/// back), else the blobs stored beside the ledger. A blob that does not hash to its name is refused.
public struct InventoryDocuments: Sendable {
    let store: any LedgerStore
    let local: [Digest: Data]

    public init(store: any LedgerStore, local: [Digest: Data] = [:]) {
        self.store = store
        self.local = local
    }

    /// The same source with `documents` known locally.
    public func adding(_ documents: [Digest: Data]) -> InventoryDocuments {
        InventoryDocuments(store: store, local: local.merging(documents) { first, _ in first })
    }

    /// The document stored under `digest`.
    public func document(_ digest: Digest) async throws -> Data {
        if let data = local[digest] { return data }
        guard let data = try await store.blob(digest: digest.description) else {
            throw InventoryError(.missingDocument, "the document \(digest) named by the ledger is not stored beside it; run `tollgate ledger fsck`")
        }
        guard digest.algorithm.hash(data) == digest else {
            throw InventoryError(.missingDocument, "the stored document \(digest) does not hash to its name; run `tollgate ledger fsck`")
        }
        return data
    }

    /// The payload of `entry`, loading a detached one from beside the log.
    func payload(of entry: LedgerEntry) async throws -> Data {
        if let payload = entry.payload { return payload }
        guard let blob = try await store.blob(digest: entry.payloadDigest.description),
              let loaded = try? entry.withPayload(blob), let payload = loaded.payload else {
            throw InventoryError(.missingDocument, "the payload \(entry.payloadDigest) of a \(entry.kind.rawValue) entry is not stored beside the log")
        }
        return payload
    }
}

import Foundation
import TollgateStore

/// The tamper-evident ledger: an append-only RFC 6962 log of typed entries over a `LedgerStore`,
/// with signed C2SP checkpoints and inclusion and consistency proofs.
///
/// Appends are integrated in batches (group commit): while one batch commits, new appends queue,
/// and the next batch takes all of them in one transaction. `append` returns only after the
/// batch holding the entry committed durably. Several processes may share one store; the store
/// serializes their batches.
///
/// ```swift
/// let ledger = try await Ledger.open(store: store, signer: signer)
/// let receipt = try await ledger.append(entry)
/// let checkpoint = try await ledger.checkpoint()
/// let proof = try await ledger.inclusionProof(index: receipt.index, size: checkpoint.checkpoint.size)
/// ```
public actor Ledger {
    let store: any LedgerStore
    let signer: any NoteSigner
    let clock: @Sendable () -> Date
    /// Upper tree levels for proofs (immutable once stored).
    let nodeCache = UpperNodeCache()
    /// The most entries integrated in one transaction.
    public let maxBatch: Int

    /// Queued requests: their leaves (kept contiguous) and who to tell the first index.
    private var pending: [([LedgerLeaf], CheckedContinuation<UInt64, any Error>)] = []
    private var pendingLeaves = 0
    private var flushing = false

    /// The log's origin (the checkpoint's first line): the signer's key name.
    public nonisolated var origin: String { signer.name }

    private init(store: any LedgerStore, signer: any NoteSigner, clock: @escaping @Sendable () -> Date, maxBatch: Int) {
        self.store = store
        self.signer = signer
        self.clock = clock
        self.maxBatch = maxBatch
    }

    /// Opens the ledger on `store` (creating the schema when missing). Checkpoints are signed by
    /// `signer`, whose key name is the log origin.
    public static func open(store: any LedgerStore, signer: any NoteSigner,
                            clock: @escaping @Sendable () -> Date = { Date() },
                            maxBatch: Int = 4096) async throws -> Ledger {
        try await store.prepare()
        return Ledger(store: store, signer: signer, clock: clock, maxBatch: max(1, maxBatch))
    }

    // MARK: - Appending

    /// Appends one entry and returns its receipt once it is durable. Payloads larger than
    /// `LedgerEntry.inlineLimit` are stored by digest beside the log first.
    public nonisolated func append(_ entry: LedgerEntry) async throws -> LedgerReceipt {
        let leaf = try await prepareLeaf(entry)
        let index = try await enqueue([leaf])
        return LedgerReceipt(index: index, leafHash: leaf.leafHash)
    }

    /// Appends entries in order as one request: they get consecutive indices and are committed
    /// in one transaction (together with other queued appends).
    public nonisolated func append(contentsOf entries: [LedgerEntry]) async throws -> [LedgerReceipt] {
        guard !entries.isEmpty else { return [] }
        var leaves: [LedgerLeaf] = []
        leaves.reserveCapacity(entries.count)
        for entry in entries { leaves.append(try await prepareLeaf(entry)) }
        let first = try await enqueue(leaves)
        return leaves.enumerated().map { LedgerReceipt(index: first + UInt64($0.offset), leafHash: $0.element.leafHash) }
    }

    /// Encodes and hashes outside the actor, so concurrent appends use every core.
    private nonisolated func prepareLeaf(_ entry: LedgerEntry) async throws -> LedgerLeaf {
        if entry.payloadIsDetached, let payload = entry.payload {
            try await store.putBlob(digest: entry.payloadDigest.description, data: payload)
        }
        let data = entry.encoded()
        return LedgerLeaf(data: data, leafHash: RFC6962.leafHash(data))
    }

    private func enqueue(_ leaves: [LedgerLeaf]) async throws -> UInt64 {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((leaves, continuation))
            pendingLeaves += leaves.count
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    /// Drains the queue batch by batch; appends that arrive during a commit join the next batch.
    /// A batch takes whole requests, up to `maxBatch` leaves (a larger single request goes alone).
    private func flush() async {
        while !pending.isEmpty {
            var count = 0
            var leafCount = 0
            while count < pending.count, count == 0 || leafCount + pending[count].0.count <= maxBatch {
                leafCount += pending[count].0.count
                count += 1
            }
            let batch = Array(pending.prefix(count))
            pending.removeFirst(count)
            pendingLeaves -= leafCount
            do {
                let first = try await store.integrate(batch.flatMap(\.0), using: Self.integrate)
                var next = first
                for (leaves, continuation) in batch {
                    continuation.resume(returning: next)
                    next += UInt64(leaves.count)
                }
            } catch {
                for item in batch { item.1.resume(throwing: error) }
            }
        }
        flushing = false
    }

    /// Extends the tree at `head` with `leaves`: pure, so a store may retry it.
    static let integrate: LedgerIntegrator = { head, leaves in
        var range = try CompactRange(serialized: head.frontier)
        guard range.size == head.size else {
            throw LedgerError(.invalidProof, "stored head size \(head.size) disagrees with its right edge size \(range.size)")
        }
        var nodes: [(LedgerNodeID, [UInt8])] = []
        nodes.reserveCapacity(leaves.count * 2 + 64)
        for leaf in leaves { nodes.append(contentsOf: range.append(leaf.leafHash)) }
        return LedgerIntegration(nodes: nodes, head: LedgerHead(size: range.size, frontier: range.serialized()))
    }

    // MARK: - Reading

    /// The number of integrated entries.
    public func size() async throws -> UInt64 {
        try await store.head().size
    }

    /// The entry at `index`, with a detached payload loaded from the blob store when present.
    public func entry(at index: UInt64) async throws -> LedgerEntry {
        guard let data = try await store.entries(in: index..<index + 1).first else {
            throw LedgerError(.indexOutOfRange, "no entry at index \(index); the log has \(try await size()) entries")
        }
        let entry = try LedgerEntry(decoding: data)
        if entry.payload == nil, let blob = try await store.blob(digest: entry.payloadDigest.description) {
            return try entry.withPayload(blob)
        }
        return entry
    }

    /// The raw leaf data at `index`.
    public func leafData(at index: UInt64) async throws -> Data {
        guard let data = try await store.entries(in: index..<index + 1).first else {
            throw LedgerError(.indexOutOfRange, "no entry at index \(index)")
        }
        return data
    }

    // MARK: - Checkpoints

    /// Signs and stores a checkpoint for the current head (on demand; `runCheckpoints` schedules it).
    public func checkpoint() async throws -> SignedCheckpoint {
        let head = try await store.head()
        let range = try CompactRange(serialized: head.frontier)
        let body = Checkpoint(origin: origin, size: head.size, rootHash: range.rootHash())
        let note = try SignedNote.sign(text: body.text, with: signer)
        let serialized = note.serialized
        try await store.saveCheckpoint(StoredCheckpoint(size: head.size, note: serialized))
        return SignedCheckpoint(checkpoint: body, note: serialized)
    }

    /// The newest stored checkpoint, if any.
    public func latestCheckpoint() async throws -> SignedCheckpoint? {
        guard let stored = try await store.latestCheckpoint() else { return nil }
        let note = try SignedNote(parsing: stored.note)
        return SignedCheckpoint(checkpoint: try Checkpoint(text: note.text), note: stored.note)
    }

    /// Signs a checkpoint every `interval` until the task is cancelled, skipping unchanged heads.
    public func runCheckpoints(every interval: Duration) async throws {
        var lastSize: UInt64? = nil
        while !Task.isCancelled {
            let size = try await size()
            if size != lastSize {
                _ = try await checkpoint()
                lastSize = size
            }
            try await Task.sleep(for: interval)
        }
    }

    // MARK: - Proofs
    //
    // Proofs are nonisolated: they read immutable stored nodes, so they never wait behind appends,
    // and with an explicit size they take one store read (the nodes and the log size together).

    /// The inclusion proof of entry `index` in the tree of `size` (default: the current size).
    public nonisolated func inclusionProof(index: UInt64, size: UInt64? = nil) async throws -> InclusionProof {
        let treeSize = try await resolveSize(size)
        guard index < treeSize else {
            throw LedgerError(.indexOutOfRange, "index \(index) is not below tree size \(treeSize)")
        }
        let builder = ProofBuilder(reader: StoreNodeReader(store: store, cache: nodeCache, treeSize: treeSize))
        let (hashes, root, leaf) = try await builder.inclusionProofAndRoot(leafIndex: index, treeSize: treeSize)
        return InclusionProof(leafIndex: index, treeSize: treeSize, leafHash: leaf, rootHash: root, hashes: hashes)
    }

    /// The consistency proof from `from` to `to` (default: the current size).
    public nonisolated func consistencyProof(from size1: UInt64, to size2: UInt64? = nil) async throws -> ConsistencyProof {
        let treeSize = try await resolveSize(size2)
        guard size1 <= treeSize else {
            throw LedgerError(.indexOutOfRange, "size \(size1) is larger than \(treeSize)")
        }
        let builder = ProofBuilder(reader: StoreNodeReader(store: store, cache: nodeCache, treeSize: treeSize))
        let (hashes, root1, root2) = try await builder.consistencyProofAndRoots(size1: size1, size2: treeSize)
        return ConsistencyProof(size1: size1, size2: treeSize, root1: root1, root2: root2, hashes: hashes)
    }

    /// MTH of the first `size` entries.
    public nonisolated func rootHash(size: UInt64) async throws -> [UInt8] {
        try await ProofBuilder(reader: StoreNodeReader(store: store, cache: nodeCache, treeSize: size)).rootHash(size: size)
    }

    /// An explicit size is checked against the log by the proof's own read; without one, the
    /// current size is read first.
    private nonisolated func resolveSize(_ size: UInt64?) async throws -> UInt64 {
        if let size { return size }
        return try await store.head().size
    }

    /// The underlying store (for `fsck`, tile export and audits).
    public nonisolated var underlyingStore: any LedgerStore { store }
}

import Foundation
import TollgateModel
import TollgateStore
import TollgateTransparency

/// The tamper-evident ledger: an append-only RFC 6962 log of typed entries over a `LedgerStore`,
/// with signed C2SP checkpoints, inclusion and consistency proofs, and inclusion receipts.
///
/// Appends are integrated in batches (group commit): while one batch commits, new appends queue,
/// and the next batch takes all of them in one transaction. `append` returns only after the
/// batch holding the entry committed durably. Several processes may share one store; the store
/// serializes their batches.
///
/// Entry times are the ledger's: each batch is stamped under the store's write lock with the
/// injected clock, and never earlier than the last entry already in the log, so times never
/// decrease along the log even when a clock steps back or several processes with skewed clocks
/// share one store.
///
/// ```swift
/// let ledger = try await Ledger.open(store: store, signer: signer)
/// let appended = try await ledger.append(kind: .decisionMade, actor: "gate", payload: json)
/// let receipt = try await ledger.receipt(for: appended)   // signed checkpoint + inclusion proof
/// ```
public actor Ledger {
    let store: any LedgerStore
    let signer: any NoteSigner
    let clock: @Sendable () -> Date
    /// Upper tree levels for proofs (immutable once stored).
    let nodeCache = UpperNodeCache()
    /// The most entries integrated in one transaction.
    public let maxBatch: Int

    /// Queued requests: their entries (kept contiguous) and who to tell the receipts.
    private var pending: [([LedgerEntryDraft], CheckedContinuation<[LedgerReceipt], any Error>)] = []
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
    /// `signer`, whose key name is the log origin; `clock` stamps every entry's time.
    public static func open(store: any LedgerStore, signer: any NoteSigner,
                            clock: @escaping @Sendable () -> Date = { Date() },
                            maxBatch: Int = 4096) async throws -> Ledger {
        try await store.prepare()
        return Ledger(store: store, signer: signer, clock: clock, maxBatch: max(1, maxBatch))
    }

    // MARK: - Appending

    /// Appends one entry and returns its receipt once it is durable. The ledger stamps the time
    /// (its clock, never earlier than the previous entry's); the receipt carries it. Payloads
    /// larger than `LedgerEntry.inlineLimit` are stored by digest beside the log first.
    public nonisolated func append(kind: LedgerEntryKind, actor: String, payload: Data) async throws -> LedgerReceipt {
        try await append(try LedgerEntryDraft(kind: kind, actor: actor, payload: payload))
    }

    /// Appends one drafted entry; see `append(kind:actor:payload:)`.
    public nonisolated func append(_ draft: LedgerEntryDraft) async throws -> LedgerReceipt {
        try await prepare(draft)
        guard let receipt = try await enqueue([draft]).first else {
            throw LedgerError(.io, "the ledger acknowledged no entry for an append")
        }
        return receipt
    }

    /// Appends entries in order as one request: they get consecutive indices, one stamped time,
    /// and are committed in one transaction (together with other queued appends).
    public nonisolated func append(contentsOf drafts: [LedgerEntryDraft]) async throws -> [LedgerReceipt] {
        guard !drafts.isEmpty else { return [] }
        for draft in drafts { try await prepare(draft) }
        return try await enqueue(drafts)
    }

    /// Stores a detached payload beside the log before the entry that commits to it. The encoding
    /// was built with the draft, outside the actor, so concurrent appends use every core.
    private nonisolated func prepare(_ draft: LedgerEntryDraft) async throws {
        if draft.payloadIsDetached {
            try await store.putBlob(digest: draft.payloadDigest.description, data: draft.payload)
        }
    }

    private func enqueue(_ drafts: [LedgerEntryDraft]) async throws -> [LedgerReceipt] {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((drafts, continuation))
            pendingLeaves += drafts.count
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
                let drafts = batch.flatMap(\.0)
                let clock = self.clock
                let (first, integration) = try await store.integrate { head, last in
                    try Self.integrate(drafts, at: clock(), head: head, lastEntry: last)
                }
                guard integration.leaves.count == drafts.count else {
                    throw LedgerError(.io, "the store integrated \(integration.leaves.count) of \(drafts.count) entries")
                }
                let time = LedgerEntry.date(milliseconds: try LedgerEntry.encodedMilliseconds(integration.leaves.first?.data ?? Data()))
                var next = 0
                for (requested, continuation) in batch {
                    let receipts = integration.leaves[next..<next + requested.count].enumerated().map { offset, leaf in
                        LedgerReceipt(index: first + UInt64(next + offset), leafHash: leaf.leafHash, time: time)
                    }
                    continuation.resume(returning: receipts)
                    next += requested.count
                }
            } catch {
                for item in batch { item.1.resume(throwing: error) }
            }
        }
        flushing = false
    }

    /// Stamps `drafts` and extends the tree at `head` with them. The batch time is `now`, or the
    /// last entry's time when that is later (a clock that stepped back, or another process whose
    /// clock runs ahead): times never decrease along the log. Free of side effects, so a store may
    /// retry it.
    static func integrate(_ drafts: [LedgerEntryDraft], at now: Date, head: LedgerHead, lastEntry: Data?) throws -> LedgerIntegration {
        var range = try CompactRange(serialized: head.frontier)
        guard range.size == head.size else {
            throw LedgerError(.invalidProof, "stored head size \(head.size) disagrees with its right edge size \(range.size)")
        }
        var milliseconds = LedgerEntry.milliseconds(now)
        if let lastEntry {
            milliseconds = max(milliseconds, try LedgerEntry.encodedMilliseconds(lastEntry))
        } else if head.size > 0 {
            throw LedgerError(.invalidEntry, "the store gave no last entry for a log of \(head.size) entries")
        }
        let leaves = drafts.map { $0.stamped(milliseconds: milliseconds) }
        var nodes: [(LedgerNodeID, [UInt8])] = []
        nodes.reserveCapacity(leaves.count * 2 + 64)
        for leaf in leaves { nodes.append(contentsOf: range.append(leaf.leafHash)) }
        return LedgerIntegration(leaves: leaves, nodes: nodes, head: LedgerHead(size: range.size, frontier: range.serialized()))
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

    // MARK: - Receipts

    /// The inclusion receipt for an appended entry: the log's signed checkpoint covering it (the
    /// newest stored one when it covers the entry and verifies, else a newly signed one) and the
    /// inclusion proof at that checkpoint's size. The receipt is verified with the log's own key
    /// before it is returned.
    ///
    /// Throws `ledger.receipt-unverified` when the entry stored at `appended.index` is not the one
    /// acknowledged, or the built receipt does not verify (damage), and
    /// `ledger.index-out-of-range` when the log has no such entry.
    public func receipt(for appended: LedgerReceipt) async throws -> LedgerInclusionReceipt {
        let data = try await leafData(at: appended.index)
        let stored = RFC6962.leafHash(data)
        guard stored == appended.leafHash else {
            throw LedgerError(.receiptUnverified, "entry \(appended.index) in the log has leaf hash \(Hex.short(stored)), the append receipt says \(Hex.short(appended.leafHash))")
        }
        return try await inclusionReceipt(index: appended.index, leafData: data)
    }

    /// The inclusion receipt for the entry stored at `index`; see `receipt(for:)`.
    public func receipt(at index: UInt64) async throws -> LedgerInclusionReceipt {
        try await inclusionReceipt(index: index, leafData: try await leafData(at: index))
    }

    private func inclusionReceipt(index: UInt64, leafData: Data) async throws -> LedgerInclusionReceipt {
        let verifier = signer.noteVerifier
        let checkpoint: SignedCheckpoint
        if let stored = try await store.latestCheckpoint(), stored.size > index,
           case .valid(let verified) = CheckpointVerifier.verify(note: Array(stored.note.utf8), verifiers: [verifier], origin: origin) {
            checkpoint = SignedCheckpoint(checkpoint: verified.checkpoint, note: stored.note)
        } else {
            checkpoint = try await self.checkpoint()
        }
        let proof = try await inclusionProof(index: index, size: checkpoint.checkpoint.size)
        let receipt = LedgerInclusionReceipt(origin: origin, index: index, leafData: leafData, leafHash: RFC6962.leafHash(leafData),
                                             checkpoint: checkpoint.note, inclusionProof: proof.hashes)
        if case .invalid(let failure) = receipt.verify(logKey: verifier) {
            throw LedgerError(.receiptUnverified, "the receipt for entry \(index) does not verify with the log's own key (\(failure)); run `tollgate ledger fsck`")
        }
        return receipt
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

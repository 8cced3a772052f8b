import Foundation
import TollgateModel
import TollgateStore
import TollgateTransparency

/// Checks a stored ledger end to end (`tollgate ledger fsck`): every entry decodes, every stored
/// leaf and interior hash equals its recomputation from the entries, the head's right edge
/// matches, and every stored checkpoint is signed by the log and commits to the recomputed root.
///
/// It streams the log in chunks, holding one chunk and a compact range, so memory stays flat.
public struct LedgerChecker: Sendable {
    let store: any LedgerStore
    let verifiers: [any NoteVerifier]
    let origin: String?
    /// Entries read per query.
    public var chunkSize: UInt64 = 4096

    public init(store: any LedgerStore, verifiers: [any NoteVerifier], origin: String? = nil) {
        self.store = store
        self.verifiers = verifiers
        self.origin = origin
    }

    /// Runs the check. Damage is reported in the result; only I/O failures throw.
    public func check(progress: (@Sendable (UInt64, UInt64) -> Void)? = nil) async throws -> FsckReport {
        let head = try await store.head()
        var range = CompactRange()
        var entriesChecked: UInt64 = 0
        var nodesChecked: UInt64 = 0
        var checkpointsChecked = 0
        func report(_ index: UInt64?, _ problem: String?) -> FsckReport {
            FsckReport(schemaVersion: "tollgate.dev/ledger-fsck/v1", size: head.size, entriesChecked: entriesChecked,
                       nodesChecked: nodesChecked, checkpointsChecked: checkpointsChecked, firstBadIndex: index, problem: problem)
        }
        // Checkpoints are few compared with entries; their sizes are checked as the scan passes them.
        var checkpoints = try await store.checkpoints(in: 0...UInt64(Int64.max))
        if let beyond = checkpoints.last, beyond.size > head.size {
            return report(head.size, "a stored checkpoint commits to size \(beyond.size) but the log has only \(head.size) entries (rolled back or truncated)")
        }
        checkpoints.reverse()
        func checkCheckpoints(atSize size: UInt64) -> String? {
            while let next = checkpoints.last, next.size == size {
                checkpoints.removeLast()
                checkpointsChecked += 1
                let verdict = CheckpointVerifier.verify(note: Array(next.note.utf8), verifiers: verifiers, origin: origin)
                guard case .valid(let verified) = verdict else {
                    return "checkpoint at size \(size) does not verify: \(verdict)"
                }
                guard verified.checkpoint.size == size else {
                    return "checkpoint stored for size \(size) says size \(verified.checkpoint.size)"
                }
                let root = range.rootHash()
                guard verified.checkpoint.rootHash == root else {
                    return "checkpoint at size \(size) has root \(Hex.short(verified.checkpoint.rootHash)), recomputed \(Hex.short(root))"
                }
            }
            return nil
        }
        if let problem = checkCheckpoints(atSize: 0) { return report(0, problem) }

        var start: UInt64 = 0
        while start < head.size {
            let end = min(head.size, start + chunkSize)
            let entries = try await store.entries(in: start..<end)
            // Recompute this chunk's nodes, then compare them with the stored ones in one read.
            var computed: [(LedgerNodeID, [UInt8], UInt64)] = []
            var firstProblem: (UInt64, String)? = nil
            for offset in 0..<(end - start) {
                let index = start + offset
                guard Int(offset) < entries.count else {
                    firstProblem = (index, "entry \(index) is missing (the head says \(head.size) entries)")
                    break
                }
                let data = entries[Int(offset)]
                do {
                    _ = try LedgerEntry(decoding: data)
                } catch {
                    firstProblem = (index, "entry \(index) does not decode: \(error.reason)")
                    break
                }
                for (id, hash) in range.append(RFC6962.leafHash(data)) { computed.append((id, hash, index)) }
                entriesChecked += 1
                if let problem = checkCheckpoints(atSize: range.size) {
                    firstProblem = (index, problem)
                    break
                }
            }
            let stored = try await store.nodes(computed.map(\.0))
            for (id, hash, index) in computed {
                if let firstProblem, firstProblem.0 <= index { break }
                guard let found = stored[id] else {
                    firstProblem = (index, "\(id) is missing from the store")
                    break
                }
                guard found == hash else {
                    let what = id.level == 0
                        ? "stored leaf hash of entry \(index)"
                        : "stored hash of \(id) (leaves \(id.index << UInt64(id.level))…\(index))"
                    firstProblem = (id.level == 0 ? index : id.index << UInt64(id.level),
                                    "\(what) is \(Hex.short(found)), recomputed \(Hex.short(hash))")
                    break
                }
                nodesChecked += 1
            }
            if let firstProblem { return report(firstProblem.0, firstProblem.1) }
            progress?(end, head.size)
            start = end
        }
        if let extra = try await store.entries(in: head.size..<head.size + 1).first {
            return report(head.size, "an entry of \(extra.count) bytes exists past the head (size \(head.size))")
        }
        do {
            let stored = try CompactRange(serialized: head.frontier)
            guard stored == range else {
                return report(head.size, "the head's right edge disagrees with the tree recomputed from the entries")
            }
        } catch {
            return report(head.size, "the head's right edge is malformed: \(error.reason)")
        }
        return report(nil, nil)
    }
}

import Synchronization

/// Encoded `tollgate.dev/incident/v1` answers, by the query and everything the answer is computed
/// from: the inventory's revision (`InventoryStore.revision()`, which every batch and reset bumps,
/// in any process), the advisory database's revision and the policy document's digest. The answer
/// does not depend on the time, so while those are the same it is the same bytes; a responder
/// re-asking (a dashboard refreshing, a script polling) costs a revision read instead of the
/// whole answer. The revision is read before the answer is computed, so an answer is never kept
/// under a revision older than the data it read could be.
final class IncidentAnswerCache: Sendable {
    struct Key: Hashable, Sendable {
        /// `kind=value`, and the `versions` range when given.
        let query: String
        let versions: String?
        /// The judging policy's document digest (`sha256:…`), when `policy` is given.
        let policy: String?
        let advisoryRevision: Int?
        let inventoryRevision: Int64
    }

    /// Answers larger than this are not kept (a popular component's answer is tens of megabytes).
    static let maxEntryBytes = 1 << 20
    static let maxTotalBytes = 32 << 20

    private struct Entries {
        var answers: [Key: [UInt8]] = [:]
        var bytes = 0
        var revision: Int64 = .min
    }

    private let entries = Mutex(Entries())

    func answer(for key: Key) -> [UInt8]? {
        entries.withLock { $0.answers[key] }
    }

    func store(_ bytes: [UInt8], for key: Key) {
        guard bytes.count <= Self.maxEntryBytes else { return }
        entries.withLock { entries in
            if key.inventoryRevision > entries.revision {
                // The revision only grows: answers of older ones can never be asked for again.
                entries.answers = entries.answers.filter { $0.key.inventoryRevision >= key.inventoryRevision }
                entries.bytes = entries.answers.values.reduce(0) { $0 + $1.count }
                entries.revision = key.inventoryRevision
            }
            if entries.bytes + bytes.count > Self.maxTotalBytes {
                entries.answers.removeAll(keepingCapacity: true)
                entries.bytes = 0
            }
            if let replaced = entries.answers.updateValue(bytes, forKey: key) { entries.bytes -= replaced.count }
            entries.bytes += bytes.count
        }
    }

    var count: Int { entries.withLock { $0.answers.count } }
}

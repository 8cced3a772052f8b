import TollgateStore

/// Every observation of one tag, oldest first.
public struct TagHistory: Sendable, Hashable {
    public var repository: String
    public var tag: String
    public var observations: [TagObservationRecord]

    /// True when the tag has pointed at more than one digest: it can be, and was, overwritten.
    public var moved: Bool { Set(observations.map(\.digest)).count > 1 }

    /// Observations grouped per tag (sorted by repository and tag), each oldest first.
    public static func group(_ observations: [TagObservationRecord]) -> [TagHistory] {
        let grouped = Dictionary(grouping: observations) { "\($0.repository):\($0.tag)" }
        return grouped.keys.sorted().compactMap { key in
            let sorted = (grouped[key] ?? []).sorted { ($0.time, $0.digest.description) < ($1.time, $1.digest.description) }
            guard let first = sorted.first else { return nil }
            return TagHistory(repository: first.repository, tag: first.tag, observations: sorted)
        }
    }
}

/// Every observation of one tag, oldest first.
public struct TagHistory: Sendable, Hashable, Codable {
    public var repository: String
    public var tag: String
    public var observations: [TagObservation]

    /// True when the tag has pointed at more than one digest: it can be, and was, overwritten.
    public var moved: Bool { Set(observations.map(\.digest)).count > 1 }
}

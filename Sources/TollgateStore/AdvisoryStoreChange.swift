/// One import batch for an `AdvisoryStore`: records to insert or replace and ids to delete.
public struct AdvisoryStoreChange: Sendable {
    public var upserts: [AdvisoryStoreRecord]
    public var deletions: [String]

    public init(upserts: [AdvisoryStoreRecord] = [], deletions: [String] = []) {
        self.upserts = upserts
        self.deletions = deletions
    }
}

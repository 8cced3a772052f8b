/// Who may sign a role: the key ids a delegator lists for it and how many must sign (spec §4.3
/// `roles`, §4.5 `delegations.roles`). A threshold below 1 is refused when parsed: a threshold of 0
/// would accept unsigned metadata (go-tuf GHSA-fphv-w9fq-2525).
public struct TUFRoleKeys: Sendable, Hashable {
    /// The role these keys sign for.
    public let role: String
    /// Distinct key ids (a repeated id is refused when parsed).
    public let keyIDs: [String]
    public let threshold: Int

    init(role: String, _ fields: TUFFields) throws(TUFError) {
        self.role = role
        self.keyIDs = try fields.uniqueStrings("keyids")
        let threshold = try fields.integer("threshold", minimum: Int.min)
        guard threshold >= 1 else {
            throw TUFError(.malformed, "\(fields.context).threshold is \(threshold); a threshold must be at least 1")
        }
        self.threshold = threshold
    }

    public init(role: String, keyIDs: [String], threshold: Int) throws(TUFError) {
        guard threshold >= 1 else { throw TUFError(.malformed, "the threshold of \(role) is \(threshold); it must be at least 1") }
        guard Set(keyIDs).count == keyIDs.count else { throw TUFError(.malformed, "the key ids of \(role) repeat") }
        self.role = role
        self.keyIDs = keyIDs
        self.threshold = threshold
    }
}

/// The outcome of checking a role's signatures against its delegator's keys: which distinct keys
/// signed, the threshold, and why each other key did not count.
public struct TUFThresholdVerdict: Sendable, Hashable, CustomStringConvertible {
    public let role: String
    public let threshold: Int
    /// Key ids whose signatures verified, one per distinct public key.
    public let signedBy: [String]
    /// Why a listed key did not count (missing signature, unsupported key, bad signature, duplicate key).
    public let rejected: [String]

    public var isMet: Bool { signedBy.count >= threshold }

    public var description: String {
        "\(role): \(signedBy.count) of threshold \(threshold) distinct keys signed"
            + (rejected.isEmpty || isMet ? "" : " (\(rejected.prefix(4).joined(separator: "; ")))")
    }
}

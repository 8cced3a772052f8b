/// Where a registered key is in its life. The raw value is stored and printed, and is stable.
public enum KeyStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// In use, within its validity window.
    case active
    /// Replaced by another key (`replacedBy`); signatures made before the rotation stay valid.
    case rotated
    /// Withdrawn (`revokedAt`): signatures made after the revocation are refused.
    case revoked
}

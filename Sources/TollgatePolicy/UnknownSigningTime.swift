/// `settings.unknownSigningTime`: how the gate judges a signature by a registered key (the key
/// registry, docs/keys.md#registry) when no trusted timestamp says when it was made.
public enum UnknownSigningTime: String, Sendable, Hashable, Codable, CaseIterable {
    /// The key must be valid at decision time (the default): a signature by a key revoked or expired
    /// since cannot be shown to predate that, so it does not count.
    case decisionTime = "decision-time"
    /// The signature does not count: only a trusted timestamp can place it inside the key's window.
    case deny
}

/// The outcome of one check the install boundary ran itself (a hash, a registry signature),
/// with the sentence a decision shows.
public enum InstallCheck: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The check ran and passed.
    case verified(String)
    /// The check ran and failed.
    case failed(String)
    /// The check could not run (unreachable registry, missing key, unresolvable entry): it denies.
    case unavailable(String)
    /// Nothing to check here (a hash that was not pinned, an ecosystem without registry signatures).
    case notApplicable(String)

    public var description: String {
        switch self {
        case .verified(let text), .failed(let text), .unavailable(let text), .notApplicable(let text): text
        }
    }
}

/// What a principal (an API token or a CI identity) may do on the server.
///
/// `reader` reads what is not sensitive; `auditor` reads everything, ledger entries and proofs
/// included; `publisher` registers artifacts, uploads evidence and asks for decisions; `deployer`
/// records deployments and asks for admission; `admin` does everything, tokens and policies
/// included. The raw value is stored and printed.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case admin
    case publisher
    case deployer
    case auditor
    case reader

    /// Whether a principal with this role may call an endpoint whose least role is `required`:
    /// `admin` may call anything, every role may read, and otherwise only the role itself.
    public func grants(_ required: Role) -> Bool {
        self == .admin || self == required || required == .reader
    }
}

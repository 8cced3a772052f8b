/// Who produced a verified signature: a public key (by key id) or a keyless identity.
public enum Signer: Sendable, Hashable, Codable, CustomStringConvertible {
    case key(id: String)
    case identity(issuer: String, subject: String)

    public var description: String {
        switch self {
        case .key(let id): "key \(id)"
        case .identity(let issuer, let subject): "\(subject) (issuer \(issuer))"
        }
    }
}

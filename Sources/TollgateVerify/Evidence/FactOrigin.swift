/// Who vouches for a fact the gate uses.
///
/// Trust model (docs/threat-model.md): a fact counts only if the policy trusts who vouches for it.
/// `selfAsserted` facts are shown in the decision, never used to pass a rule.
public enum FactOrigin: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A Fulcio certificate extension: the certificate authority copied it from the CI provider's token.
    case certificate(issuer: String, subject: String)
    /// A statement signed by a signer the policy trusts for this kind of evidence.
    case signedStatement(Signer)
    /// The gate's own computation (it scanned the trusted SBOM against its advisory database).
    case gate
    /// Unsigned input: whoever wrote the file says so.
    case selfAsserted(source: String)

    public var description: String {
        switch self {
        case .certificate(let issuer, let subject): "certificate of \(subject) (issuer \(issuer))"
        case .signedStatement(let signer): "statement signed by \(signer)"
        case .gate: "computed by the gate"
        case .selfAsserted(let source): "self-asserted by \(source)"
        }
    }

    /// True unless the fact is self-asserted.
    public var isVouched: Bool {
        if case .selfAsserted = self { return false }
        return true
    }
}

import TollgatePolicy

extension TrustedSigners {
    /// Whether the policy names this signature's signer: its key id, or a keyless identity whose
    /// issuer, subject and pinned certificate extensions match.
    func trusts(_ signature: VerifiedSignature) -> Bool {
        switch signature.signer {
        case .key(let id):
            return keys.contains(id)
        case .identity(let issuer, let subject):
            return identities.contains { $0.matches(issuer: issuer, subject: subject, certificate: signature.certificate) }
        }
    }

    /// The distinct trusted signers among `signatures`, in order.
    func trustedSigners(among signatures: [VerifiedSignature]) -> [Signer] {
        var result: [Signer] = []
        for signature in signatures where !result.contains(signature.signer) && trusts(signature) {
            result.append(signature.signer)
        }
        return result
    }

    /// "nobody" or the list of trusted names, for messages.
    var summary: String { isEmpty ? "nobody" : names.joined(separator: ", ") }
}

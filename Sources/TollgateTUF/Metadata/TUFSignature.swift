/// One entry of a metadata file's `signatures` array (spec §4.2): the signing key's id and the
/// hex signature over the canonical `signed` bytes.
public struct TUFSignature: Sendable, Hashable {
    public let keyID: String
    /// Hex as written; an empty or non-hex value simply never verifies (tuf-on-ci writes `""` for
    /// keys that have not signed yet).
    public let signatureHex: String

    public init(keyID: String, signatureHex: String) {
        self.keyID = keyID
        self.signatureHex = signatureHex
    }
}

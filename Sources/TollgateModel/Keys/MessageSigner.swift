/// Something that signs with a private key it may never reveal: a `PrivateKey` in memory, or an
/// external signer (a hardware token or KMS behind a program, docs/keys.md#external-signers).
/// Signatures have the formats of `PrivateKey.sign(_:)`: DER ECDSA over the curve's hash, raw
/// Ed25519, RSA PKCS#1 v1.5 with SHA-256.
public protocol MessageSigner: Sendable {
    /// The public half, whose key id names the signer in envelopes and signatures.
    var publicKey: PublicKey { get }
    /// Signs `message`.
    func sign(message: [UInt8]) throws -> [UInt8]
    /// Signs the contents of the file at `path`.
    func sign(fileAt path: String) throws -> [UInt8]
}

extension PrivateKey: MessageSigner {
    public func sign(message: [UInt8]) throws -> [UInt8] { try sign(message) }
}

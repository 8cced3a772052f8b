// libFuzzer target: PEM blocks, SubjectPublicKeyInfo/PKCS#1/JWK public keys, and private keys
// (PKCS#8, SEC 1, encrypted PKCS#8). Invariants: no crash; a loaded public key re-encodes to SPKI
// that loads to the same key id; a verify call on garbage never crashes.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPEM(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    if let block = try? PEMBlock(parsing: text) {
        let again = try? PEMBlock(parsing: block.pem)
        precondition(again == block, "PEM block does not round-trip")
    }
    for key in [try? PublicKey(pem: text), try? PublicKey(spkiDER: bytes), try? PublicKey(jwk: .init(bytes))] {
        guard let key else { continue }
        let again = try? PublicKey(spkiDER: key.spkiDER)
        precondition(again?.keyID == key.keyID, "SPKI does not round-trip")
        _ = key.verify(signature: bytes, message: bytes)
    }
    // A fixed short passphrase: exercises the ASN.1 and parameter checks; scrypt costs are bounded.
    _ = try? PrivateKey(pem: text, passphrase: Array("fuzz".utf8))
    _ = try? PrivateKey(pkcs8DER: bytes)
    _ = try? EncryptedPrivateKeyInfo(der: bytes)
    return 0
}

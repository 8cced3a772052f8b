import Crypto
import SwiftASN1
import _CryptoExtras

/// PKCS#8 `EncryptedPrivateKeyInfo` (RFC 5958 §3) with PBES2 (RFC 8018 §6.2), the scrypt KDF
/// (RFC 7914 §7) and AES-256-GCM (RFC 5084 §3.2) as the encryption scheme. Every identifier is a
/// registered OID, so the format is standard ASN.1; `docs/keys.md` shows the structure.
///
/// ```
/// EncryptedPrivateKeyInfo ::= SEQUENCE {
///   encryptionAlgorithm  { id-PBES2, PBES2-params {
///       keyDerivationFunc { id-scrypt, scrypt-params { salt, N, r, p, keyLength 32 } },
///       encryptionScheme  { aes256-GCM, GCMParameters { nonce (12 bytes), ICVlen 16 } } } },
///   encryptedData        OCTET STRING  -- AES-GCM ciphertext || 16-byte tag }
/// ```
struct EncryptedPrivateKeyInfo {
    static let pbes2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 13]
    static let scrypt: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 11591, 4, 11]
    static let aes256GCM: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 46]
    static let pbkdf2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 12]

    var salt: [UInt8]
    var parameters: ScryptParameters
    var nonce: [UInt8]
    var encryptedData: [UInt8]

    /// Encrypts a PKCS#8 `PrivateKeyInfo`. `salt` (16+ bytes) and `nonce` (12 bytes) come from the caller
    /// so tests can fix them; production callers pass fresh random bytes.
    static func seal(privateKeyInfo: [UInt8], passphrase: [UInt8], parameters: ScryptParameters,
                     salt: [UInt8], nonce: [UInt8]) throws(ModelError) -> EncryptedPrivateKeyInfo {
        guard !passphrase.isEmpty else { throw ModelError(.encryptedKey, "the passphrase is empty") }
        let key = try deriveKey(passphrase: passphrase, salt: salt, parameters: parameters)
        do {
            let sealed = try AES.GCM.seal(privateKeyInfo, using: key, nonce: try AES.GCM.Nonce(data: nonce))
            return EncryptedPrivateKeyInfo(salt: salt, parameters: parameters, nonce: nonce,
                                           encryptedData: Array(sealed.ciphertext) + Array(sealed.tag))
        } catch {
            throw ModelError(.invalidKey, "cannot encrypt the private key: \(ErrorText.describe(error))")
        }
    }

    /// Decrypts to the inner PKCS#8 `PrivateKeyInfo`.
    func open(passphrase: [UInt8]) throws(ModelError) -> [UInt8] {
        guard !passphrase.isEmpty else { throw ModelError(.encryptedKey, "the private key is encrypted and the passphrase is empty") }
        guard encryptedData.count > 16 else { throw ModelError(.invalidKey, "the encrypted private key is truncated") }
        let key = try Self.deriveKey(passphrase: passphrase, salt: salt, parameters: parameters)
        do {
            let box = try AES.GCM.SealedBox(nonce: try AES.GCM.Nonce(data: nonce),
                                            ciphertext: encryptedData.dropLast(16), tag: encryptedData.suffix(16))
            return Array(try AES.GCM.open(box, using: key))
        } catch {
            throw ModelError(.encryptedKey, "cannot decrypt the private key: wrong passphrase or corrupted key file")
        }
    }

    private static func deriveKey(passphrase: [UInt8], salt: [UInt8], parameters: ScryptParameters) throws(ModelError) -> SymmetricKey {
        // swift-crypto's scrypt force-unwraps the buffers' base addresses: never pass it empty input.
        guard !salt.isEmpty, !passphrase.isEmpty else { throw ModelError(.invalidKey, "scrypt needs a non-empty salt and passphrase") }
        do {
            return try KDF.Scrypt.deriveKey(from: passphrase, salt: salt, outputByteCount: 32, rounds: parameters.cost,
                                            blockSize: parameters.blockSize, parallelism: parameters.parallelization)
        } catch {
            throw ModelError(.invalidKey, "scrypt key derivation failed: \(ErrorText.describe(error))")
        }
    }

    // MARK: DER

    func serialize() throws(ModelError) -> [UInt8] {
        do {
            var serializer = DER.Serializer()
            try serializer.appendConstructedNode(identifier: .sequence) { outer in
                try outer.appendConstructedNode(identifier: .sequence) { algorithm in
                    try algorithm.serialize(Self.pbes2)
                    try algorithm.appendConstructedNode(identifier: .sequence) { pbes2 in
                        try pbes2.appendConstructedNode(identifier: .sequence) { kdf in
                            try kdf.serialize(Self.scrypt)
                            try kdf.appendConstructedNode(identifier: .sequence) { params in
                                try params.serialize(ASN1OctetString(contentBytes: salt[...]))
                                try params.serialize(parameters.cost)
                                try params.serialize(parameters.blockSize)
                                try params.serialize(parameters.parallelization)
                                try params.serialize(32)
                            }
                        }
                        try pbes2.appendConstructedNode(identifier: .sequence) { scheme in
                            try scheme.serialize(Self.aes256GCM)
                            try scheme.appendConstructedNode(identifier: .sequence) { gcm in
                                try gcm.serialize(ASN1OctetString(contentBytes: nonce[...]))
                                try gcm.serialize(16)
                            }
                        }
                    }
                }
                try outer.serialize(ASN1OctetString(contentBytes: encryptedData[...]))
            }
            return serializer.serializedBytes
        } catch {
            throw ModelError(.invalidKey, "cannot encode the encrypted private key: \(ErrorText.describe(error))")
        }
    }

    init(salt: [UInt8], parameters: ScryptParameters, nonce: [UInt8], encryptedData: [UInt8]) {
        self.salt = salt
        self.parameters = parameters
        self.nonce = nonce
        self.encryptedData = encryptedData
    }

    /// Parses the DER, accepting only PBES2 + scrypt + AES-256-GCM and bounded scrypt costs.
    init(der: [UInt8]) throws(ModelError) {
        do {
            let root = try DER.parse(der)
            self = try DER.sequence(root, identifier: .sequence) { outer in
                guard let algorithmNode = outer.next() else { throw ModelError(.invalidKey, "EncryptedPrivateKeyInfo is empty") }
                var parsed: (salt: [UInt8], params: ScryptParameters, nonce: [UInt8]) = ([], .default, [])
                try DER.sequence(algorithmNode, identifier: .sequence) { algorithm in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &algorithm)
                    guard oid == Self.pbes2 else {
                        throw ModelError(.unsupportedAlgorithm,
                                         "private key encryption \(oid) is not supported; expected PBES2 (scrypt + AES-256-GCM)")
                    }
                    guard let paramsNode = algorithm.next() else { throw ModelError(.invalidKey, "PBES2 parameters are missing") }
                    try DER.sequence(paramsNode, identifier: .sequence) { pbes2 in
                        guard let kdfNode = pbes2.next(), let schemeNode = pbes2.next() else {
                            throw ModelError(.invalidKey, "PBES2 parameters are incomplete")
                        }
                        try DER.sequence(kdfNode, identifier: .sequence) { kdf in
                            let kdfOID = try ASN1ObjectIdentifier(derEncoded: &kdf)
                            guard kdfOID == Self.scrypt else {
                                let name = kdfOID == Self.pbkdf2 ? "PBKDF2" : kdfOID.description
                                throw ModelError(.unsupportedAlgorithm, "key derivation \(name) is not supported; expected scrypt")
                            }
                            guard let node = kdf.next() else { throw ModelError(.invalidKey, "scrypt parameters are missing") }
                            try DER.sequence(node, identifier: .sequence) { params in
                                parsed.salt = Array(try ASN1OctetString(derEncoded: &params).bytes)
                                let n = try Int(derEncoded: &params)
                                let r = try Int(derEncoded: &params)
                                let p = try Int(derEncoded: &params)
                                if let lengthNode = params.next() {
                                    let length = try Int(derEncoded: lengthNode)
                                    guard length == 32 else {
                                        throw ModelError(.invalidKey, "scrypt key length \(length) does not match AES-256 (32)")
                                    }
                                }
                                parsed.params = ScryptParameters(cost: n, blockSize: r, parallelization: p)
                            }
                        }
                        try DER.sequence(schemeNode, identifier: .sequence) { scheme in
                            let schemeOID = try ASN1ObjectIdentifier(derEncoded: &scheme)
                            guard schemeOID == Self.aes256GCM else {
                                throw ModelError(.unsupportedAlgorithm, "key encryption scheme \(schemeOID) is not supported; expected AES-256-GCM")
                            }
                            guard let node = scheme.next() else { throw ModelError(.invalidKey, "GCM parameters are missing") }
                            try DER.sequence(node, identifier: .sequence) { gcm in
                                parsed.nonce = Array(try ASN1OctetString(derEncoded: &gcm).bytes)
                                if let tagNode = gcm.next() {
                                    let tagLength = try Int(derEncoded: tagNode)
                                    guard tagLength == 16 else { throw ModelError(.invalidKey, "GCM tag length \(tagLength) is not 16") }
                                } else {
                                    throw ModelError(.invalidKey, "GCM tag length 12 (the default) is not accepted; expected 16")
                                }
                            }
                        }
                    }
                }
                let data = try ASN1OctetString(derEncoded: &outer)
                return EncryptedPrivateKeyInfo(salt: parsed.salt, parameters: parsed.params, nonce: parsed.nonce,
                                               encryptedData: Array(data.bytes))
            }
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError(.invalidKey, "not a DER EncryptedPrivateKeyInfo: \(ErrorText.describe(error))")
        }
        guard salt.count >= 8, salt.count <= 64 else { throw ModelError(.invalidKey, "scrypt salt of \(salt.count) bytes; expected 8 to 64") }
        guard nonce.count == 12 else { throw ModelError(.invalidKey, "AES-GCM nonce of \(nonce.count) bytes; expected 12") }
        try parameters.validateForDecryption()
    }
}

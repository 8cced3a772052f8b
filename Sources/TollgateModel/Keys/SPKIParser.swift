import SwiftASN1

/// Reads the algorithm out of a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) before any key type is
/// chosen, so an unknown algorithm or curve is reported by name instead of as "bad key".
enum SPKIParser {
    /// Largest SPKI accepted: RSA-16384 fits easily.
    static let maxBytes = 16 << 10

    /// What the AlgorithmIdentifier says.
    enum Algorithm: Equatable {
        case ecPublicKey(curve: String)
        case ed25519
        case rsa
        case rsaPSS
        case other(String)
    }

    static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
    static let rsaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 10]

    /// Friendly names for OIDs people are likely to feed in by mistake.
    static func name(of oid: String) -> String {
        switch oid {
        case "1.2.840.10045.3.1.7": "P-256"
        case "1.3.132.0.34": "P-384"
        case "1.3.132.0.35": "P-521"
        case "1.3.132.0.10": "secp256k1"
        case "1.2.840.10045.3.1.1": "P-192"
        case "1.3.132.0.33": "P-224"
        case "1.3.101.113": "Ed448"
        case "1.3.101.110": "X25519"
        case "1.3.101.111": "X448"
        case "1.2.840.10040.4.1": "DSA"
        case "1.2.840.113549.1.1.7": "RSA-OAEP"
        default: oid
        }
    }

    /// Parses the outer structure and returns the algorithm and the raw key bits.
    static func parse(_ der: [UInt8]) throws(ModelError) -> (algorithm: Algorithm, keyBits: [UInt8]) {
        guard der.count <= maxBytes else {
            throw ModelError(.tooLarge, "public key is \(der.count) bytes, over the \(maxBytes)-byte limit")
        }
        guard !der.isEmpty else { throw ModelError(.invalidKey, "public key is empty") }
        do {
            let root = try DER.parse(der)
            return try DER.sequence(root, identifier: .sequence) { nodes in
                guard let algorithmNode = nodes.next() else {
                    throw ModelError(.invalidKey, "SubjectPublicKeyInfo has no AlgorithmIdentifier")
                }
                let algorithm: Algorithm = try DER.sequence(algorithmNode, identifier: .sequence) { inner in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &inner)
                    let parameters = inner.next()
                    switch oid {
                    case ecPublicKey:
                        guard let parameters else {
                            throw ModelError(.invalidKey, "EC public key has no named-curve parameter")
                        }
                        let curve = try ASN1ObjectIdentifier(derEncoded: parameters)
                        return .ecPublicKey(curve: curve.description)
                    case ed25519: return .ed25519
                    case rsaEncryption: return .rsa
                    case rsaPSS: return .rsaPSS
                    default: return .other(oid.description)
                    }
                }
                let bits = try ASN1BitString(derEncoded: &nodes)
                guard bits.paddingBits == 0 else {
                    throw ModelError(.invalidKey, "public key BIT STRING has \(bits.paddingBits) padding bits, expected 0")
                }
                return (algorithm, Array(bits.bytes))
            }
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError(.invalidKey, "not a DER SubjectPublicKeyInfo: \(ErrorText.describe(error))")
        }
    }

    /// Bits in the modulus of a PKCS#1 RSAPublicKey (`SEQUENCE { n INTEGER, e INTEGER }`).
    static func rsaModulusBits(_ pkcs1: [UInt8]) throws(ModelError) -> Int {
        do {
            let root = try DER.parse(pkcs1)
            return try DER.sequence(root, identifier: .sequence) { nodes in
                let modulus = try ArraySlice<UInt8>(derEncoded: &nodes)
                _ = try ArraySlice<UInt8>(derEncoded: &nodes)
                let trimmed = modulus.drop(while: { $0 == 0 })
                guard let first = trimmed.first else { return 0 }
                return trimmed.count * 8 - first.leadingZeroBitCount
            }
        } catch {
            throw ModelError(.invalidKey, "not a DER RSAPublicKey: \(ErrorText.describe(error))")
        }
    }
}

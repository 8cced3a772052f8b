import Crypto
import Foundation
import SwiftASN1
import X509

/// A Fulcio-like certificate authority: a self-signed root and an intermediate (P-384, as
/// Fulcio's), issuing short-lived code-signing leaves for a ``TestFulcioIdentity`` with the
/// Fulcio OID extensions and an embedded SCT from a ``TestCTLog``.
public struct TestFulcio: Sendable {
    public let uri: String
    public let root: Certificate
    public let intermediate: Certificate
    let intermediateKey: P384.Signing.PrivateKey
    /// Leaves are valid this long (Fulcio: 10 minutes).
    public let leafLifetime: TimeInterval

    static let organization = "tollgate.test"

    /// A CA whose certificates are valid from `validFrom` for ten years.
    public init(uri: String = "https://fulcio.tollgate.test", validFrom: Date, leafLifetime: TimeInterval = 600) throws {
        self.uri = uri
        self.leafLifetime = leafLifetime
        let rootKey = P384.Signing.PrivateKey()
        let intermediateKey = P384.Signing.PrivateKey()
        let window = (validFrom, validFrom.addingTimeInterval(10 * 365 * 86_400))
        root = try Self.authority(publicKey: Certificate.PublicKey(rootKey.publicKey), commonName: "tollgate-test-root", issuer: nil,
                                  signer: Certificate.PrivateKey(rootKey), signatureAlgorithm: .ecdsaWithSHA384, maxPathLength: 1,
                                  validity: window)
        intermediate = try Self.authority(publicKey: Certificate.PublicKey(intermediateKey.publicKey), commonName: "tollgate-test-intermediate",
                                          issuer: root, signer: Certificate.PrivateKey(rootKey), signatureAlgorithm: .ecdsaWithSHA384,
                                          maxPathLength: 0, usage: .codeSigning, validity: window)
        self.intermediateKey = intermediateKey
    }

    /// `O=tollgate.test, CN=commonName`.
    static func name(_ commonName: String) throws -> DistinguishedName {
        try DistinguishedName {
            OrganizationName(organization)
            CommonName(commonName)
        }
    }

    /// A CA certificate: self-signed by `signer` when `issuer` is nil, otherwise issued by `issuer`
    /// (whose key `signer` is), with the extended key usage `usage` if given (Fulcio's intermediate
    /// has codeSigning).
    static func authority(publicKey: Certificate.PublicKey, commonName: String, issuer: Certificate?, signer: Certificate.PrivateKey,
                          signatureAlgorithm: Certificate.SignatureAlgorithm, maxPathLength: Int,
                          usage: ExtendedKeyUsage.Usage? = nil, validity: (Date, Date)) throws -> Certificate {
        let name = try Self.name(commonName)
        var extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: maxPathLength))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(keyIdentifier: keyIdentifier(publicKey))
        }
        if let usage {
            try extensions.append(try ExtendedKeyUsage([usage]).makeCertificateExtension())
        }
        if let issuer {
            try extensions.append(try AuthorityKeyIdentifier(keyIdentifier: keyIdentifier(issuer.publicKey)).makeCertificateExtension())
        }
        return try Certificate(version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
                               notValidBefore: validity.0, notValidAfter: validity.1, issuer: issuer?.subject ?? name, subject: name,
                               signatureAlgorithm: signatureAlgorithm, extensions: extensions, issuerPrivateKey: signer)
    }

    /// The chain as the trusted root lists it: intermediate first, root last.
    public var chainDER: [[UInt8]] { [Self.der(intermediate), Self.der(root)] }

    /// Issues a leaf for `publicKey` at `issuedAt` (its `notBefore`), valid ``leafLifetime``, with
    /// the identity's SAN (critical: the subject is empty), the issuer extensions (1.1 raw and
    /// 1.8 UTF8String), the CI extensions, codeSigning, and an SCT by `ctLog` over the
    /// precertificate (this TBS without the SCT extension). Returns the leaf's DER.
    public func issue(for identity: TestFulcioIdentity, publicKey: P256.Signing.PublicKey, issuedAt: Date,
                      ctLog: TestCTLog) throws -> [UInt8] {
        let leafPublic = Certificate.PublicKey(publicKey)
        let san: GeneralName = switch identity.subjectAlternativeName {
        case .uri(let uri): .uniformResourceIdentifier(uri)
        case .email(let email): .rfc822Name(email)
        }
        var fulcioExtensions: [Certificate.Extension] = [
            Certificate.Extension(oid: Self.fulcioOID(1), critical: false, value: ArraySlice(identity.issuer.utf8)),
            Certificate.Extension(oid: Self.fulcioOID(8), critical: false, value: try Self.utf8String(identity.issuer)),
        ]
        for (arc, value) in identity.extensions.sorted(by: { $0.key < $1.key }) {
            fulcioExtensions.append(Certificate.Extension(oid: Self.fulcioOID(arc), critical: false, value: try Self.utf8String(value)))
        }
        let base = try Certificate.Extensions {
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.codeSigning])
            SubjectKeyIdentifier(keyIdentifier: Self.keyIdentifier(leafPublic))
            AuthorityKeyIdentifier(keyIdentifier: Self.keyIdentifier(intermediate.publicKey))
            Critical(SubjectAlternativeNames([san]))
        }
        var precertExtensions = base
        for ext in fulcioExtensions { try precertExtensions.append(ext) }
        let serial = Certificate.SerialNumber()
        let notAfter = issuedAt.addingTimeInterval(leafLifetime)
        func certificate(_ extensions: Certificate.Extensions) throws -> Certificate {
            try Certificate(version: .v3, serialNumber: serial, publicKey: leafPublic, notValidBefore: issuedAt, notValidAfter: notAfter,
                            issuer: intermediate.subject, subject: DistinguishedName(), signatureAlgorithm: .ecdsaWithSHA384,
                            extensions: extensions, issuerPrivateKey: Certificate.PrivateKey(intermediateKey))
        }
        // RFC 6962 §3.2: the SCT signs the TBS as it will be, minus the SCT list extension, which
        // comes last so that removing it leaves exactly these bytes.
        let precertificate = try certificate(precertExtensions)
        let issuerKeyHash = Array(SHA256.hash(data: Self.spkiDER(intermediate.publicKey)))
        let sct = try ctLog.sct(precertificateTBS: Array(precertificate.tbsCertificateBytes), issuerKeyHash: issuerKeyHash, timestamp: issuedAt)
        var final = precertExtensions
        try final.append(Certificate.Extension(oid: Self.sctListOID, critical: false,
                                               value: try Self.octetString(TestCTLog.sctList([sct]))))
        return Self.der(try certificate(final))
    }

    static let sctListOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 11129, 2, 4, 2]

    static func fulcioOID(_ arc: UInt) -> ASN1ObjectIdentifier { [1, 3, 6, 1, 4, 1, 57264, 1, arc] }

    static func utf8String(_ text: String) throws -> ArraySlice<UInt8> {
        var serializer = DER.Serializer()
        try serializer.serialize(ASN1UTF8String(text))
        return serializer.serializedBytes[...]
    }

    static func octetString(_ bytes: [UInt8]) throws -> ArraySlice<UInt8> {
        var serializer = DER.Serializer()
        try serializer.serialize(ASN1OctetString(contentBytes: bytes[...]))
        return serializer.serializedBytes[...]
    }

    static func spkiDER(_ key: Certificate.PublicKey) -> [UInt8] {
        var serializer = DER.Serializer()
        // A parsed or generated public key always serializes.
        try? serializer.serialize(key)
        return serializer.serializedBytes
    }

    static func keyIdentifier(_ key: Certificate.PublicKey) -> ArraySlice<UInt8> {
        Array(SHA256.hash(data: spkiDER(key)).prefix(20))[...]
    }

    static func der(_ certificate: Certificate) -> [UInt8] {
        var serializer = DER.Serializer()
        // A certificate built or parsed by swift-certificates always serializes.
        try? serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}

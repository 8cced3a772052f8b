import Crypto
import Foundation
import SwiftASN1
import X509

/// An RFC 3161 timestamp authority: a root and a leaf with the critical timeStamping EKU (P-256),
/// answering with a `TimeStampResp` whose token is a CMS SignedData (RFC 5652) over a TSTInfo
/// (RFC 3161 §2.4.2), with the contentType, messageDigest and ESS signingCertificateV2 (RFC 5816)
/// signed attributes, ECDSA with SHA-256, and the leaf certificate embedded.
///
/// swift-certificates' CMS types are internal (its public `CMS.sign` encapsulates id-data only), so
/// the structures are written here with SwiftASN1; the signature is swift-crypto's.
public struct TestTimestampAuthority: Sendable {
    public let uri: String
    public let root: Certificate
    public let leaf: Certificate
    let key: P256.Signing.PrivateKey
    static let leafSerial = 0x7E57

    public init(uri: String = "https://tsa.tollgate.test", validFrom: Date) throws {
        self.uri = uri
        let rootKey = P256.Signing.PrivateKey()
        let key = P256.Signing.PrivateKey()
        let validity = (validFrom, validFrom.addingTimeInterval(10 * 365 * 86_400))
        let rootPublic = Certificate.PublicKey(rootKey.publicKey)
        root = try TestFulcio.authority(publicKey: rootPublic, commonName: "tollgate-test-tsa-root", issuer: nil,
                                        signer: Certificate.PrivateKey(rootKey), signatureAlgorithm: .ecdsaWithSHA256, maxPathLength: 0,
                                        validity: validity)
        let leafPublic = Certificate.PublicKey(key.publicKey)
        leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(Self.leafSerial), publicKey: leafPublic,
            notValidBefore: validity.0, notValidAfter: validity.1, issuer: root.subject, subject: try TestFulcio.name("tollgate-test-tsa"),
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(KeyUsage(digitalSignature: true))
                Critical(try ExtendedKeyUsage([.timeStamping]))
                SubjectKeyIdentifier(keyIdentifier: TestFulcio.keyIdentifier(leafPublic))
                AuthorityKeyIdentifier(keyIdentifier: TestFulcio.keyIdentifier(rootPublic))
            },
            issuerPrivateKey: Certificate.PrivateKey(rootKey))
        self.key = key
    }

    /// The chain as the trusted root lists it: the signing leaf first, root last.
    public var chainDER: [[UInt8]] { [TestFulcio.der(leaf), TestFulcio.der(root)] }

    enum OID {
        static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
        static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 1, 4]
        static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
        static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
        static let signingCertificateV2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 47]
        static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
        static let ecdsaSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
        static let policy: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 2]
    }

    /// A `TimeStampResp` (status granted) timestamping `message` (a bundle's signature bytes) at `time`.
    public func timestamp(_ message: [UInt8], at time: Date, serial: Int = Int.random(in: 1..<Int(Int32.max))) throws -> [UInt8] {
        let tstInfo = try Self.encode { s in
            try s.appendConstructedNode(identifier: .sequence) { s in
                try s.serialize(1)
                try s.serialize(OID.policy)
                try s.appendConstructedNode(identifier: .sequence) { s in
                    try Self.algorithm(OID.sha256, into: &s)
                    try s.serialize(ASN1OctetString(contentBytes: Array(SHA256.hash(data: message))[...]))
                }
                try s.serialize(serial)
                try s.serialize(try Self.generalizedTime(time))
            }
        }
        var attributes = [
            try Self.attribute(OID.contentType) { s in try s.serialize(OID.tstInfo) },
            try Self.attribute(OID.messageDigest) { s in try s.serialize(ASN1OctetString(contentBytes: Array(SHA256.hash(data: tstInfo))[...])) },
            try Self.attribute(OID.signingCertificateV2) { s in
                // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default SHA-256.
                try s.appendConstructedNode(identifier: .sequence) { s in
                    try s.appendConstructedNode(identifier: .sequence) { s in
                        try s.appendConstructedNode(identifier: .sequence) { s in
                            try s.serialize(ASN1OctetString(contentBytes: Array(SHA256.hash(data: TestFulcio.der(leaf)))[...]))
                        }
                    }
                }
            },
        ]
        // DER SET OF: elements in ascending order of their encodings.
        attributes.sort { $0.lexicographicallyPrecedes($1) }
        let attributeBytes = attributes.flatMap { $0 }
        let signedSet = try Self.encode { s in
            s.appendConstructedNode(identifier: .set) { s in s.serializeRawBytes(attributeBytes) }
        }
        let signature = Array(try key.signature(for: signedSet).derRepresentation)
        return try Self.encode { s in
            try s.appendConstructedNode(identifier: .sequence) { s in // TimeStampResp
                try s.appendConstructedNode(identifier: .sequence) { s in try s.serialize(0) } // PKIStatusInfo: granted
                try s.appendConstructedNode(identifier: .sequence) { s in // ContentInfo
                    try s.serialize(OID.signedData)
                    try s.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { s in
                        try s.appendConstructedNode(identifier: .sequence) { s in // SignedData
                            try s.serialize(3)
                            try s.appendConstructedNode(identifier: .set) { s in try Self.algorithm(OID.sha256, into: &s) }
                            try s.appendConstructedNode(identifier: .sequence) { s in
                                try s.serialize(OID.tstInfo)
                                try s.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { s in
                                    try s.serialize(ASN1OctetString(contentBytes: tstInfo[...]))
                                }
                            }
                            try s.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { s in
                                try s.serialize(leaf)
                            }
                            try s.appendConstructedNode(identifier: .set) { s in
                                try s.appendConstructedNode(identifier: .sequence) { s in // SignerInfo
                                    try s.serialize(1)
                                    try s.appendConstructedNode(identifier: .sequence) { s in // IssuerAndSerialNumber
                                        try s.serialize(leaf.issuer)
                                        try s.serialize(Self.leafSerial)
                                    }
                                    try Self.algorithm(OID.sha256, into: &s)
                                    s.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { s in
                                        s.serializeRawBytes(attributeBytes)
                                    }
                                    try s.appendConstructedNode(identifier: .sequence) { s in try s.serialize(OID.ecdsaSHA256) }
                                    try s.serialize(ASN1OctetString(contentBytes: signature[...]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func encode(_ body: (inout DER.Serializer) throws -> Void) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try body(&serializer)
        return serializer.serializedBytes
    }

    static func algorithm(_ oid: ASN1ObjectIdentifier, into s: inout DER.Serializer) throws {
        try s.appendConstructedNode(identifier: .sequence) { s in
            try s.serialize(oid)
            try s.serialize(ASN1Null())
        }
    }

    static func attribute(_ type: ASN1ObjectIdentifier, _ value: (inout DER.Serializer) throws -> Void) throws -> [UInt8] {
        try encode { s in
            try s.appendConstructedNode(identifier: .sequence) { s in
                try s.serialize(type)
                try s.appendConstructedNode(identifier: .set) { s in try value(&s) }
            }
        }
    }

    static func generalizedTime(_ date: Date) throws -> GeneralizedTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return try GeneralizedTime(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hours: parts.hour ?? 0,
                                   minutes: parts.minute ?? 0, seconds: parts.second ?? 0, fractionalSeconds: 0)
    }
}

import Foundation
import SwiftASN1
import X509

/// An RFC 3161 timestamp token (a CMS SignedData over a TSTInfo, RFC 3161 §2.4.2), parsed with
/// SwiftASN1. swift-certificates' CMS types are internal, and its SPI verifier insists on an
/// embedded signer certificate, which TSAs may omit; so the token is parsed here and the
/// signature checked with `Certificate.PublicKey.isValidSignature` against trusted-root TSAs.
struct RFC3161Timestamp {
    /// TSTInfo.genTime.
    let genTime: Date
    /// TSTInfo.messageImprint.
    let imprintAlgorithm: ASN1ObjectIdentifier
    let imprint: [UInt8]
    /// The DER TSTInfo (the encapsulated content the signer's messageDigest covers).
    let tstInfoDER: [UInt8]
    let digestAlgorithm: ASN1ObjectIdentifier
    /// The signed attributes re-tagged as `SET OF` (RFC 5652 §5.4: the signature covers the
    /// DER of SignedAttributes with the EXPLICIT SET OF tag, not the [0] IMPLICIT tag).
    let signedAttributesDER: [UInt8]
    let messageDigest: [UInt8]
    let signatureAlgorithm: ASN1ObjectIdentifier
    let signature: [UInt8]

    static let maxBytes = 64 << 10

    enum OID {
        static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
        static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 1, 4]
        static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
        static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
        static let sha384: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 2]
        static let sha512: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 3]
        static let ecdsaSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
        static let ecdsaSHA384: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 3]
        static let ecdsaSHA512: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 4]
        static let rsaSHA256: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 11]
        static let rsaSHA384: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 12]
        static let rsaSHA512: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 13]
        static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
        static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
        static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
    }

    /// Parses a `TimeStampResp` (RFC 3161 §2.4.2, what Sigstore bundles carry) or a bare
    /// `TimeStampToken` ContentInfo.
    init(der bytes: [UInt8]) throws(DERFormatError) {
        guard bytes.count <= Self.maxBytes else { throw DERFormatError("the timestamp is larger than \(Self.maxBytes) bytes") }
        let root: ASN1Node
        do { root = try DER.parse(bytes) } catch { throw DERFormatError("the timestamp is not DER") }
        var top = try DERReader.children(root, "TimeStampResp")
        guard !top.isEmpty else { throw DERFormatError("the timestamp is empty") }
        var contentInfo = root
        if top[0].identifier == .sequence {
            // TimeStampResp: status PKIStatusInfo, timeStampToken.
            let status = try DERReader.children(top[0], "PKIStatusInfo")
            guard let first = status.first, let value = try? Int(derEncoded: first), value == 0 || value == 1 else {
                throw DERFormatError("the timestamp response status is not granted")
            }
            guard top.count >= 2 else { throw DERFormatError("the timestamp response has no token") }
            contentInfo = top[1]
            top = try DERReader.children(contentInfo, "ContentInfo")
        }
        guard top.count == 2, try DERReader.oid(top[0], "contentType") == OID.signedData, DERReader.isContext(top[1], 0) else {
            throw DERFormatError("the timestamp token is not a CMS SignedData ContentInfo")
        }
        let explicit = try DERReader.children(top[1], "[0] content")
        guard explicit.count == 1 else { throw DERFormatError("the ContentInfo content is malformed") }
        let signedData = try DERReader.children(explicit[0], "SignedData")
        // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
        guard signedData.count >= 4 else { throw DERFormatError("SignedData has too few fields") }
        let encap = try DERReader.children(signedData[2], "EncapsulatedContentInfo")
        guard encap.count == 2, try DERReader.oid(encap[0], "eContentType") == OID.tstInfo, DERReader.isContext(encap[1], 0) else {
            throw DERFormatError("the SignedData does not encapsulate a TSTInfo")
        }
        let eContent = try DERReader.children(encap[1], "eContent")
        guard eContent.count == 1 else { throw DERFormatError("eContent is malformed") }
        tstInfoDER = Array(try DERReader.primitive(eContent[0], "eContent OCTET STRING"))
        guard let signerInfosNode = signedData.last, signerInfosNode.identifier == .set else {
            throw DERFormatError("SignedData has no signerInfos")
        }
        let signerInfos = try DERReader.children(signerInfosNode, "signerInfos")
        guard signerInfos.count == 1 else { throw DERFormatError("the timestamp must have exactly one signer (found \(signerInfos.count))") }
        let signer = try DERReader.children(signerInfos[0], "SignerInfo")
        // version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs?
        guard signer.count >= 6 else { throw DERFormatError("SignerInfo has too few fields (signed attributes are required)") }
        digestAlgorithm = try Self.algorithm(signer[2], "digestAlgorithm")
        guard DERReader.isContext(signer[3], 0) else { throw DERFormatError("SignerInfo has no signed attributes") }
        var attrs = Array(signer[3].encodedBytes)
        attrs[0] = 0x31
        signedAttributesDER = attrs
        var digest: [UInt8]?
        for attribute in try DERReader.children(signer[3], "signedAttrs") {
            let parts = try DERReader.children(attribute, "Attribute")
            guard parts.count == 2 else { throw DERFormatError("a signed attribute is malformed") }
            if try DERReader.oid(parts[0], "attrType") == OID.messageDigest {
                let values = try DERReader.children(parts[1], "attrValues")
                guard values.count == 1, values[0].identifier == .octetString else {
                    throw DERFormatError("the messageDigest attribute is malformed")
                }
                digest = Array(try DERReader.primitive(values[0], "messageDigest"))
            }
        }
        guard let digest else { throw DERFormatError("the signed attributes lack messageDigest") }
        messageDigest = digest
        signatureAlgorithm = try Self.algorithm(signer[4], "signatureAlgorithm")
        guard signer[5].identifier == .octetString else { throw DERFormatError("the signer signature is not an OCTET STRING") }
        signature = Array(try DERReader.primitive(signer[5], "signature"))

        // TSTInfo ::= SEQUENCE { version, policy, messageImprint, serialNumber, genTime, ... }
        let info: ASN1Node
        do { info = try DER.parse(tstInfoDER) } catch { throw DERFormatError("TSTInfo is not DER") }
        let fields = try DERReader.children(info, "TSTInfo")
        guard fields.count >= 5 else { throw DERFormatError("TSTInfo has too few fields") }
        let imprintParts = try DERReader.children(fields[2], "messageImprint")
        guard imprintParts.count == 2, imprintParts[1].identifier == .octetString else {
            throw DERFormatError("messageImprint is malformed")
        }
        imprintAlgorithm = try Self.algorithm(imprintParts[0], "messageImprint.hashAlgorithm")
        imprint = Array(try DERReader.primitive(imprintParts[1], "hashedMessage"))
        let time: GeneralizedTime
        do { time = try GeneralizedTime(derEncoded: fields[4]) } catch { throw DERFormatError("TSTInfo.genTime is not a GeneralizedTime") }
        genTime = Self.date(time)
    }

    private static func algorithm(_ node: ASN1Node, _ what: String) throws(DERFormatError) -> ASN1ObjectIdentifier {
        let parts = try DERReader.children(node, what)
        guard let first = parts.first else { throw DERFormatError("\(what) is empty") }
        return try DERReader.oid(first, what)
    }

    /// Converts a GeneralizedTime (always UTC in DER) to a `Date` with the days-from-civil
    /// algorithm, avoiding a `Calendar` per timestamp.
    static func date(_ time: GeneralizedTime) -> Date {
        var year = time.year
        let month = time.month
        if month <= 2 { year -= 1 }
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + time.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let seconds = Double(days) * 86400 + Double(time.hours * 3600 + time.minutes * 60 + time.seconds)
        return Date(timeIntervalSince1970: seconds + time.fractionalSeconds)
    }

    /// The X.509 signature algorithm for the signer's algorithm identifiers (an
    /// `ecPublicKey` signature algorithm means ECDSA with the signer's digest algorithm).
    var certificateSignatureAlgorithm: Certificate.SignatureAlgorithm? {
        switch signatureAlgorithm {
        case OID.ecdsaSHA256: return .ecdsaWithSHA256
        case OID.ecdsaSHA384: return .ecdsaWithSHA384
        case OID.ecdsaSHA512: return .ecdsaWithSHA512
        case OID.rsaSHA256: return .sha256WithRSAEncryption
        case OID.rsaSHA384: return .sha384WithRSAEncryption
        case OID.rsaSHA512: return .sha512WithRSAEncryption
        case OID.ed25519: return .ed25519
        case OID.ecPublicKey, OID.rsaEncryption:
            let rsa = signatureAlgorithm == OID.rsaEncryption
            switch digestAlgorithm {
            case OID.sha256: return rsa ? .sha256WithRSAEncryption : .ecdsaWithSHA256
            case OID.sha384: return rsa ? .sha384WithRSAEncryption : .ecdsaWithSHA384
            case OID.sha512: return rsa ? .sha512WithRSAEncryption : .ecdsaWithSHA512
            default: return nil
            }
        default: return nil
        }
    }
}

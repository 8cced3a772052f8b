import Crypto
import Foundation
import SwiftASN1
import TollgateModel

/// A gitsign signature (Sigstore keyless signing of Git objects): a detached CMS SignedData (RFC 5652) with one
/// signer, whose Fulcio certificate is in `certificates`, whose signed attributes carry the SHA-256 of the Git
/// payload (`messageDigest`), and whose unsigned attribute 1.3.6.1.4.1.57264.3.1 holds the Rekor entry as a
/// protobuf `dev.sigstore.rekor.v1.TransparencyLogEntry` without its body. Rekor logged it as a `hashedrekord`
/// of the signed attributes: digest SHA-256(signed attributes, DER), the CMS signature, the certificate as PEM.
///
/// Parsing only (SwiftASN1 walks the DER): nothing here verifies. `bundle()` re-expresses the signature as the
/// Sigstore bundle it is, so `GitsignVerifier` verifies it with TollgateSigstore like any other bundle.
struct GitsignSignature {
    static let rekorEntryOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 3, 1]
    static let messageDigestOID: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]

    /// The signer's certificate (DER).
    let certificate: [UInt8]
    /// The signed attributes as signed: DER of the SET (RFC 5652 §5.4).
    let signedAttributes: [UInt8]
    /// The `messageDigest` signed attribute: SHA-256 of the Git payload.
    let messageDigest: [UInt8]
    let signature: [UInt8]
    /// The protobuf TransparencyLogEntry.
    let logEntry: [UInt8]

    init(armored text: String) throws(AuditError) {
        let begin = "-----BEGIN SIGNED MESSAGE-----", end = "-----END SIGNED MESSAGE-----"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex),
              let der = Data(base64Encoded: String(text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace })),
              der.count <= 1 << 16 else {
            throw Self.invalid("the signature is not a base64 CMS block (at most 64 KiB)")
        }
        do {
            // ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT SignedData }
            let contentInfo = try Self.children(DER.parse([UInt8](der)))
            guard contentInfo.count == 2, let explicit = contentInfo.last, explicit.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                  let signedData = try Self.children(explicit).first else { throw Self.invalid("not a CMS ContentInfo") }
            // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos }
            let fields = try Self.children(signedData)
            let certificates = try fields.first { $0.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) }
                .map(Self.children) ?? []
            guard let signerInfos = fields.last, case let signers = try Self.children(signerInfos), signers.count == 1 else {
                throw Self.invalid("a gitsign signature has one signer")
            }
            // SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs }
            let info = try Self.children(signers[0])
            guard let leaf = try Self.certificate(for: info, among: certificates) else {
                throw Self.invalid("no certificate of the signature is its signer's (issuerAndSerialNumber)")
            }
            guard let signed = info.first(where: { $0.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) }),
                  let unsigned = info.first(where: { $0.identifier == ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific) }),
                  let signatureNode = info.first(where: { $0.identifier == .octetString }) else {
                throw Self.invalid("the signer has no signed attributes, unsigned attributes or signature")
            }
            certificate = Array(leaf.encodedBytes)
            // Signed over as a SET (tag 0x31), not as the [0] IMPLICIT it is stored as.
            signedAttributes = [0x31] + Array(signed.encodedBytes.dropFirst())
            guard let digest = try Self.attribute(Self.messageDigestOID, in: signed), digest.count == 32 else {
                throw Self.invalid("no SHA-256 messageDigest signed attribute")
            }
            messageDigest = digest
            signature = Array(try ASN1OctetString(derEncoded: signatureNode).bytes)
            guard let entry = try Self.attribute(Self.rekorEntryOID, in: unsigned) else {
                throw Self.invalid("no Rekor entry (unsigned attribute 1.3.6.1.4.1.57264.3.1): signed by gitsign without an offline entry, which cannot be verified offline")
            }
            logEntry = entry
        } catch let error as AuditError {
            throw error
        } catch {
            throw Self.invalid("the CMS signature does not parse: \(error)")
        }
    }

    private static func invalid(_ reason: String) -> AuditError { AuditError(.unreadable, "gitsign: \(reason)") }

    private static func children(_ node: ASN1Node) throws -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { throw invalid("expected a constructed DER value") }
        return Array(nodes)
    }

    /// The certificate the signer identifies by issuerAndSerialNumber (sid ::= SEQUENCE { issuer, serialNumber }),
    /// compared as DER with each certificate's issuer and serial (TBSCertificate: [0] version, serialNumber,
    /// signature, issuer, …): a signature that carries a chain names its leaf.
    private static func certificate(for info: [ASN1Node], among certificates: [ASN1Node]) throws -> ASN1Node? {
        guard info.count > 1, case let sid = try children(info[1]), sid.count == 2 else { return nil }
        for certificate in certificates {
            guard let tbs = try children(certificate).first else { continue }
            var parts = try children(tbs)
            if parts.first?.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) { parts.removeFirst() }
            guard parts.count > 2 else { continue }
            if Array(parts[0].encodedBytes) == Array(sid[1].encodedBytes), Array(parts[2].encodedBytes) == Array(sid[0].encodedBytes) {
                return certificate
            }
        }
        return nil
    }

    /// The OCTET STRING value of attribute `oid` (Attribute ::= SEQUENCE { attrType, attrValues SET }).
    private static func attribute(_ oid: ASN1ObjectIdentifier, in attributes: ASN1Node) throws -> [UInt8]? {
        for attribute in try children(attributes) {
            let parts = try children(attribute)
            guard parts.count == 2, try ASN1ObjectIdentifier(derEncoded: parts[0]) == oid,
                  let value = try children(parts[1]).first else { continue }
            return Array(try ASN1OctetString(derEncoded: value).bytes)
        }
        return nil
    }

    /// The Sigstore bundle (v0.2) this signature is: a message signature over the signed attributes, the Fulcio
    /// certificate, and the Rekor entry with its `hashedrekord` body rebuilt as Rekor canonicalized it.
    func bundle() throws(AuditError) -> [UInt8] {
        let entry = try ProtobufLogEntry(logEntry)
        guard entry.kind == "hashedrekord", entry.version == "0.0.1" else {
            throw Self.invalid("the Rekor entry is a \(entry.kind) \(entry.version), not a hashedrekord 0.0.1")
        }
        let digest = Array(SHA256.hash(data: signedAttributes))
        let body: JSONValue = .object([
            "apiVersion": .string("0.0.1"), "kind": .string("hashedrekord"),
            "spec": .object([
                "data": .object(["hash": .object(["algorithm": .string("sha256"), "value": .string(Hex.encode(digest))])]),
                "signature": .object(["content": .string(Base64Text.encode(signature)),
                                      "publicKey": .object(["content": .string(Base64Text.encode(Array(PEMBlock(label: "CERTIFICATE", der: certificate).pem.utf8)))])]),
            ]),
        ])
        var tlog: [String: JSONValue] = [
            "logIndex": .string(String(entry.logIndex)),
            "logId": .object(["keyId": .string(Base64Text.encode(entry.logID))]),
            "kindVersion": .object(["kind": .string(entry.kind), "version": .string(entry.version)]),
            "integratedTime": .string(String(entry.integratedTime)),
            "canonicalizedBody": .string(Base64Text.encode(body.encodedBytes())),
        ]
        if let promise = entry.signedEntryTimestamp {
            tlog["inclusionPromise"] = .object(["signedEntryTimestamp": .string(Base64Text.encode(promise))])
        }
        if let proof = entry.inclusionProof {
            tlog["inclusionProof"] = .object([
                "logIndex": .string(String(proof.logIndex)), "rootHash": .string(Base64Text.encode(proof.rootHash)),
                "treeSize": .string(String(proof.treeSize)), "hashes": .array(proof.hashes.map { .string(Base64Text.encode($0)) }),
                "checkpoint": .object(["envelope": .string(proof.checkpoint)]),
            ])
        }
        let bundle: JSONValue = .object([
            "mediaType": .string("application/vnd.dev.sigstore.bundle+json;version=0.2"),
            "verificationMaterial": .object([
                "x509CertificateChain": .object(["certificates": .array([.object(["rawBytes": .string(Base64Text.encode(certificate))])])]),
                "tlogEntries": .array([.object(tlog)]),
            ]),
            "messageSignature": .object([
                "messageDigest": .object(["algorithm": .string("SHA2_256"), "digest": .string(Base64Text.encode(digest))]),
                "signature": .string(Base64Text.encode(signature)),
            ]),
        ])
        return bundle.encodedBytes()
    }
}

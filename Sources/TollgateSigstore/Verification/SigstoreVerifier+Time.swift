import Crypto
import Foundation
import X509

extension SigstoreVerifier {
    /// Verifies one RFC 3161 timestamp (RFC 3161 §2.4.2; Sigstore client spec "Establishing a
    /// Time for the Signature"): the imprint covers the bundle signature, the signer is a TSA
    /// leaf from the trusted root (embedded certificates are never trusted), the CMS signature
    /// verifies, and genTime lies inside the TSA's `validFor` and its chain's validity.
    func verifyTimestamp(_ der: [UInt8], index: Int, signature: [UInt8]) throws(VerificationFailure) -> Date {
        let token: RFC3161Timestamp
        do { token = try RFC3161Timestamp(der: der) } catch {
            throw VerificationFailure(.timestampInvalid, "timestamp \(index) is malformed: \(error.message)")
        }
        guard let imprintDigest = Self.digest(signature, algorithm: token.imprintAlgorithm), imprintDigest == token.imprint else {
            throw VerificationFailure(.timestampInvalid, "timestamp \(index) does not cover the bundle's signature (message imprint mismatch)")
        }
        guard let contentDigest = Self.digest(token.tstInfoDER, algorithm: token.digestAlgorithm), contentDigest == token.messageDigest else {
            throw VerificationFailure(.timestampInvalid, "timestamp \(index): the signed messageDigest does not match the TSTInfo")
        }
        guard let algorithm = token.certificateSignatureAlgorithm else {
            throw VerificationFailure(.timestampInvalid, "timestamp \(index) uses an unsupported signature algorithm")
        }
        var signedByTrustedTSA = false
        for authority in trustedRoot.timestampAuthorities {
            guard let tsaLeaf = authority.chain.first,
                  tsaLeaf.publicKey.isValidSignature(token.signature, for: token.signedAttributesDER, signatureAlgorithm: algorithm) else {
                continue
            }
            signedByTrustedTSA = true
            guard authority.validFor.contains(token.genTime) else { continue }
            guard authority.chain.allSatisfy({ token.genTime >= $0.notValidBefore && token.genTime <= $0.notValidAfter }) else { continue }
            return token.genTime
        }
        if signedByTrustedTSA {
            throw VerificationFailure(.timestampInvalid,
                                      "timestamp \(index) time \(token.genTime) is outside its TSA's trusted window or certificate validity")
        }
        throw VerificationFailure(.timestampInvalid, "timestamp \(index) is not signed by a timestamp authority in the trusted root")
    }

    static func digest(_ bytes: [UInt8], algorithm: SwiftASN1ObjectIdentifier) -> [UInt8]? {
        switch algorithm {
        case RFC3161Timestamp.OID.sha256: Array(SHA256.hash(data: bytes))
        case RFC3161Timestamp.OID.sha384: Array(SHA384.hash(data: bytes))
        case RFC3161Timestamp.OID.sha512: Array(SHA512.hash(data: bytes))
        default: nil
        }
    }

    /// Verifies the signed entry timestamp (Rekor v1 "inclusion promise"): an ECDSA signature by
    /// the log over the canonical JSON `{"body","integratedTime","logID","logIndex"}` (RFC 8785
    /// key order). Returns the integrated time it covers, or `nil` if there is no SET.
    /// v0.1 bundles MUST carry one (protobuf-specs: "inclusion_promise ... REQUIRED for v0.1").
    func verifySET(_ entry: TransparencyLogEntry, log: TransparencyLogInstance, version: BundleVersion) throws(VerificationFailure) -> Date? {
        guard let set = entry.signedEntryTimestamp else {
            if version == .v0_1 {
                throw VerificationFailure(.setInvalid, "a v0.1 bundle's log entry \(entry.logIndex) must carry an inclusion promise (SET)")
            }
            return nil
        }
        guard let integratedTime = entry.integratedTime else {
            throw VerificationFailure(.setInvalid, "log entry \(entry.logIndex) has a SET but no integrated time")
        }
        let payload = "{\"body\":\"\(Base64Bytes.encode(entry.canonicalizedBody))\",\"integratedTime\":\(integratedTime),\"logID\":\"\(Hex.encode(entry.logID))\",\"logIndex\":\(entry.logIndex)}"
        guard let key = log.key, key.isValidSignature(set, for: Array(payload.utf8), signatureAlgorithm: .ecdsaWithSHA256) else {
            throw VerificationFailure(.setInvalid, "the SET of log entry \(entry.logIndex) does not verify with the key of \(log.baseURL)")
        }
        return Date(timeIntervalSince1970: TimeInterval(integratedTime))
    }
}

import SwiftASN1
import TollgateModel
typealias SwiftASN1ObjectIdentifier = ASN1ObjectIdentifier

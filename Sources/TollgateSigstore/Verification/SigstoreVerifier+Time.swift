import Crypto
import Foundation
import X509

extension SigstoreVerifier {
    /// The most RFC 3161 timestamps a bundle may carry (sigstore-go's limit).
    static let maxTimestamps = 32

    /// Step 1a: every RFC 3161 timestamp is verified; each one that verifies adds its time, and
    /// one that does not (malformed, an imprint over other bytes, an untrusted TSA, a time outside
    /// the TSA's window) is reported as a warning and counts for nothing, as in sigstore-go.
    /// The same timestamp twice is refused: a copy must not count twice toward the threshold.
    func collectTimestamps(_ bundle: UnverifiedBundle, into times: inout [VerifiedTime], warnings: inout [String]) throws(VerificationFailure) {
        let tokens = bundle.rfc3161Timestamps
        guard tokens.count <= Self.maxTimestamps else {
            throw VerificationFailure(.timestampInvalid, "the bundle has \(tokens.count) timestamps; at most \(Self.maxTimestamps) are accepted")
        }
        var seen: [[UInt8]: Int] = [:]
        let signature = bundle.content.signatureBytes
        for (index, der) in tokens.enumerated() {
            let token = try? RFC3161Timestamp(der: der)
            // A TimeStampResp and the bare token inside it are the same timestamp.
            let identity = token?.tstInfoDER ?? der
            if let first = seen.updateValue(index, forKey: identity) {
                throw VerificationFailure(.timestampInvalid, "timestamp \(index) duplicates timestamp \(first); each timestamp may appear once")
            }
            do {
                times.append(VerifiedTime(date: try verifyTimestamp(der, index: index, signature: signature), source: .timestampAuthority))
            } catch {
                warnings.append("\(error.message); it was skipped")
            }
        }
    }

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
            guard let tsaLeaf = authority.chain.first, let tsaLeafDER = authority.chainDER.first,
                  isValidLogSignature(.timestampSignature, key: tsaLeaf.publicKey, keyDER: tsaLeafDER, signature: token.signature,
                                      data: token.signedAttributesDER, algorithm: algorithm) else {
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
        guard let key = log.key, isValidLogSignature(.signedEntryTimestamp, key: key, keyDER: log.spkiDER, signature: set,
                                                     data: Self.setPayload(entry, integratedTime: integratedTime), algorithm: .ecdsaWithSHA256) else {
            throw VerificationFailure(.setInvalid, "the SET of log entry \(entry.logIndex) does not verify with the key of \(log.baseURL)")
        }
        return Date(timeIntervalSince1970: TimeInterval(integratedTime))
    }

    /// The canonical JSON a SET signs (Rekor's `bundle.Payload`), written as bytes:
    /// `{"body":"<base64>","integratedTime":N,"logID":"<hex>","logIndex":N}`.
    static func setPayload(_ entry: TransparencyLogEntry, integratedTime: Int64) -> [UInt8] {
        let body = Base64Text.encodedBytes(entry.canonicalizedBody)
        var payload: [UInt8] = []
        payload.reserveCapacity(body.count + 2 * entry.logID.count + 96)
        payload.append(contentsOf: #"{"body":""#.utf8)
        payload.append(contentsOf: body)
        payload.append(contentsOf: #"","integratedTime":"#.utf8)
        payload.append(contentsOf: String(integratedTime).utf8)
        payload.append(contentsOf: #","logID":""#.utf8)
        payload.append(contentsOf: Hex.encode(entry.logID).utf8)
        payload.append(contentsOf: #"","logIndex":"#.utf8)
        payload.append(contentsOf: String(entry.logIndex).utf8)
        payload.append(UInt8(ascii: "}"))
        return payload
    }
}

import SwiftASN1
import TollgateModel
typealias SwiftASN1ObjectIdentifier = ASN1ObjectIdentifier

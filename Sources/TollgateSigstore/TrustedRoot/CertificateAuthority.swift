import Crypto
import TollgateModel
import X509

/// A Fulcio CA or timestamp authority from the trusted root: its chain (issuing certificate
/// first, root last) and the window in which it may be used.
public struct CertificateAuthority: Sendable {
    public let uri: String
    public let chain: [Certificate]
    public let validFor: TimeRange
    /// The DER of each certificate in `chain`, as the trusted root carries it.
    let chainDER: [[UInt8]]
    /// SHA-256 of each chain certificate's DER SubjectPublicKeyInfo (an SCT's issuer key hash,
    /// RFC 6962 §3.2), computed on first use.
    let keyHashes: [Lazy<[UInt8]>]

    init(wire: TrustedRootWire.CertificateAuthorityWire, at path: String) throws(SigstoreError) {
        let list = wire.certChain?.certificates ?? []
        guard !list.isEmpty, list.count <= 10 else {
            throw SigstoreError(.invalidTrustedRoot, "\(path).certChain must hold 1...10 certificates")
        }
        var certificates: [Certificate] = []
        var ders: [[UInt8]] = []
        for (index, item) in list.enumerated() {
            guard let text = item.rawBytes, let der = Base64Bytes.decode(text),
                  let certificate = try? Certificate(derEncoded: der) else {
                throw SigstoreError(.invalidTrustedRoot, "\(path).certChain.certificates[\(index)] is not a base64 DER certificate")
            }
            certificates.append(certificate)
            ders.append(der)
        }
        // The chain is fixed: check each link once here so per-bundle work is only the leaf.
        for index in 0..<(certificates.count - 1) {
            let child = certificates[index]
            let parent = certificates[index + 1]
            guard child.issuer == parent.subject, parent.publicKey.isValidSignature(child.signature, for: child) else {
                throw SigstoreError(.invalidTrustedRoot, "\(path).certChain: certificate \(index) is not signed by certificate \(index + 1)")
            }
        }
        self.init(uri: wire.uri ?? "", chain: certificates, chainDER: ders,
                  validFor: try Self.timeRange(wire.validFor, at: "\(path).validFor"))
    }

    /// A CA from parts already checked: by the JSON initializer above, or, for a shipped
    /// trusted root, by `ShippedTrustedRootTests` over the same bytes.
    init(uri: String, chain: [Certificate], chainDER: [[UInt8]], validFor: TimeRange) {
        self.uri = uri
        self.chain = chain
        self.chainDER = chainDER
        self.validFor = validFor
        keyHashes = chain.map { certificate in Lazy { Array(SHA256.hash(data: SPKI.der(certificate.publicKey))) } }
    }

    static func timeRange(_ wire: TrustedRootWire.TimeRangeWire?, at path: String) throws(SigstoreError) -> TimeRange {
        guard let wire else { throw SigstoreError(.invalidTrustedRoot, "\(path) is missing") }
        guard let startText = wire.start else {
            throw SigstoreError(.invalidTrustedRoot, "\(path).start is missing; a validity window must have a start")
        }
        guard let start = TimeRange.parseTimestamp(startText) else {
            throw SigstoreError(.invalidTrustedRoot, "\(path).start \"\(startText.prefix(40))\" is not an RFC 3339 time")
        }
        var end: Date?
        if let endText = wire.end {
            guard let parsed = TimeRange.parseTimestamp(endText) else {
                throw SigstoreError(.invalidTrustedRoot, "\(path).end \"\(endText.prefix(40))\" is not an RFC 3339 time")
            }
            end = parsed
        }
        return TimeRange(start: start, end: end)
    }
}

import Foundation

import Foundation
import TollgateModel

/// The parts of a Rekor entry body (`canonicalizedBody`) that must match the bundle
/// (CVE-2022-36056: a valid entry for *other* content must not vouch for this bundle).
/// Kinds: hashedrekord 0.0.1 / 0.0.2, dsse 0.0.1 / 0.0.2, intoto 0.0.1 / 0.0.2 (rekor `pkg/types`,
/// rekor-tiles `api/proto`).
struct RekorEntryBody: Equatable {
    enum Content: Equatable {
        /// hashedrekord: the digest of the signed bytes (artifact, or the DSSE PAE in Rekor v2).
        case hashed(algorithm: String, digest: [UInt8])
        /// dsse / intoto: the digest of the envelope payload.
        case payloadHash(algorithm: String, digest: [UInt8])
    }

    let content: Content
    /// Each (signature, verifier) pair; the verifier is DER (certificate or SPKI) when known.
    let signatures: [(signature: [UInt8], verifierDER: [UInt8]?)]
    /// For intoto 0.0.2 the payload type is part of the entry.
    let payloadType: String?
    /// dsse 0.0.1: the hash of the envelope JSON the client submitted (`envelopeHash`); intoto
    /// 0.0.1: the same, as `content.hash`.
    let envelopeHash: (algorithm: String, digest: [UInt8])?
    /// intoto 0.0.1 (cosign 1.x/2.x attestations) records no signature, only the signer's
    /// certificate or key (`spec.publicKey`): the signature is bound through ``envelopeHash``,
    /// the hash of the whole envelope, signature included.
    var envelopeSigner: [UInt8]? = nil

    static func == (lhs: RekorEntryBody, rhs: RekorEntryBody) -> Bool {
        lhs.content == rhs.content && lhs.payloadType == rhs.payloadType
            && lhs.signatures.map(\.signature) == rhs.signatures.map(\.signature)
            && lhs.signatures.map(\.verifierDER) == rhs.signatures.map(\.verifierDER)
            && lhs.envelopeHash?.algorithm == rhs.envelopeHash?.algorithm && lhs.envelopeHash?.digest == rhs.envelopeHash?.digest
            && lhs.envelopeSigner == rhs.envelopeSigner
    }

    // MARK: wire

    struct Envelope: Decodable, Equatable {
        var apiVersion: String?
        var kind: String?
        var spec: Spec?
    }

    struct Spec: Decodable, Equatable {
        // hashedrekord 0.0.1
        var data: HashedData?
        var signature: HashedSignature?
        // hashedrekord 0.0.2
        var hashedRekordV002: HashedRekordV002?
        // dsse 0.0.1
        var payloadHash: HashValue?
        var envelopeHash: HashValue?
        var signatures: [DSSESig]?
        // dsse 0.0.2
        var dsseV002: DSSEV002?
        // intoto 0.0.1 / 0.0.2
        var content: IntotoContent?
        // intoto 0.0.1: base64 of the signer's PEM certificate or key
        var publicKey: String?
    }

    struct HashValue: Decodable, Equatable {
        var algorithm: String?
        var value: String?
    }

    struct HashedData: Decodable, Equatable { var hash: HashValue? }

    struct HashedSignature: Decodable, Equatable {
        var content: String?
        var publicKey: PublicKeyContent?
    }

    struct PublicKeyContent: Decodable, Equatable { var content: String? }

    struct HashedRekordV002: Decodable, Equatable {
        var data: V2Hash?
        var signature: V2Signature?
    }

    struct V2Hash: Decodable, Equatable {
        var algorithm: String?
        var digest: String?
    }

    struct V2Signature: Decodable, Equatable {
        var content: String?
        var verifier: V2Verifier?
    }

    struct V2Verifier: Decodable, Equatable {
        var x509Certificate: BundleWire.BytesWire?
        var publicKey: BundleWire.BytesWire?
    }

    struct DSSESig: Decodable, Equatable {
        var signature: String?
        var verifier: String?
    }

    struct DSSEV002: Decodable, Equatable {
        var payloadHash: V2Hash?
        var signatures: [V2Signature]?
    }

    struct IntotoContent: Decodable, Equatable {
        var envelope: IntotoEnvelope?
        var payloadHash: HashValue?
        // intoto 0.0.1: the hash of the submitted envelope JSON
        var hash: HashValue?
    }

    struct IntotoEnvelope: Decodable, Equatable {
        var payloadType: String?
        var signatures: [IntotoSig]?
    }

    struct IntotoSig: Decodable, Equatable {
        var sig: String?
        var publicKey: String?
    }

    /// Parses the body for the entry's declared kind and version; a body of another kind
    /// than declared is rejected. `knownCertificate` (the bundle's signing certificate DER) only
    /// saves decoding a PEM certificate that is byte for byte the PEM of that DER.
    init(body: [UInt8], kind: String, version: String, knownCertificate: [UInt8]? = nil) throws(EntryBodyError) {
        let envelope: Envelope
        do {
            envelope = try Envelope.decode(body)
        } catch {
            throw EntryBodyError("the log entry body is not valid JSON")
        }
        guard envelope.kind == kind, envelope.apiVersion == version, let spec = envelope.spec else {
            throw EntryBodyError("the log entry body is \(envelope.kind ?? "?")/\(envelope.apiVersion ?? "?"), but the bundle says \(kind)/\(version)")
        }
        switch (kind, version) {
        case ("hashedrekord", "0.0.1"):
            guard let algorithm = spec.data?.hash?.algorithm, let hex = spec.data?.hash?.value, let digest = Hex.decode(hex),
                  let sigText = spec.signature?.content, let sig = Base64Bytes.decode(sigText) else {
                throw EntryBodyError("the hashedrekord 0.0.1 body lacks hash or signature")
            }
            let verifier = spec.signature?.publicKey?.content.flatMap(Base64Bytes.decode).flatMap({ Self.pemToDER($0, known: knownCertificate) })
            content = .hashed(algorithm: algorithm, digest: digest)
            signatures = [(sig, verifier)]
            payloadType = nil
            envelopeHash = nil
        case ("hashedrekord", "0.0.2"):
            guard let v2 = spec.hashedRekordV002, let algorithm = v2.data?.algorithm,
                  let digestText = v2.data?.digest, let digest = Base64Bytes.decode(digestText),
                  let sigText = v2.signature?.content, let sig = Base64Bytes.decode(sigText) else {
                throw EntryBodyError("the hashedrekord 0.0.2 body lacks data or signature")
            }
            content = .hashed(algorithm: Self.normalise(algorithm), digest: digest)
            signatures = [(sig, Self.v2Verifier(v2.signature?.verifier))]
            payloadType = nil
            envelopeHash = nil
        case ("dsse", "0.0.1"):
            guard let algorithm = spec.payloadHash?.algorithm, let hex = spec.payloadHash?.value, let digest = Hex.decode(hex) else {
                throw EntryBodyError("the dsse 0.0.1 body lacks payloadHash")
            }
            var list: [([UInt8], [UInt8]?)] = []
            for item in spec.signatures ?? [] {
                guard let text = item.signature, let sig = Base64Bytes.decode(text) else {
                    throw EntryBodyError("the dsse 0.0.1 body has a signature that is not base64")
                }
                list.append((sig, item.verifier.flatMap(Base64Bytes.decode).flatMap({ Self.pemToDER($0, known: knownCertificate) })))
            }
            // Rekor computes envelopeHash for every dsse 0.0.1 entry (rekor pkg/types/dsse/v0.0.1).
            guard let envelopeAlgorithm = spec.envelopeHash?.algorithm, let envelopeHex = spec.envelopeHash?.value,
                  let envelopeDigest = Hex.decode(envelopeHex) else {
                throw EntryBodyError("the dsse 0.0.1 body lacks envelopeHash")
            }
            content = .payloadHash(algorithm: algorithm, digest: digest)
            signatures = list
            payloadType = nil
            envelopeHash = (envelopeAlgorithm, envelopeDigest)
        case ("dsse", "0.0.2"):
            guard let v2 = spec.dsseV002, let algorithm = v2.payloadHash?.algorithm,
                  let digestText = v2.payloadHash?.digest, let digest = Base64Bytes.decode(digestText) else {
                throw EntryBodyError("the dsse 0.0.2 body lacks payloadHash")
            }
            var list: [([UInt8], [UInt8]?)] = []
            for item in v2.signatures ?? [] {
                guard let text = item.content, let sig = Base64Bytes.decode(text) else {
                    throw EntryBodyError("the dsse 0.0.2 body has a signature that is not base64")
                }
                list.append((sig, Self.v2Verifier(item.verifier)))
            }
            content = .payloadHash(algorithm: Self.normalise(algorithm), digest: digest)
            signatures = list
            payloadType = nil
            envelopeHash = nil
        case ("intoto", "0.0.1"):
            guard let algorithm = spec.content?.payloadHash?.algorithm, let hex = spec.content?.payloadHash?.value,
                  let digest = Hex.decode(hex) else {
                throw EntryBodyError("the intoto 0.0.1 body lacks payloadHash")
            }
            guard let envelopeAlgorithm = spec.content?.hash?.algorithm, let envelopeHex = spec.content?.hash?.value,
                  let envelopeDigest = Hex.decode(envelopeHex) else {
                throw EntryBodyError("the intoto 0.0.1 body lacks the envelope hash (content.hash)")
            }
            guard let signer = spec.publicKey.flatMap(Base64Bytes.decode).flatMap({ Self.pemToDER($0, known: knownCertificate) }) else {
                throw EntryBodyError("the intoto 0.0.1 body lacks a PEM publicKey")
            }
            content = .payloadHash(algorithm: algorithm, digest: digest)
            signatures = []
            payloadType = nil
            envelopeHash = (envelopeAlgorithm, envelopeDigest)
            envelopeSigner = signer
        case ("intoto", "0.0.2"):
            guard let algorithm = spec.content?.payloadHash?.algorithm, let hex = spec.content?.payloadHash?.value,
                  let digest = Hex.decode(hex) else {
                throw EntryBodyError("the intoto 0.0.2 body lacks payloadHash")
            }
            var list: [([UInt8], [UInt8]?)] = []
            // intoto 0.0.2 stores the signature base64-encoded twice and the PEM key once.
            for item in spec.content?.envelope?.signatures ?? [] {
                guard let outer = item.sig.flatMap(Base64Bytes.decode), let inner = String(bytes: outer, encoding: .utf8),
                      let sig = Base64Bytes.decode(inner) else {
                    throw EntryBodyError("the intoto 0.0.2 body has a signature that is not double base64")
                }
                let key = item.publicKey.flatMap(Base64Bytes.decode).flatMap({ Self.pemToDER($0, known: knownCertificate) })
                list.append((sig, key))
            }
            content = .payloadHash(algorithm: algorithm, digest: digest)
            signatures = list
            payloadType = spec.content?.envelope?.payloadType
            envelopeHash = nil
        default:
            throw EntryBodyError("log entry kind \(kind)/\(version) is not supported")
        }
    }

    private static func v2Verifier(_ verifier: V2Verifier?) -> [UInt8]? {
        if let cert = verifier?.x509Certificate?.rawBytes { return Base64Bytes.decode(cert) }
        if let key = verifier?.publicKey?.rawBytes { return Base64Bytes.decode(key) }
        return nil
    }

    /// "SHA2_256" (protobuf enum) and "sha256" (Rekor v1) name the same algorithm.
    static func normalise(_ algorithm: String) -> String {
        switch algorithm.uppercased() {
        case "SHA2_256", "SHA256": "sha256"
        case "SHA2_384", "SHA384": "sha384"
        case "SHA2_512", "SHA512": "sha512"
        default: algorithm.lowercased()
        }
    }

    /// Decodes the first PEM block (certificate or public key) to DER with TollgateModel's
    /// ``PEMBlock`` (RFC 7468). When `pem` is byte for byte the PEM that ``PEMBlock`` writes for
    /// `known` (an entry usually carries the bundle's own certificate so), parsing it could only
    /// give `known` back, so it is not parsed.
    static func pemToDER(_ pem: [UInt8], known: [UInt8]? = nil) -> [UInt8]? {
        if let known, pem == PEMBlock(label: "CERTIFICATE", der: known).pemBytes { return known }
        return (try? PEMBlock(parsing: String(decoding: pem, as: UTF8.self)))?.der
    }
}

/// Why a log entry body cannot be read.
struct EntryBodyError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

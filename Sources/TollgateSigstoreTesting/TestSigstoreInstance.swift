import Crypto
import Foundation
import TollgateModel
import TollgateSigstore
import X509

/// A whole Sigstore deployment for tests: a Fulcio-like CA (``TestFulcio``), a CT log
/// (``TestCTLog``) and a Rekor-like log (``TestRekorLog``), producing v0.3 bundles (message
/// signature and DSSE), PEP 740 attestation objects, and the `trusted_root.json` that names them,
/// exactly as a real deployment would: Tollgate's unmodified `SigstoreVerifier` (and
/// sigstore-python, given ``clientTrustConfigJSON()``) verifies them against that root.
///
/// Every signing uses a fresh ephemeral P-256 key, a fresh leaf certificate and a new log entry
/// (with its own checkpoint), so no two bundles share a signature.
public struct TestSigstoreInstance: Sendable {
    public let fulcio: TestFulcio
    public let ctLog: TestCTLog
    public private(set) var rekor: TestRekorLog
    /// An RFC 3161 timestamp authority, named in the trusted root.
    public let tsa: TestTimestampAuthority
    /// Whether bundles carry an RFC 3161 timestamp of their signature (besides the SET).
    public var timestamped = false
    /// The start of every `validFor` in the trusted root (and of the CA certificates' validity).
    public let validFrom: Date
    /// The signing time of the next bundle (leaf `notBefore`, SCT time and integrated time).
    public var signingTime: @Sendable () -> Date

    /// A new instance. Its keys and certificates are valid from a day before `now`; bundles are
    /// signed a minute before the clock reads (so a verifier's "not in the future" check passes).
    /// `fillerEntries` other entries are logged first, so inclusion proofs are not trivial.
    public init(now: Date = Date(), fillerEntries: Int = 6) throws {
        validFrom = now.addingTimeInterval(-86_400).rounded()
        fulcio = try TestFulcio(validFrom: validFrom)
        ctLog = TestCTLog()
        tsa = try TestTimestampAuthority(validFrom: validFrom)
        rekor = TestRekorLog()
        signingTime = { Date().addingTimeInterval(-60) }
        for index in 0..<fillerEntries {
            rekor.append(Array("{\"filler\":\(index)}".utf8))
        }
    }

    // MARK: - Trust material

    /// `trusted_root.json` (protobuf-specs `dev.sigstore.trustroot.v1.TrustedRoot`, JSON form).
    public var trustedRoot: JSONValue {
        let start = JSONValue.string(Self.rfc3339(validFrom))
        func log(_ url: String, _ spki: [UInt8], _ id: [UInt8]) -> JSONValue {
            ["baseUrl": .string(url), "hashAlgorithm": "SHA2_256",
             "publicKey": ["rawBytes": .string(Base64Text.encode(spki)), "keyDetails": "PKIX_ECDSA_P256_SHA_256", "validFor": ["start": start]],
             "logId": ["keyId": .string(Base64Text.encode(id))]]
        }
        return [
            "mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
            "tlogs": [log(rekor.baseURL, rekor.spkiDER, rekor.logID)],
            "certificateAuthorities": [[
                "subject": ["organization": "tollgate.test", "commonName": "tollgate-test-root"],
                "uri": .string(fulcio.uri),
                "certChain": ["certificates": .array(fulcio.chainDER.map { ["rawBytes": .string(Base64Text.encode($0))] })],
                "validFor": ["start": start],
            ]],
            "ctlogs": [log(ctLog.baseURL, ctLog.spkiDER, ctLog.logID)],
            "timestampAuthorities": [[
                "subject": ["organization": "tollgate.test", "commonName": "tollgate-test-tsa"],
                "uri": .string(tsa.uri),
                "certChain": ["certificates": .array(tsa.chainDER.map { ["rawBytes": .string(Base64Text.encode($0))] })],
                "validFor": ["start": start],
            ]],
        ]
    }

    /// The trusted root as the JSON bytes `--trusted-root` reads.
    public var trustedRootJSON: [UInt8] { trustedRoot.encodedBytes(pretty: true) }

    /// A `ClientTrustConfig` (sigstore-python's `--trust-config`): this trusted root and a
    /// signing configuration naming this instance's services.
    public func clientTrustConfigJSON() -> [UInt8] {
        let validFor: JSONValue = ["start": .string(Self.rfc3339(validFrom))]
        func service(_ url: String) -> JSONValue {
            ["url": .string(url), "majorApiVersion": 1, "validFor": validFor, "operator": "tollgate.test"]
        }
        let config: JSONValue = [
            "mediaType": "application/vnd.dev.sigstore.clienttrustconfig.v0.1+json",
            "trustedRoot": trustedRoot,
            "signingConfig": [
                "mediaType": "application/vnd.dev.sigstore.signingconfig.v0.2+json",
                "caUrls": [service(fulcio.uri)],
                "oidcUrls": [service("https://oauth2.tollgate.test/auth")],
                "rekorTlogUrls": [service(rekor.baseURL)],
                "tsaUrls": [],
                "rekorTlogConfig": ["selector": "ANY"],
                "tsaConfig": ["selector": "ANY"],
            ],
        ]
        return config.encodedBytes(pretty: true)
    }

    // MARK: - Signing

    /// The signer of one bundle: an ephemeral key and the leaf Fulcio issued for it.
    struct Signer {
        let key: P256.Signing.PrivateKey
        let leafDER: [UInt8]
        let time: Date
        var certificatePEM: String { PEMBlock(label: "CERTIFICATE", der: leafDER).pem }
    }

    func certify(_ identity: TestFulcioIdentity) throws -> Signer {
        let key = P256.Signing.PrivateKey()
        let time = signingTime().rounded()
        let leaf = try fulcio.issue(for: identity, publicKey: key.publicKey, issuedAt: time, ctLog: ctLog)
        return Signer(key: key, leafDER: leaf, time: time)
    }

    /// Appends `body` (canonical JSON) to the Rekor log; its index (``TestRekorLog/entry(index:body:kind:version:integratedTime:)`` proves it).
    public mutating func appendLogEntry(_ body: [UInt8]) -> UInt64 {
        rekor.append(body)
    }

    /// A v0.3 message-signature bundle for `artifact`: ECDSA P-256 over its SHA-256, logged as a
    /// hashedrekord 0.0.1 entry.
    public mutating func signMessage(_ artifact: [UInt8], identity: TestFulcioIdentity) async throws -> [UInt8] {
        let signer = try certify(identity)
        let digest = Array(SHA256.hash(data: artifact))
        let signature = Array(try signer.key.signature(for: artifact).derRepresentation)
        let body = RekorEntryRequest.hashedRekord(sha256: digest, signature: signature, certificatePEM: signer.certificatePEM)
        let entry = try await rekor.logEntry(body: body.encodedBytes(), kind: "hashedrekord", version: "0.0.1", integratedTime: signer.time)
        let bundle: JSONValue = [
            "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
            "verificationMaterial": try material(signer, entry: entry, signature: signature),
            "messageSignature": ["messageDigest": ["algorithm": "SHA2_256", "digest": .string(Base64Text.encode(digest))],
                                 "signature": .string(Base64Text.encode(signature))],
        ]
        return bundle.encodedBytes()
    }

    /// The bundle's `verificationMaterial`: the leaf, the log entry and, when ``timestamped``, an
    /// RFC 3161 timestamp of the signature at the signing time.
    func material(_ signer: Signer, entry: JSONValue, signature: [UInt8]) throws -> JSONValue {
        var material: JSONValue = ["certificate": ["rawBytes": .string(Base64Text.encode(signer.leafDER))], "tlogEntries": [entry]]
        if timestamped, case .object(var members) = material {
            let token = try tsa.timestamp(signature, at: signer.time)
            members["timestampVerificationData"] = ["rfc3161Timestamps": [["signedTimestamp": .string(Base64Text.encode(token))]]]
            material = .object(members)
        }
        return material
    }

    /// A DSSE signature over `payload`, logged as a dsse 0.0.1 entry; the parts of a bundle.
    struct SignedEnvelope {
        let envelope: DSSEEnvelope
        let signer: Signer
        let entry: JSONValue
    }

    mutating func signEnvelope(payload: [UInt8], payloadType: String, identity: TestFulcioIdentity) async throws -> SignedEnvelope {
        let signer = try certify(identity)
        let pae = DSSE.pae(payloadType: payloadType, payload: payload)
        let signature = Array(try signer.key.signature(for: pae).derRepresentation)
        let envelope = DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: [DSSESignature(signature: signature)])
        // Rekor's dsse 0.0.1 records the SHA-256 of the envelope JSON the client submitted
        // (compact, `keyid` omitted when empty, as sigstore-python and sigstore-go write it).
        let body: JSONValue = [
            "apiVersion": "0.0.1", "kind": "dsse",
            "spec": [
                "envelopeHash": ["algorithm": "sha256", "value": .string(DigestAlgorithm.sha256.hash(envelope.jsonBytes()).hex)],
                "payloadHash": ["algorithm": "sha256", "value": .string(DigestAlgorithm.sha256.hash(payload).hex)],
                "signatures": [["signature": .string(Base64Text.encode(signature)),
                                "verifier": .string(Base64Text.encode(Array(signer.certificatePEM.utf8)))]],
            ],
        ]
        let entry = try await rekor.logEntry(body: body.encodedBytes(), kind: "dsse", version: "0.0.1", integratedTime: signer.time)
        return SignedEnvelope(envelope: envelope, signer: signer, entry: entry)
    }

    /// A v0.3 DSSE bundle over `payload` (an in-toto statement unless `payloadType` says otherwise).
    public mutating func signDSSE(_ payload: [UInt8], payloadType: String = DSSE.inTotoPayloadType,
                                  identity: TestFulcioIdentity) async throws -> [UInt8] {
        let signed = try await signEnvelope(payload: payload, payloadType: payloadType, identity: identity)
        let bundle: JSONValue = [
            "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
            "verificationMaterial": try material(signed.signer, entry: signed.entry, signature: signed.envelope.signatures[0].signature),
            "dsseEnvelope": ["payload": .string(Base64Text.encode(payload)), "payloadType": .string(payloadType),
                             "signatures": [["sig": .string(Base64Text.encode(signed.envelope.signatures[0].signature))]]],
        ]
        return bundle.encodedBytes()
    }

    /// A PEP 740 attestation object (https://peps.python.org/pep-0740/#attestation-objects) over
    /// `statement`, as PyPI serves it in a provenance object's `attestation_bundles`.
    public mutating func attestPEP740(_ statement: [UInt8], identity: TestFulcioIdentity) async throws -> JSONValue {
        let signed = try await signEnvelope(payload: statement, payloadType: DSSE.inTotoPayloadType, identity: identity)
        return [
            "version": 1,
            "verification_material": ["certificate": .string(Base64Text.encode(signed.signer.leafDER)),
                                      "transparency_entries": [signed.entry]],
            "envelope": ["statement": .string(Base64Text.encode(statement)),
                         "signature": .string(Base64Text.encode(signed.envelope.signatures[0].signature))],
        ]
    }

    /// An in-toto v1 statement about one subject.
    public static func statement(subjectName: String, digest: [String: String], predicateType: String,
                                 predicate: JSONValue = [:]) -> [UInt8] {
        InTotoStatement(subjects: [InTotoSubject(name: subjectName, digest: digest)], predicateType: predicateType,
                        predicate: predicate).jsonBytes()
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension Date {
    /// Whole seconds: certificate times and integrated times carry no fractions.
    func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}

import Crypto
import Foundation
import TollgateModel
import TollgateSigstore
import X509

/// The HTTP APIs of a ``TestSigstoreInstance`` as request → answer functions, for a loopback
/// server to expose: Fulcio v2 `POST /api/v2/signingCert` and Rekor v1 `POST /api/v1/log/entries`
/// (`hashedrekord` 0.0.1 and `dsse` 0.0.1), answering in the services' own JSON shapes.
///
/// Unlike the real Fulcio, the token's signature is not checked (there is no OIDC issuer to hold
/// keys): its claims are trusted as they are. Everything else is checked as Fulcio and Rekor do:
/// the audience, the proof of possession over the token's identity (`email` for email issuers,
/// else `sub`), and the entry's signature with its key.
/// The identity certified is the token's `email` claim (an email SAN) if it has one, else its
/// `sub` (a URI SAN), with the token's `iss` as issuer.
public actor TestSigstoreServices {
    public private(set) var instance: TestSigstoreInstance
    /// When set, every Fulcio or Rekor request answers this status and `{"code", "message"}`.
    public var fulcioFailure: (status: Int, message: String)?
    public var rekorFailure: (status: Int, message: String)?

    public init(instance: TestSigstoreInstance) {
        self.instance = instance
    }

    public func failFulcio(_ status: Int, _ message: String) { fulcioFailure = (status, message) }
    public func failRekor(_ status: Int, _ message: String) { rekorFailure = (status, message) }

    /// An unsigned JWT (`alg: none`) carrying `claims`: what these services accept as an identity token.
    public static func unsignedToken(_ claims: JSONValue) -> String {
        func part(_ value: JSONValue) -> String {
            Base64Text.encode(value.encodedBytes()).replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        return part(["alg": "none", "typ": "JWT"]) + "." + part(claims) + "."
    }

    public struct Answer: Sendable {
        public let status: Int
        public let body: [UInt8]
    }

    static func error(_ status: Int, _ message: String) -> Answer {
        Answer(status: status, body: (["code": .integer(Int64(status)), "message": .string(message)] as JSONValue).encodedBytes())
    }

    // MARK: - Fulcio

    public func signingCertificate(_ body: [UInt8], authorization: String?) -> Answer {
        if let fulcioFailure { return Self.error(fulcioFailure.status, fulcioFailure.message) }
        guard let request = try? JSONValue.parse(body) else { return Self.error(400, "invalid JSON") }
        let raw = request["credentials"]?["oidcIdentityToken"]?.stringValue
            ?? authorization.flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let raw else { return Self.error(401, "no OIDC identity token") }
        let token: OIDCIdentityToken
        do {
            token = try OIDCIdentityToken(raw)
        } catch {
            return Self.error(401, "invalid identity token: \(error.reason)")
        }
        guard let pem = request["publicKeyRequest"]?["publicKey"]?["content"]?.stringValue,
              let key = try? P256.Signing.PublicKey(pemRepresentation: pem) else {
            return Self.error(400, "publicKeyRequest.publicKey.content is not a P-256 PEM public key")
        }
        guard let proofText = request["publicKeyRequest"]?["proofOfPossession"]?.stringValue,
              let proof = Base64Text.decode(proofText), let signature = try? P256.Signing.ECDSASignature(derRepresentation: proof),
              key.isValidSignature(signature, for: Array(token.identity.utf8)) else {
            return Self.error(400, "the proof of possession is not a signature of the token's identity (email or sub) with the public key")
        }
        let claims = (try? JSONValue.parse(Base64Text.decodeURL(token.raw.split(separator: ".")[1]) ?? []))
        let san: TestFulcioIdentity.SubjectAlternativeName = if let email = claims?["email"]?.stringValue { .email(email) } else { .uri(token.subject) }
        let identity = TestFulcioIdentity(subjectAlternativeName: san, issuer: token.certificateIssuer)
        do {
            let leaf = try instance.fulcio.issue(for: identity, publicKey: key, issuedAt: instance.signingTime().rounded(), ctLog: instance.ctLog)
            let chain = [leaf] + instance.fulcio.chainDER
            let answer: JSONValue = ["signedCertificateEmbeddedSct": ["chain": ["certificates": .array(chain.map {
                .string(PEMBlock(label: "CERTIFICATE", der: $0).pem)
            })]]]
            return Answer(status: 201, body: answer.encodedBytes())
        } catch {
            return Self.error(500, "cannot issue: \(ErrorText.describe(error))")
        }
    }

    // MARK: - Rekor

    public func createEntry(_ body: [UInt8]) async -> Answer {
        if let rekorFailure { return Self.error(rekorFailure.status, rekorFailure.message) }
        guard let proposed = try? JSONValue.parse(body), proposed["apiVersion"]?.stringValue == "0.0.1" else {
            return Self.error(400, "expected a 0.0.1 entry")
        }
        let canonical: JSONValue
        let kind: String
        switch proposed["kind"]?.stringValue {
        case "hashedrekord":
            guard let signature = proposed["spec"]?["signature"]?["content"]?.stringValue.flatMap(Base64Text.decode),
                  let certificate = proposed["spec"]?["signature"]?["publicKey"]?["content"]?.stringValue.flatMap(Base64Text.decode),
                  let digest = proposed["spec"]?["data"]?["hash"]?["value"]?.stringValue.flatMap(Hex.decode),
                  let key = Self.key(certificatePEM: certificate),
                  let sha = try? Digest(algorithm: .sha256, bytes: digest),
                  key.verify(signature: signature, digest: sha).isValid else {
                return Self.error(400, "the hashedrekord signature does not verify with its certificate")
            }
            canonical = proposed
            kind = "hashedrekord"
        case "dsse":
            guard let envelopeText = proposed["spec"]?["proposedContent"]?["envelope"]?.stringValue,
                  let envelope = try? DSSEEnvelope(parsing: Array(envelopeText.utf8)), envelope.signatures.count == 1,
                  let verifier = proposed["spec"]?["proposedContent"]?["verifiers"]?[0]?.stringValue,
                  let certificate = Base64Text.decode(verifier), let key = Self.key(certificatePEM: certificate),
                  key.verify(signature: envelope.signatures[0].signature,
                             message: DSSE.pae(payloadType: envelope.payloadType, payload: envelope.payload)).isValid else {
                return Self.error(400, "the dsse envelope's signature does not verify with its verifier")
            }
            canonical = [
                "apiVersion": "0.0.1", "kind": "dsse",
                "spec": [
                    "envelopeHash": ["algorithm": "sha256", "value": .string(DigestAlgorithm.sha256.hash(Array(envelopeText.utf8)).hex)],
                    "payloadHash": ["algorithm": "sha256", "value": .string(DigestAlgorithm.sha256.hash(envelope.payload).hex)],
                    "signatures": [["signature": .string(Base64Text.encode(envelope.signatures[0].signature)), "verifier": .string(verifier)]],
                ],
            ]
            kind = "dsse"
        default:
            return Self.error(400, "unsupported kind")
        }
        do {
            let bytes = canonical.encodedBytes()
            let index = instance.appendLogEntry(bytes)
            let log = instance.rekor
            let entry = try await log.entry(index: index, body: bytes, kind: kind, version: "0.0.1", integratedTime: instance.signingTime().rounded())
            return Answer(status: 201, body: Self.rekorV1(entry).encodedBytes())
        } catch {
            return Self.error(500, "cannot log: \(ErrorText.describe(error))")
        }
    }

    /// A bundle `TransparencyLogEntry` as Rekor v1 answers it: `{UUID: {body, integratedTime,
    /// logID (hex), logIndex, verification: {inclusionProof (hex hashes), signedEntryTimestamp}}}`.
    static func rekorV1(_ entry: JSONValue) -> JSONValue {
        func hex(_ value: JSONValue?) -> JSONValue { .string(Hex.encode(value?.stringValue.flatMap(Base64Text.decode) ?? [])) }
        func number(_ value: JSONValue?) -> JSONValue { .integer(value?.stringValue.flatMap(Int64.init) ?? 0) }
        let proof = entry["inclusionProof"]
        let body = entry["canonicalizedBody"]?.stringValue ?? ""
        let uuid = DigestAlgorithm.sha256.hash(Base64Text.decode(body) ?? []).hex
        return .object([uuid: [
            "body": .string(body),
            "integratedTime": number(entry["integratedTime"]),
            "logID": hex(entry["logId"]?["keyId"]),
            "logIndex": number(entry["logIndex"]),
            "verification": [
                "signedEntryTimestamp": entry["inclusionPromise"]?["signedEntryTimestamp"] ?? .null,
                "inclusionProof": [
                    "logIndex": number(proof?["logIndex"]),
                    "rootHash": hex(proof?["rootHash"]),
                    "treeSize": number(proof?["treeSize"]),
                    "hashes": .array((proof?["hashes"]?.arrayValue ?? []).map { hex($0) }),
                    "checkpoint": proof?["checkpoint"]?["envelope"] ?? .null,
                ],
            ],
        ]])
    }

    /// The public key of a PEM certificate (what hashedrekord and dsse entries carry).
    static func key(certificatePEM: [UInt8]) -> PublicKey? {
        guard let block = try? PEMBlock(parsing: String(decoding: certificatePEM, as: UTF8.self)),
              let certificate = try? Certificate(derEncoded: block.der) else { return nil }
        return try? PublicKey(spkiDER: TestFulcio.spkiDER(certificate.publicKey))
    }
}

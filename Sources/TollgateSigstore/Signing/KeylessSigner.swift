import Crypto
import Foundation
import TollgateModel

/// Keyless Sigstore signing, as cosign and sigstore-python do it: an ephemeral P-256 key, a
/// short-lived certificate for it from Fulcio (v2 `signingCert`, proof of possession: the key's
/// signature over the identity token's `sub`, or `email` for email issuers), the signature logged in Rekor (v1, `hashedrekord`
/// 0.0.1 for a blob, `dsse` 0.0.1 for an envelope), and a v0.3 bundle assembled from the answers.
///
/// Fail closed: the bundle is verified with ``SigstoreVerifier`` against `trustedRoot` (chain, SCT,
/// SET, inclusion proof and checkpoint, signature, and the token's issuer) before it is returned;
/// one that does not verify is an error, never an output. The key lives only in memory for one
/// signing.
public struct KeylessSigner: Sendable {
    public static let publicGoodFulcio = "https://fulcio.sigstore.dev"
    public static let publicGoodRekor = "https://rekor.sigstore.dev"
    /// The largest Fulcio or Rekor answer read.
    public static let maxResponseBytes = 1 << 20

    let transport: any SigstoreHTTPTransport
    let fulcioURL: String
    let rekorURL: String
    let trustedRoot: TrustedRoot
    let now: @Sendable () -> Date

    public init(transport: any SigstoreHTTPTransport, fulcioURL: String = publicGoodFulcio, rekorURL: String = publicGoodRekor,
                trustedRoot: TrustedRoot, now: @escaping @Sendable () -> Date = { Date() }) {
        self.transport = transport
        self.fulcioURL = Self.trimmed(fulcioURL)
        self.rekorURL = Self.trimmed(rekorURL)
        self.trustedRoot = trustedRoot
        self.now = now
    }

    /// A signed, logged and verified message-signature bundle (JSON) for `artifact`.
    public func signBlob(_ artifact: [UInt8], token: OIDCIdentityToken) async throws(SigstoreError) -> [UInt8] {
        let key = P256.Signing.PrivateKey()
        let chain = try await certificate(for: key, token: token)
        let digest = Array(SHA256.hash(data: artifact))
        let signature = try Self.sign(artifact, with: key)
        let entry = try await logEntry(RekorEntryRequest.hashedRekord(sha256: digest, signature: signature, certificatePEM: chain.leafPEM))
        let bundle: JSONValue = [
            "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
            "verificationMaterial": ["certificate": ["rawBytes": .string(Base64Text.encode(chain.leafDER))], "tlogEntries": [entry]],
            "messageSignature": ["messageDigest": ["algorithm": "SHA2_256", "digest": .string(Base64Text.encode(digest))],
                                 "signature": .string(Base64Text.encode(signature))],
        ]
        return try await verified(bundle.encodedBytes(), artifact: Artifact(bytes: artifact), token: token)
    }

    /// A signed, logged and verified DSSE bundle (JSON) over `payload` (an in-toto statement
    /// unless `payloadType` says otherwise), checked against `artifact` (its subject).
    public func signDSSE(_ payload: [UInt8], payloadType: String = DSSE.inTotoPayloadType, artifact: Artifact,
                         token: OIDCIdentityToken) async throws(SigstoreError) -> [UInt8] {
        let key = P256.Signing.PrivateKey()
        let chain = try await certificate(for: key, token: token)
        let signature = try Self.sign(DSSE.pae(payloadType: payloadType, payload: payload), with: key)
        let envelope = DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: [DSSESignature(signature: signature)])
        let proposed: JSONValue = [
            "apiVersion": "0.0.1", "kind": "dsse",
            "spec": ["proposedContent": [
                "envelope": .string(String(decoding: envelope.jsonBytes(), as: UTF8.self)),
                "verifiers": [.string(Base64Text.encode(Array(chain.leafPEM.utf8)))],
            ]],
        ]
        let entry = try await logEntry(proposed)
        let bundle: JSONValue = [
            "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
            "verificationMaterial": ["certificate": ["rawBytes": .string(Base64Text.encode(chain.leafDER))], "tlogEntries": [entry]],
            "dsseEnvelope": ["payload": .string(Base64Text.encode(payload)), "payloadType": .string(payloadType),
                             "signatures": [["sig": .string(Base64Text.encode(signature))]]],
        ]
        return try await verified(bundle.encodedBytes(), artifact: artifact, token: token)
    }

    // MARK: - Fulcio

    struct IssuedChain {
        let leafDER: [UInt8]
        var leafPEM: String { PEMBlock(label: "CERTIFICATE", der: leafDER).pem }
    }

    /// Fulcio v2 `POST /api/v2/signingCert` (fulcio.proto `CreateSigningCertificateRequest`).
    func certificate(for key: P256.Signing.PrivateKey, token: OIDCIdentityToken) async throws(SigstoreError) -> IssuedChain {
        let proof = try Self.sign(Array(token.identity.utf8), with: key)
        let request: JSONValue = [
            "credentials": ["oidcIdentityToken": .string(token.raw)],
            "publicKeyRequest": [
                "publicKey": ["algorithm": "ECDSA", "content": .string(key.publicKey.pemRepresentation)],
                "proofOfPossession": .string(Base64Text.encode(proof)),
            ],
        ]
        let url = fulcioURL + "/api/v2/signingCert"
        let answer = try await post(url, request, kind: .certificateAuthority, service: "Fulcio")
        guard let chain = answer["signedCertificateEmbeddedSct"]?["chain"]?["certificates"]?.arrayValue else {
            if answer["signedCertificateDetachedSct"] != nil {
                throw SigstoreError(.certificateAuthority, "Fulcio (\(url)) returned a certificate with a detached SCT; a bundle needs the SCT embedded")
            }
            throw SigstoreError(.certificateAuthority, "Fulcio (\(url)) answered without 'signedCertificateEmbeddedSct.chain.certificates'")
        }
        guard let leafText = chain.first?.stringValue, let leaf = try? PEMBlock(parsing: leafText), leaf.label == "CERTIFICATE" else {
            throw SigstoreError(.certificateAuthority, "Fulcio (\(url)) answered with no PEM leaf certificate")
        }
        return IssuedChain(leafDER: leaf.der)
    }

    // MARK: - Rekor

    /// Rekor v1 `POST /api/v1/log/entries`; the answer (`{UUID: LogEntry}`) as a bundle
    /// `TransparencyLogEntry` (protobuf JSON).
    func logEntry(_ proposed: JSONValue) async throws(SigstoreError) -> JSONValue {
        let url = rekorURL + "/api/v1/log/entries"
        let answer = try await post(url, proposed, kind: .transparencyLog, service: "Rekor")
        func bad(_ what: String) -> SigstoreError {
            SigstoreError(.transparencyLog, "Rekor (\(url)) answered without a usable entry: \(what)")
        }
        guard let members = answer.objectValue, members.count == 1, let entry = members.values.first else {
            throw bad("expected one {UUID: entry} member")
        }
        guard let bodyText = entry["body"]?.stringValue, let body = Base64Text.decode(bodyText),
              let parsedBody = try? JSONValue.parse(body),
              let kind = parsedBody["kind"]?.stringValue, let version = parsedBody["apiVersion"]?.stringValue else {
            throw bad("no base64 'body' naming its kind and apiVersion")
        }
        guard let integratedTime = entry["integratedTime"]?.intValue, let logIndex = entry["logIndex"]?.intValue,
              let logIDHex = entry["logID"]?.stringValue, let logID = Hex.decode(logIDHex) else {
            throw bad("no 'integratedTime', 'logIndex' or hex 'logID'")
        }
        guard let set = entry["verification"]?["signedEntryTimestamp"]?.stringValue else { throw bad("no 'verification.signedEntryTimestamp'") }
        guard let proof = entry["verification"]?["inclusionProof"], let checkpoint = proof["checkpoint"]?.stringValue,
              let rootHex = proof["rootHash"]?.stringValue, let root = Hex.decode(rootHex),
              let treeSize = proof["treeSize"]?.intValue, let proofIndex = proof["logIndex"]?.intValue,
              let hashes = proof["hashes"]?.arrayValue?.map({ $0.stringValue.flatMap(Hex.decode) }),
              !hashes.contains(where: { $0 == nil }) else {
            throw bad("no complete 'verification.inclusionProof' (logIndex, rootHash, treeSize, hex hashes, checkpoint)")
        }
        return [
            "logIndex": .string(String(logIndex)),
            "logId": ["keyId": .string(Base64Text.encode(logID))],
            "kindVersion": ["kind": .string(kind), "version": .string(version)],
            "integratedTime": .string(String(integratedTime)),
            "inclusionPromise": ["signedEntryTimestamp": .string(set)],
            "inclusionProof": [
                "logIndex": .string(String(proofIndex)),
                "rootHash": .string(Base64Text.encode(root)),
                "treeSize": .string(String(treeSize)),
                "hashes": .array(hashes.map { .string(Base64Text.encode($0 ?? [])) }),
                "checkpoint": ["envelope": .string(checkpoint)],
            ],
            "canonicalizedBody": .string(bodyText),
        ]
    }

    // MARK: - Support

    /// POSTs JSON and returns the JSON answer of a 2xx; anything else is a `kind` error quoting
    /// the service's own message.
    func post(_ url: String, _ request: JSONValue, kind: SigstoreErrorKind, service: String) async throws(SigstoreError) -> JSONValue {
        let response: SigstoreHTTPResponse
        do {
            response = try await transport.post(url, body: request.encodedBytes(),
                                                headers: ["Content-Type": "application/json", "Accept": "application/json"],
                                                limit: Self.maxResponseBytes)
        } catch {
            throw SigstoreError(kind, "no answer from \(service) (\(url)): \(ErrorText.describe(error))")
        }
        guard (200..<300).contains(response.status) else {
            let parsed = try? JSONValue.parse(response.body)
            let message = parsed?["message"]?.stringValue ?? parsed?["detail"]?.stringValue
                ?? String(decoding: response.body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw SigstoreError(kind, "\(service) (\(url)) refused the request: HTTP \(response.status)\(message.isEmpty ? "" : ": \(message)")")
        }
        do {
            return try JSONValue.parse(response.body)
        } catch {
            throw SigstoreError(kind, "\(service) (\(url)) answered with invalid JSON: \(error.reason)")
        }
    }

    /// Verifies `bundle` against the trusted root, for the token's (federated) issuer, before anyone sees it.
    func verified(_ bundle: [UInt8], artifact: Artifact, token: OIDCIdentityToken) async throws(SigstoreError) -> [UInt8] {
        let verifier = SigstoreVerifier(trustedRoot: trustedRoot, options: VerificationOptions(now: now))
        let policy = try IdentityPolicy.certificate(subjectRegexp: ".*", issuer: token.certificateIssuer)
        let result: SigstoreVerificationResult
        do {
            result = try await verifier.verify(bundleJSON: bundle, artifact: artifact, policy: policy)
        } catch {
            throw SigstoreError(.signedBundleUnverified, "the bundle built from Fulcio's and Rekor's answers is not a valid bundle: \(error.reason)")
        }
        if let failure = result.failure {
            throw SigstoreError(.signedBundleUnverified, "the bundle built from Fulcio's and Rekor's answers does not verify against the trusted root, so it was not written: [\(failure.code)] \(failure.message)")
        }
        return bundle
    }

    static func sign(_ message: [UInt8], with key: P256.Signing.PrivateKey) throws(SigstoreError) -> [UInt8] {
        do {
            return Array(try key.signature(for: message).derRepresentation)
        } catch {
            throw SigstoreError(.certificateAuthority, "cannot sign with the ephemeral key: \(ErrorText.describe(error))")
        }
    }

    static func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }
}

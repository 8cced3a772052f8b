import Foundation
import Testing
import TollgateModel
import TollgateSigstore
import TollgateSigstoreTesting

/// `KeylessSigner` against a test deployment's Fulcio and Rekor in memory (no HTTP): the bundles
/// it returns verify; hostile or broken answers from either service are named errors, never a bundle.
@Suite("keyless signer against in-memory Fulcio and Rekor")
struct KeylessSignerTests {
    /// Answers Fulcio and Rekor requests from ``TestSigstoreServices``, letting a test rewrite an answer.
    struct MemoryTransport: SigstoreHTTPTransport {
        let services: TestSigstoreServices
        var rewrite: @Sendable (String, JSONValue) -> JSONValue = { _, answer in answer }
        var unreachable = false

        func post(_ url: String, body: [UInt8], headers: [String: String], limit: Int) async throws -> SigstoreHTTPResponse {
            if unreachable { throw SigstoreError(.io, "connection refused") }
            #expect(headers["Content-Type"] == "application/json")
            let answer = url.hasSuffix("/api/v2/signingCert")
                ? await services.signingCertificate(body, authorization: nil)
                : await services.createEntry(body)
            guard (200..<300).contains(answer.status), let parsed = try? JSONValue.parse(answer.body) else {
                return SigstoreHTTPResponse(status: answer.status, body: answer.body)
            }
            return SigstoreHTTPResponse(status: answer.status, body: rewrite(url, parsed).encodedBytes())
        }
    }

    static let email = "release@tollgate.test"

    static func token(_ claims: JSONValue) throws -> OIDCIdentityToken {
        try OIDCIdentityToken(TestSigstoreServices.unsignedToken(claims))
    }

    static func goodToken() throws -> OIDCIdentityToken {
        try token(["iss": "https://oauth2.sigstore.dev/auth", "sub": "CgZ1c2VyMTI", "email": .string(email), "aud": "sigstore",
                   "exp": .integer(Int64(Date().timeIntervalSince1970) + 600),
                   "federated_claims": ["connector_id": "https://github.com/login/oauth", "user_id": "1"]])
    }

    static func signer(_ instance: TestSigstoreInstance, rewrite: @escaping @Sendable (String, JSONValue) -> JSONValue = { _, answer in answer },
                       unreachable: Bool = false) throws -> KeylessSigner {
        let transport = MemoryTransport(services: TestSigstoreServices(instance: instance), rewrite: rewrite, unreachable: unreachable)
        return KeylessSigner(transport: transport, fulcioURL: "https://fulcio.tollgate.test/", rekorURL: "https://rekor.tollgate.test",
                             trustedRoot: try TrustedRoot(json: instance.trustedRootJSON))
    }

    @Test("a blob bundle and a DSSE bundle verify for the federated issuer and the email")
    func signs() async throws {
        let instance = try TestSigstoreInstance()
        let signer = try Self.signer(instance)
        let root = try TrustedRoot(json: instance.trustedRootJSON)
        let policy = try IdentityPolicy.certificate(subject: Self.email, issuer: "https://github.com/login/oauth")
        let artifact = Array("artifact bytes".utf8)
        let blob = try await signer.signBlob(artifact, token: try Self.goodToken())
        let result = try await SigstoreVerifier(trustedRoot: root).verify(bundleJSON: blob, artifact: Artifact(bytes: artifact), policy: policy)
        #expect(result.verifiedBundle?.identity?.subjectAlternativeNames == [Self.email], "\(String(describing: result.failure))")

        let digest = DigestAlgorithm.sha256.hash(artifact)
        let statement = TestSigstoreInstance.statement(subjectName: "a", digest: ["sha256": digest.hex], predicateType: "https://example.com/p")
        let dsse = try await signer.signDSSE(statement, artifact: Artifact(digest: digest), token: try Self.goodToken())
        let dsseResult = try await SigstoreVerifier(trustedRoot: root).verify(bundleJSON: dsse, artifact: Artifact(digest: digest), policy: policy)
        #expect(dsseResult.verifiedBundle?.statementPayload == statement, "\(String(describing: dsseResult.failure))")
    }

    /// `entry` with the member at `path` set to `value`.
    static func replacing(_ entry: JSONValue, _ path: [String], with value: JSONValue) -> JSONValue {
        guard let key = path.first, case .object(var members) = entry else { return entry }
        members[key] = path.count == 1 ? value : replacing(members[key] ?? .null, Array(path.dropFirst()), with: value)
        return .object(members)
    }

    static func failure(_ body: () async throws -> [UInt8]) async -> SigstoreError? {
        do {
            _ = try await body()
            return nil
        } catch let error as SigstoreError {
            return error
        } catch {
            return nil
        }
    }

    @Test("broken or hostile service answers: a named error, never a bundle")
    func brokenAnswers() async throws {
        let instance = try TestSigstoreInstance()
        let artifact = Array("artifact bytes".utf8)
        let token = try Self.goodToken()
        func attempt(_ rewrite: @escaping @Sendable (String, JSONValue) -> JSONValue, unreachable: Bool = false) async throws -> SigstoreError? {
            let signer = try Self.signer(instance, rewrite: rewrite, unreachable: unreachable)
            return await Self.failure { try await signer.signBlob(artifact, token: token) }
        }
        func onRekor(_ change: @escaping @Sendable (JSONValue) -> JSONValue) -> @Sendable (String, JSONValue) -> JSONValue {
            { url, answer in
                guard url.hasSuffix("/api/v1/log/entries"), case .object(let members) = answer, let (uuid, entry) = members.first else { return answer }
                return .object([uuid: change(entry)])
            }
        }

        let unreachable = try await attempt({ _, answer in answer }, unreachable: true)
        #expect(unreachable?.code == "sigstore.fulcio" && unreachable?.reason.contains("no answer from Fulcio") == true, "\(String(describing: unreachable))")

        let detached = try await attempt { url, answer in
            url.hasSuffix("signingCert") ? ["signedCertificateDetachedSct": ["chain": ["certificates": []]]] : answer
        }
        #expect(detached?.code == "sigstore.fulcio" && detached?.reason.contains("detached SCT") == true, "\(String(describing: detached))")

        let noLeaf = try await attempt { url, answer in
            url.hasSuffix("signingCert") ? ["signedCertificateEmbeddedSct": ["chain": ["certificates": ["not a PEM"]]]] : answer
        }
        #expect(noLeaf?.code == "sigstore.fulcio", "\(String(describing: noLeaf))")

        let noProof = try await attempt(onRekor { Self.replacing($0, ["verification", "inclusionProof"], with: .null) })
        #expect(noProof?.code == "sigstore.rekor" && noProof?.reason.contains("inclusionProof") == true, "\(String(describing: noProof))")

        let twoEntries = try await attempt { url, answer in
            url.hasSuffix("entries") ? .object(["a": answer, "b": answer]) : answer
        }
        #expect(twoEntries?.code == "sigstore.rekor", "\(String(describing: twoEntries))")

        // A forged SET, a shifted integrated time, another log index: each breaks a signature or proof the
        // verifier checks, so the bundle is refused before it is returned.
        let forgedSET = try await attempt(onRekor { Self.replacing($0, ["verification", "signedEntryTimestamp"], with: .string(Base64Text.encode(Array(repeating: 1, count: 70)))) })
        #expect(forgedSET?.code == "sigstore.signed-bundle-unverified", "\(String(describing: forgedSET))")
        let shiftedTime = try await attempt(onRekor { entry in Self.replacing(entry, ["integratedTime"], with: .integer((entry["integratedTime"]?.intValue ?? 0) - 30)) })
        #expect(shiftedTime?.code == "sigstore.signed-bundle-unverified", "\(String(describing: shiftedTime))")
        let otherBody = try await attempt(onRekor { Self.replacing($0, ["body"], with: .string(Base64Text.encode(Array(#"{"apiVersion":"0.0.1","kind":"hashedrekord","spec":{}}"#.utf8)))) })
        #expect(otherBody?.code == "sigstore.signed-bundle-unverified", "\(String(describing: otherBody))")
    }

    @Test("tokens: sub, iss, audience, expiry, email for email issuers; the proof signs email there and sub elsewhere")
    func tokens() throws {
        let exp = JSONValue.integer(Int64(Date().timeIntervalSince1970) + 600)
        #expect(try Self.goodToken().identity == Self.email)
        #expect(try Self.goodToken().certificateIssuer == "https://github.com/login/oauth")
        let ci = try Self.token(["iss": "https://token.actions.githubusercontent.com", "sub": "repo:acme/app:ref:refs/heads/main",
                                 "aud": ["sigstore", "other"], "exp": exp, "email": "x@y"])
        #expect(ci.identity == "repo:acme/app:ref:refs/heads/main")
        #expect(ci.certificateIssuer == "https://token.actions.githubusercontent.com")
        let bad: [JSONValue] = [
            ["iss": "https://i", "aud": "sigstore", "exp": exp],
            ["sub": "s", "aud": "sigstore", "exp": exp],
            ["iss": "https://i", "sub": "s", "aud": ["other"], "exp": exp],
            ["iss": "https://i", "sub": "s", "aud": "sigstore", "exp": 1_000],
            ["iss": "https://i", "sub": "s", "aud": "sigstore", "exp": exp, "nbf": .integer(Int64(Date().timeIntervalSince1970) + 3_600)],
            ["iss": "https://accounts.google.com", "sub": "s", "aud": "sigstore", "exp": exp],
            [1, 2],
        ]
        for claims in bad {
            #expect(throws: SigstoreError.self, "\(claims)") { try Self.token(claims) }
        }
        for raw in ["", "a.b", "a.!!!.c", String(repeating: "a", count: 70_000)] {
            #expect(throws: SigstoreError.self) { try OIDCIdentityToken(raw) }
        }
    }
}

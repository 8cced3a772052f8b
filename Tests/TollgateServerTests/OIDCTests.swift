import Foundation
import JWTKit
import Testing
import TollgateLedger
import TollgateModel
import TollgateStore
@testable import TollgateServer
import _CryptoExtras

/// CI identities: tokens minted here against a local JWKS, sent to a real server on loopback.
@Suite("OIDC CI identities", .serialized)
struct OIDCTests {
    static let issuer = "https://token.actions.example.test"
    static let audience = "https://tollgate.example.test"

    struct Claims: JWTPayload {
        var iss: String = OIDCTests.issuer
        var aud: AudienceClaim = AudienceClaim(value: [OIDCTests.audience])
        var sub: String = "repo:acme/app:ref:refs/tags/v1.2.0"
        var exp: ExpirationClaim = ExpirationClaim(value: Date().addingTimeInterval(300))
        var nbf: NotBeforeClaim? = nil
        var iat: IssuedAtClaim = IssuedAtClaim(value: Date())
        var repository: String = "acme/app"
        var workflowRef: String = "acme/app/.github/workflows/release.yml@refs/tags/v1.2.0"
        var ref: String = "refs/tags/v1.2.0"

        enum CodingKeys: String, CodingKey {
            case iss, aud, sub, exp, nbf, iat, repository, ref
            case workflowRef = "workflow_ref"
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// The issuer's signing key, a stranger's key, and a server trusting the issuer's JWKS.
    struct World {
        let server: TestServer
        let issuerKey: JWTKit.Insecure.RSA.PrivateKey
        let otherKey: JWTKit.Insecure.RSA.PrivateKey

        func sign(_ claims: Claims, with key: JWTKit.Insecure.RSA.PrivateKey? = nil, kid: String = "k1") async throws -> String {
            let keys = JWTKeyCollection()
            await keys.add(rsa: key ?? issuerKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
            return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
        }

        func whoami(_ token: String) async throws -> TestServer.Reply {
            try await server.request(.GET, "/v1/whoami", bearer: token)
        }
    }

    static func world() async throws -> World {
        let issuerKey = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let otherKey = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let (modulus, exponent) = try issuerKey.publicKey.getKeyPrimitives()
        func base64URL(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let directory = try TestServer.temporaryDirectory()
        let jwks = #"{"keys":[{"kty":"RSA","kid":"k1","alg":"RS256","use":"sig","n":"\#(base64URL(modulus))","e":"\#(base64URL(exponent))"}]}"#
        try Data(jwks.utf8).write(to: directory.appendingPathComponent("jwks.json"))
        let trustFile = directory.appendingPathComponent("trust.yaml")
        try Data("""
            apiVersion: tollgate.dev/v1
            kind: OIDCTrust
            clockSkew: 60s
            issuers:
              - issuer: \(issuer)
                audience: \(audience)
                jwks: { file: jwks.json }
                rules:
                  - role: publisher
                    claims:
                      repository: acme/*
                      workflow_ref: "acme/*/.github/workflows/release.yml@refs/tags/v*"
                      ref: refs/tags/v*
                  - role: reader
                    claims: { repository: acme/* }
            """.utf8).write(to: trustFile)
        let server = try await TestServer.start(oidcTrust: try OIDCTrust.load(path: trustFile.path))
        return World(server: server, issuerKey: issuerKey, otherKey: otherKey)
    }

    /// A token with a header and payload of our choosing and any signature bytes.
    static func handMade(header: String, payload: Claims, signature: [UInt8] = []) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        func part(_ bytes: [UInt8]) -> String {
            Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return part(Array(header.utf8)) + "." + part(Array(try encoder.encode(payload))) + "." + part(signature)
    }

    @Test("a token whose claims match a rule gets that rule's role, and its subject is the actor of the entries it causes")
    func matchingTokenGetsTheMappedRole() async throws {
        let world = try await Self.world()
        let token = try await world.sign(Claims())
        let reply = try await world.whoami(token)
        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.json.objectValue?["role"]?.stringValue == "publisher")
        #expect(reply.json.objectValue?["kind"]?.stringValue == "oidc")
        let actor = "oidc:\(Self.issuer)#repo:acme/app:ref:refs/tags/v1.2.0"
        #expect(reply.json.objectValue?["actor"]?.stringValue == actor)
        // A write as that identity: the ledger entry's actor is the OIDC subject.
        let digest = TestServer.digest("oidc-artifact")
        let registered = try await world.server.request(.POST, "/v1/artifacts", bearer: token,
                                                        body: Array(#"{"digest":"\#(digest)"}"#.utf8), contentType: "application/json")
        #expect(registered.status == 201, "\(registered.text)")
        let index = UInt64(registered.json.objectValue?["ledgerIndex"]?.intValue ?? -1)
        let entry = try await world.server.request(.GET, "/v1/ledger/entries/\(index)", role: .auditor)
        #expect(entry.json.objectValue?["actor"]?.stringValue == actor)
        #expect(entry.json.objectValue?["kind"]?.stringValue == "artifact.registered")
        // A branch build matches only the second rule.
        var branch = Claims()
        branch.ref = "refs/heads/main"
        #expect(try await world.whoami(try await world.sign(branch)).json.objectValue?["role"]?.stringValue == "reader")
        try await world.server.stop()
    }

    @Test("expired, wrong-audience, wrong-issuer, alg none, HS256/RS256 confusion, wrong-key and unmatched tokens are refused with 401 and a reason")
    func refusals() async throws {
        let world = try await Self.world()
        var expired = Claims()
        expired.exp = ExpirationClaim(value: Date().addingTimeInterval(-3600))
        expired.iat = IssuedAtClaim(value: Date().addingTimeInterval(-7200))
        var wrongAudience = Claims()
        wrongAudience.aud = AudienceClaim(value: ["https://someone-else.example"])
        var wrongIssuer = Claims()
        wrongIssuer.iss = "https://evil.example"
        var notYet = Claims()
        notYet.nbf = NotBeforeClaim(value: Date().addingTimeInterval(3600))
        var future = Claims()
        future.iat = IssuedAtClaim(value: Date().addingTimeInterval(3600))
        var stranger = Claims()
        stranger.repository = "evil/app"
        stranger.workflowRef = "evil/app/.github/workflows/release.yml@refs/tags/v1"

        // HS256 with the issuer's *public* key as the HMAC secret, under the RSA key's kid.
        let hmac = JWTKeyCollection()
        await hmac.add(hmac: HMACKey(from: Array(world.issuerKey.publicKey.pemRepresentation.utf8)), digestAlgorithm: .sha256,
                       kid: JWKIdentifier(string: "k1"))
        let confused = try await hmac.sign(Claims(), kid: JWKIdentifier(string: "k1"))

        let cases: [(String, String, String)] = [
            ("expired", try await world.sign(expired), "expired"),
            ("wrong audience", try await world.sign(wrongAudience), "audience"),
            ("wrong issuer", try await world.sign(wrongIssuer), "not trusted"),
            ("not yet valid", try await world.sign(notYet), "not valid before"),
            ("issued in the future", try await world.sign(future), "issued in the future"),
            ("alg none", try Self.handMade(header: #"{"alg":"none","kid":"k1","typ":"JWT"}"#, payload: Claims()), "alg none"),
            ("HS256/RS256 confusion", confused, "HS256 is not accepted"),
            ("wrong key", try await world.sign(Claims(), with: world.otherKey), "signature does not verify"),
            ("unknown kid", try await world.sign(Claims(), with: world.otherKey, kid: "k9"), "no key k9"),
            ("no matching rule", try await world.sign(stranger), "no trust rule"),
            ("tampered payload", try Self.tamper(try await world.sign(Claims())), "signature does not verify"),
        ]
        for (name, token, reason) in cases {
            let reply = try await world.whoami(token)
            #expect(reply.status == 401, "\(name): \(reply.status) \(reply.text)")
            #expect(reply.code == "server.unauthenticated", "\(name): \(reply.text)")
            #expect(reply.json.objectValue?["message"]?.stringValue?.contains(reason) == true, "\(name): \(reply.text)")
            #expect(reply.headers.first(name: "www-authenticate") != nil, "\(name)")
        }
        try await world.server.stop()
    }

    /// The same token with its ref changed in the payload (the signature no longer matches).
    static func tamper(_ token: String) throws -> String {
        let parts = token.split(separator: ".").map(String.init)
        guard let payload = Base64Text.decodeURL(parts[1]) else { throw ServerError(.badRequest, "not base64url") }
        let changed = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "v1.2.0", with: "v6.6.6")
        let encoded = Data(changed.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return parts[0] + "." + encoded + "." + parts[2]
    }

    @Test("a trust file with an unknown key, a private key in its JWKS, or no rules is refused at start-up")
    func trustFileMistakes() throws {
        let base = """
            apiVersion: tollgate.dev/v1
            kind: OIDCTrust
            issuers:
              - issuer: https://issuer.example
                audience: tollgate
                jwks: { url: https://issuer.example/jwks }
            """
        #expect(throws: ServerError.self) { try OIDCTrust.parse(base + "\n    rules: []\n") }
        #expect(throws: ServerError.self) {
            try OIDCTrust.parse(base + "\n    rules:\n      - role: admin\n        claims: { repositry: acme/* }\n")
        }
        #expect(throws: ServerError.self) { try OIDCTrust.parse(base.replacingOccurrences(of: "clockSkew", with: "x") + "\n    rules:\n      - role: root\n        claims: { repository: a }\n") }
        let parsed = try OIDCTrust.parse(base + "\n    rules:\n      - role: admin\n        claims: { repository: acme/* }\n")
        #expect(parsed.issuers.first?.rules.first?.role == .admin)
    }
}

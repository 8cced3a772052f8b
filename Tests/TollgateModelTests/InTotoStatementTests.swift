import Foundation
import Testing
@testable import TollgateModel

@Suite("in-toto statements")
struct InTotoStatementTests {
    static let sha = DigestAlgorithm.sha256.hash(Array("artifact".utf8))

    @Test("reads v0.1 and v1 statements", arguments: ["https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1"])
    func versions(type: String) throws {
        let json = #"{"_type":"\#(type)","subject":[{"name":"a","digest":{"sha256":"\#(Self.sha.hex)"}}],"predicateType":"https://slsa.dev/provenance/v1","predicate":{"x":[1]}}"#
        let statement = try InTotoStatement(parsing: Array(json.utf8))
        #expect(statement.version.rawValue == type)
        #expect(statement.subject(matching: Self.sha)?.name == "a")
        #expect(statement.predicate["x"]?[0]?.intValue == 1)
    }

    @Test("writes v1 and reads it back")
    func writeV1() throws {
        let statement = InTotoStatement(subjects: [InTotoSubject(name: "f", digest: Self.sha)],
                                        predicateType: "https://example.com/p", predicate: ["k": "v"])
        let text = String(decoding: statement.jsonBytes(), as: UTF8.self)
        #expect(text.contains(#""_type":"https://in-toto.io/Statement/v1""#))
        #expect(try InTotoStatement(parsing: statement.jsonBytes()) == statement)
    }

    @Test("matches subject digests case-insensitively and by algorithm alias")
    func matching() {
        let subject = InTotoSubject(name: "x", digest: ["SHA2_256": Self.sha.hex.uppercased()])
        #expect(subject.matches(Self.sha))
        #expect(!InTotoSubject(name: "x", digest: ["sha512": Self.sha.hex]).matches(Self.sha))
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        let message: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        .init(name: "wrong _type", json: #"{"_type":"https://in-toto.io/Statement/v9","subject":[],"predicateType":"p"}"#, message: "Statement/v9"),
        .init(name: "no subject", json: #"{"_type":"https://in-toto.io/Statement/v1","predicateType":"p"}"#, message: "no subject"),
        .init(name: "subject without digest", json: #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a"}],"predicateType":"p"}"#, message: "no digest"),
        .init(name: "bad sha256", json: #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a","digest":{"sha256":"zz"}}],"predicateType":"p"}"#, message: "64 hex"),
        .init(name: "no predicateType", json: #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a","digest":{"sha256":"\#(InTotoStatementTests.sha.hex)"}}]}"#, message: "predicateType"),
        .init(name: "not an object", json: "[]", message: "not an in-toto statement"),
    ]

    @Test("rejects invalid statements with a specific message", arguments: bad)
    func rejects(bad: Bad) {
        do {
            _ = try InTotoStatement(parsing: Array(bad.json.utf8))
            Issue.record("expected failure")
        } catch {
            #expect(error.kind == .invalidStatement)
            #expect(error.reason.contains(bad.message), "\(error.reason)")
        }
    }

    @Test("the attestation verifier checks signature, type, predicate type and subject in turn")
    func attestationVerifier() throws {
        let key = try PrivateKey.generate(.ecdsaP384)
        let statement = InTotoStatement(subjects: [InTotoSubject(name: "f", digest: Self.sha)],
                                        predicateType: "https://example.com/p", predicate: .null)
        let envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [key])
        let verifier = AttestationVerifier(dsse: try DSSEVerifier(keys: [key.publicKey]))
        #expect(verifier.verify(envelope, artifact: Self.sha, predicateType: "https://example.com/p").isVerified)
        let other = DigestAlgorithm.sha256.hash([0])
        #expect(verifier.verify(envelope, artifact: other).reasons.first?.contains("no subject has digest") == true)
        #expect(verifier.verify(envelope, artifact: Self.sha, predicateType: "https://x").reasons.first?.contains("predicateType") == true)
        let notStatement = try DSSE.sign(payload: Array("{}".utf8), payloadType: DSSE.inTotoPayloadType, keys: [key])
        #expect(verifier.verify(notStatement, artifact: Self.sha).reasons.first?.contains("not a valid in-toto statement") == true)
    }
}

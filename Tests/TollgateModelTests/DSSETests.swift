import Foundation
import Testing
@testable import TollgateModel

@Suite("DSSE")
struct DSSETests {
    @Test("PAE matches the DSSE spec byte for byte")
    func paeVector() {
        // protocol.md test vector.
        let pae = DSSE.pae(payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))
        #expect(String(decoding: pae, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
        #expect(DSSE.pae(payloadType: "", payload: []) == Array("DSSEv1 0  0 ".utf8))
        // Lengths are in bytes, not characters.
        #expect(String(decoding: DSSE.pae(payloadType: "é", payload: [0xFF]), as: UTF8.self).hasPrefix("DSSEv1 2 é 1 "))
    }

    @Test("sign then verify round-trips through JSON")
    func roundTrip() throws {
        let key = try PrivateKey.generate(.ecdsaP256)
        let envelope = try DSSE.sign(payload: Array("{}".utf8), payloadType: "application/x-test", keys: [key])
        let parsed = try DSSEEnvelope(parsing: envelope.jsonBytes())
        #expect(parsed == envelope)
        let verdict = try DSSEVerifier(keys: [key.publicKey]).verify(parsed, expectedPayloadType: "application/x-test")
        guard case .verified(let payload) = verdict else { Issue.record("\(verdict)"); return }
        #expect(payload.payload == Array("{}".utf8))
        #expect(payload.keyIDs == [key.publicKey.keyID])
    }

    @Test("a payloadType mismatch fails with both types named")
    func payloadTypeMismatch() throws {
        let key = try PrivateKey.generate(.ed25519)
        let envelope = try DSSE.sign(payload: [1], payloadType: "a/b", keys: [key])
        let verdict = try DSSEVerifier(keys: [key.publicKey]).verify(envelope, expectedPayloadType: DSSE.inTotoPayloadType)
        #expect(verdict.reasons.first?.contains("'a/b'") == true)
        #expect(verdict.reasons.first?.contains(DSSE.inTotoPayloadType) == true)
    }

    @Test("a changed payloadType invalidates the signature (PAE binds it)")
    func payloadTypeBound() throws {
        let key = try PrivateKey.generate(.ecdsaP256)
        var envelope = try DSSE.sign(payload: [1, 2, 3], payloadType: "a/b", keys: [key])
        envelope.payloadType = "a/c"
        #expect(!(try DSSEVerifier(keys: [key.publicKey]).verify(envelope).isVerified))
    }

    @Test("duplicate signatures by one key count once toward the threshold")
    func duplicatesCountOnce() throws {
        let a = try PrivateKey.generate(.ecdsaP256), b = try PrivateKey.generate(.ed25519)
        let single = try DSSE.sign(payload: [9], payloadType: "t", keys: [a])
        var duplicated = single
        duplicated.signatures += single.signatures + single.signatures
        let verifier = try DSSEVerifier(keys: [a.publicKey, b.publicKey], threshold: 2)
        let verdict = verifier.verify(duplicated)
        #expect(!verdict.isVerified)
        #expect(verdict.reasons.first?.contains("1 of 2") == true, "\(verdict)")
        let both = try DSSE.sign(payload: [9], payloadType: "t", keys: [a, b])
        #expect(verifier.verify(both).isVerified)
    }

    @Test("the same key listed twice counts as one key")
    func duplicateKeys() throws {
        let a = try PrivateKey.generate(.ecdsaP256)
        #expect(throws: ModelError.self) { try DSSEVerifier(keys: [a.publicKey, a.publicKey], threshold: 2) }
        #expect(throws: ModelError.self) { try DSSEVerifier(keys: [a.publicKey], threshold: 0) }
        #expect(throws: ModelError.self) { try DSSEVerifier(keys: [], threshold: 1) }
    }

    @Test("an untrusted key's signature does not verify")
    func untrusted() throws {
        let signer = try PrivateKey.generate(.ecdsaP256), trusted = try PrivateKey.generate(.ecdsaP256)
        let envelope = try DSSE.sign(payload: [1], payloadType: "t", keys: [signer])
        #expect(!(try DSSEVerifier(keys: [trusted.publicKey]).verify(envelope).isVerified))
    }

    @Test("mutating any byte of a serialized envelope never yields a verified different envelope")
    func envelopeMutation() throws {
        let key = try PrivateKey.generate(.ed25519)
        var envelope = try DSSE.sign(payload: Array(#"{"a":1}"#.utf8), payloadType: "application/x", keys: [key])
        envelope.signatures[0].keyID = ""
        let bytes = envelope.jsonBytes()
        let verifier = try DSSEVerifier(keys: [key.publicKey])
        var rejected = 0
        for index in bytes.indices {
            var mutated = bytes
            mutated[index] ^= 0x01
            guard let parsed = try? DSSEEnvelope(parsing: mutated) else { rejected += 1; continue }
            if parsed == envelope { continue } // e.g. a base64 padding bit that decodes to the same bytes
            #expect(!verifier.verify(parsed).isVerified, "byte \(index) mutation verified")
            rejected += 1
        }
        #expect(rejected > bytes.count * 9 / 10)
    }

    struct BadEnvelope: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        let kind: ModelErrorKind
        let message: String
        var testDescription: String { name }
    }

    static let badEnvelopes: [BadEnvelope] = [
        .init(name: "empty", json: "", kind: .invalidEnvelope, message: "empty"),
        .init(name: "garbage", json: "not json", kind: .invalidEnvelope, message: "not a DSSE envelope"),
        .init(name: "truncated", json: #"{"payload":"e30=","payloadType":"t","signatures":[{"sig":"AA"#, kind: .invalidEnvelope, message: "not a DSSE envelope"),
        .init(name: "missing payloadType", json: #"{"payload":"e30=","signatures":[{"sig":"AAAA"}]}"#, kind: .invalidEnvelope, message: "payloadType"),
        .init(name: "payload not base64", json: #"{"payload":"@@@","payloadType":"t","signatures":[{"sig":"AAAA"}]}"#, kind: .invalidEnvelope, message: "'payload' is not base64"),
        .init(name: "no signatures", json: #"{"payload":"e30=","payloadType":"t","signatures":[]}"#, kind: .invalidEnvelope, message: "no signatures"),
        .init(name: "empty signature", json: #"{"payload":"e30=","payloadType":"t","signatures":[{"keyid":"k","sig":""}]}"#, kind: .invalidSignature, message: "signature 1 is empty"),
        .init(name: "signature not base64", json: #"{"payload":"e30=","payloadType":"t","signatures":[{"sig":"%%%"}]}"#, kind: .invalidSignature, message: "not base64"),
        .init(name: "wrong types", json: #"{"payload":1,"payloadType":"t","signatures":[]}"#, kind: .invalidEnvelope, message: "payload"),
        .init(name: "deep nesting", json: String(repeating: "[", count: 10_000), kind: .invalidJSON, message: "deeper"),
        // Well-formed JSON nested past the envelope's own limit of 16 (well inside JSON's 128).
        .init(name: "nesting past 16 levels in an extra field",
              json: #"{"payload":"e30=","payloadType":"t","signatures":[{"sig":"AAAA"}],"x":"# + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "}",
              kind: .invalidJSON, message: "deeper than 16"),
    ]

    @Test("rejects malformed envelopes with a specific message", arguments: badEnvelopes)
    func badEnvelope(bad: BadEnvelope) {
        do {
            _ = try DSSEEnvelope(parsing: Array(bad.json.utf8))
            Issue.record("expected \(bad.kind)")
        } catch {
            #expect(error.kind == bad.kind, "\(error)")
            #expect(error.reason.contains(bad.message), "\(error.reason)")
        }
    }

    @Test("rejects oversized envelopes before parsing")
    func oversized() {
        do {
            _ = try DSSEEnvelope(parsing: Array(repeating: UInt8(ascii: " "), count: 100), maxBytes: 10)
            Issue.record("expected too-large")
        } catch {
            #expect(error.kind == .tooLarge)
        }
    }

    @Test("accepts URL-safe unpadded base64, as the reference implementations do")
    func urlSafe() throws {
        let key = try PrivateKey.generate(.ecdsaP256)
        let envelope = try DSSE.sign(payload: Array("??>>".utf8), payloadType: "t", keys: [key])
        func url(_ bytes: [UInt8]) -> String {
            Base64Text.encode(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let json = #"{"payload":"\#(url(envelope.payload))","payloadType":"t","signatures":[{"sig":"\#(url(envelope.signatures[0].signature))"}]}"#
        let parsed = try DSSEEnvelope(parsing: Array(json.utf8))
        #expect(parsed.payload == envelope.payload)
        #expect(try DSSEVerifier(keys: [key.publicKey]).verify(parsed).isVerified)
    }
}

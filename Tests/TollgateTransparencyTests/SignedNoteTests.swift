import Crypto
import Foundation
import Testing
import TollgateModel
import TollgateTransparency

@Suite("C2SP signed notes and checkpoints")
struct SignedNoteTests {
    @Test("verifies the signed-note spec example with its verifier key")
    func specExample() throws {
        let note = try Fixtures.bytes("checkpoint/c2sp-signed-note-example.note")
        let key = try Fixtures.text("checkpoint/c2sp-signed-note-example.vkey")
        let verifier = try NoteVerifierKey.parse(key)
        let verdict = try SignedNote(parsing: note).verify(with: [verifier])
        #expect(verdict.isValid, "\(verdict)")
    }

    struct GeneratedCase: Sendable, CustomTestStringConvertible {
        let file: String
        let keys: [String]
        let wantValid: Bool
        let why: String
        var testDescription: String { "\(file) (\(why))" }
    }

    static let generated: [GeneratedCase] = {
        guard let object = try? Fixtures.json("checkpoint/generated/cases.json") as? [String: Any],
              let cases = object["cases"] as? [[String: Any]] else { return [] }
        return cases.compactMap { item in
            guard let file = item["file"] as? String, let keys = item["verifier_keys"] as? [String],
                  let want = item["want_valid"] as? Bool else { return nil }
            return GeneratedCase(file: file, keys: keys, wantValid: want, why: item["why"] as? String ?? "")
        }
    }()

    @Test("all 12 generated signed-note cases are present")
    func generatedCount() { #expect(Self.generated.count == 12) }

    @Test("checks each generated note as cases.json says", arguments: generated)
    func generatedNote(_ item: GeneratedCase) throws {
        let bytes = try Fixtures.bytes("checkpoint/generated/\(item.file)")
        let verifiers = try item.keys.map { try NoteVerifierKey.parse($0) }
        let verdict = CheckpointVerifier.verify(note: bytes, verifiers: verifiers, origin: "tollgate.example/test-log")
        #expect(verdict.isValid == item.wantValid, "\(item.file): \(verdict)")
        if case .valid(let checkpoint) = verdict {
            #expect(checkpoint.checkpoint.size == 37)
            #expect(Data(checkpoint.checkpoint.rootHash).base64EncodedString() == "mnAyIMIBzSlMp8hsfXSklUT7HW0TdCgr+99pJra4Sqo=")
        }
    }

    @Test("a witness cosignature verifies over its own message and carries its timestamp")
    func cosignatureTimestamp() throws {
        let bytes = try Fixtures.bytes("checkpoint/generated/valid-cosigned.note")
        let witness = try NoteVerifierKey.parse("example.com/witness1+4745bc65+BLxkljTIO61il/FtPR6XPk5qCI4J7+dO0LN6DDe+WMmG")
        let verdict = try SignedNote(parsing: bytes).verify(with: [witness])
        guard case .valid(let signers) = verdict else {
            Issue.record("cosignature did not verify: \(verdict)")
            return
        }
        #expect(signers.first?.cosignatureTimestamp == 1_760_000_000)
    }

    struct ConformanceCase: Sendable, CustomTestStringConvertible {
        let file: String
        let key: String
        let signatureOK: Bool
        let inclusionValid: Bool
        let matches: Bool
        let logIndex: UInt64
        let treeSize: UInt64
        let rootHash: String
        let hashes: [String]
        let body: String
        var testDescription: String { file }
    }

    static let conformance: [ConformanceCase] = {
        guard let object = try? Fixtures.json("checkpoint/sigstore-conformance/cases.json") as? [String: Any],
              let cases = object["cases"] as? [[String: Any]] else { return [] }
        return cases.compactMap { item in
            guard let file = item["file"] as? String, let key = item["key"] as? String,
                  let expected = item["tollgate_expected"] as? [String: Any],
                  let inclusion = item["inclusion"] as? [String: Any],
                  let signature = expected["checkpoint_signature"] as? String,
                  let index = (inclusion["logIndex"] as? String).flatMap(UInt64.init),
                  let size = (inclusion["treeSize"] as? String).flatMap(UInt64.init),
                  let root = inclusion["rootHash_b64"] as? String,
                  let hashes = inclusion["hashes_b64"] as? [String],
                  let body = item["canonicalizedBody_b64"] as? String else { return nil }
            return ConformanceCase(file: file, key: key, signatureOK: signature == "sig-ok",
                                   inclusionValid: expected["inclusion_proof_valid"] as? Bool ?? false,
                                   matches: expected["checkpoint_matches_proof_root_and_size"] as? Bool ?? false,
                                   logIndex: index, treeSize: size, rootHash: root, hashes: hashes, body: body)
        }
    }()

    @Test("all 15 sigstore-conformance checkpoints are present")
    func conformanceCount() { #expect(Self.conformance.count == 15) }

    @Test("checks each Rekor v1/v2 checkpoint: signature, inclusion proof, and root/size match", arguments: conformance)
    func conformanceCase(_ item: ConformanceCase) throws {
        let keyText = try Fixtures.text("checkpoint/sigstore-conformance/\(item.key)")
        let verifier: any NoteVerifier = item.key.hasSuffix(".pem")
            ? try ECDSANoteVerifier(name: "rekor.sigstore.dev", pem: keyText)
            : try NoteVerifierKey.parse(keyText)
        let note = try Fixtures.bytes("checkpoint/sigstore-conformance/\(item.file)")
        let verdict = CheckpointVerifier.verify(note: note, verifiers: [verifier])
        #expect(verdict.isValid == item.signatureOK, "\(item.file): \(verdict)")

        let proofRoot = base64(item.rootHash)
        let inclusion = InclusionProof(leafIndex: item.logIndex, treeSize: item.treeSize, leafHash: RFC6962.leafHash(base64(item.body)),
                                       rootHash: proofRoot, hashes: item.hashes.map(base64)).verify()
        #expect(inclusion.isValid == item.inclusionValid, "\(inclusion)")

        // Whether the checkpoint body (parsed, signatures aside: the text before the last blank
        // line, present or not) names the proof's size and root.
        var matches = false
        let whole = String(decoding: note, as: UTF8.self)
        if let blank = whole.range(of: "\n\n", options: .backwards),
           let checkpoint = try? Checkpoint(text: String(whole[..<blank.lowerBound]) + "\n") {
            matches = checkpoint.size == item.treeSize && checkpoint.rootHash == proofRoot
        }
        #expect(matches == item.matches)
    }

    @Test("a Rekor v1 ECDSA key hint is SHA-256 of the PKIX key")
    func rekorKeyHint() throws {
        let pem = try Fixtures.text("checkpoint/sigstore-conformance/rekor-v1-rekor.sigstore.dev.pub.pem")
        #expect(try ECDSANoteVerifier(name: "rekor.sigstore.dev", pem: pem).keyID == [0xc0, 0xd2, 0x3d, 0x6a])
    }

    @Test("an ECDSA note verifier renamed keeps its key and key ID and verifies under the new name only")
    func ecdsaRenamed() throws {
        let pem = try Fixtures.text("checkpoint/sigstore-conformance/rekor-v1-rekor.sigstore.dev.pub.pem")
        let original = try ECDSANoteVerifier(name: "other.example", pem: pem)
        let renamed = original.named("rekor.sigstore.dev")
        #expect(renamed.name == "rekor.sigstore.dev" && original.name == "other.example")
        #expect(renamed.keyID == original.keyID)
        let item = try #require(Self.conformance.first { $0.key.hasSuffix(".pem") && $0.signatureOK })
        let note = try Fixtures.bytes("checkpoint/sigstore-conformance/\(item.file)")
        #expect(CheckpointVerifier.verify(note: note, verifiers: [renamed]).isValid)
        #expect(!CheckpointVerifier.verify(note: note, verifiers: [original]).isValid)
    }

    @Test("an ECDSA note verifier needs a P-256 PUBLIC KEY", arguments: [
        PEMBlock(label: "PUBLIC KEY", der: Array(Curve25519.Signing.PrivateKey().publicKey.derRepresentation)).pem,
        PEMBlock(label: "PUBLIC KEY", der: Array(P384.Signing.PrivateKey().publicKey.derRepresentation)).pem,
        "not a key",
    ])
    func ecdsaKeyMustBeP256(_ pem: String) {
        #expect(throws: TransparencyError.self) { try ECDSANoteVerifier(name: "rekor.sigstore.dev", pem: pem) }
    }

    @Test("signs a checkpoint that verifies with its own verifier key, and rejects one altered byte")
    func signRoundTrip() throws {
        let signer = try Ed25519NoteSigner(name: "tollgate.example/unit", privateKey: Curve25519.Signing.PrivateKey())
        let verifier = try NoteVerifierKey.parse(signer.verifier.verifierKey)
        let body = Checkpoint(origin: "tollgate.example/unit", size: 3, rootHash: [UInt8](repeating: 7, count: 32))
        let note = try SignedNote.sign(text: body.text, with: signer)
        #expect(CheckpointVerifier.verify(note: Array(note.serialized.utf8), verifiers: [verifier]).isValid)
        let tampered = note.serialized.replacingOccurrences(of: "\n3\n", with: "\n4\n")
        #expect(!CheckpointVerifier.verify(note: Array(tampered.utf8), verifiers: [verifier]).isValid)
    }

    @Test("rejects verifier keys whose key ID does not match", arguments: [
        "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "example.com/foo+530d903a",
        "example com+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "example.com/foo+530d903a+!!!",
    ])
    func badVerifierKeys(_ key: String) {
        #expect(throws: TransparencyError.self) { try NoteVerifierKey.parse(key) }
    }

    @Test("rejects hostile notes without crashing", arguments: ["", "\n\n", "a\n\n\n", "a\n\n— \n", "a\n\n— x \n", "a\n\n— x AAAA\n"])
    func hostileNotes(_ text: String) {
        #expect(throws: TransparencyError.self) { try SignedNote(parsing: text) }
    }
}

import Crypto
import Foundation
import Testing
import TollgateLedger
import TollgateModel
import TollgateTransparency

/// Inclusion receipts: built by the ledger under a signed checkpoint, verified offline with the
/// log key alone, and refused with the failed check when anything in them is changed.
@Suite("Ledger inclusion receipts")
struct LedgerReceiptTests {
    /// The log key as `tollgate ledger init` prints it, parsed back.
    static let logKey: any NoteVerifier = try! NoteVerifierKey.parse(TestKeys.signer.verifier.verifierKey)

    /// A ledger of `count` entries and the receipt of entry `index`.
    static func receipt(count: Int = 13, index: Int = 6, backend: Backend = .sqlite) async throws -> LedgerInclusionReceipt {
        let test = try TestStore.make(backend)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let receipts = try await ledger.append(contentsOf: (0..<count).map { try noteEntry($0) })
        return try await ledger.receipt(for: receipts[index])
    }

    @Test("a receipt for an appended entry survives JSON and verifies offline with the log key", arguments: Backend.allCases)
    func roundTrip(_ backend: Backend) async throws {
        let test = try TestStore.make(backend)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer, clock: { Date(timeIntervalSince1970: 1_790_000_000.5) })
        _ = try await ledger.append(contentsOf: (0..<5).map { try noteEntry($0) })
        let appended = try await ledger.append(kind: .decisionMade, actor: "gate", payload: Data("{\"decision\":\"allow\"}".utf8))
        _ = try await ledger.append(contentsOf: (6..<9).map { try noteEntry($0) })
        let receipt = try await ledger.receipt(for: appended)
        let decoded = try LedgerInclusionReceipt(json: try receipt.json())
        #expect(decoded == receipt)
        guard case .valid(let verified) = decoded.verify(logKey: Self.logKey) else {
            Issue.record("receipt does not verify: \(decoded.verify(logKey: Self.logKey))")
            return
        }
        #expect(verified.index == 5 && verified.origin == "tollgate.test/ledger" && verified.checkpoint.size == 9)
        #expect(verified.entry.kind == .decisionMade && verified.entry.actor == "gate")
        #expect(verified.entry.time == appended.time && appended.time == Date(timeIntervalSince1970: 1_790_000_000.5))
        #expect(verified.leafHash == appended.leafHash)
        let object = try #require(try JSONSerialization.jsonObject(with: try receipt.json()) as? [String: Any])
        #expect(object["schemaVersion"] as? String == "tollgate.dev/ledger-receipt/v1")
        #expect(Set(object.keys) == ["schemaVersion", "origin", "index", "leafData", "leafHash", "checkpoint", "inclusionProof"])
    }

    @Test("a newer stored checkpoint covering the entry is reused; otherwise a new one is signed")
    func checkpointChoice() async throws {
        let test = try TestStore.make(.sqlite)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let first = try await ledger.append(contentsOf: (0..<5).map { try noteEntry($0) })
        _ = try await ledger.checkpoint()
        let later = try await ledger.append(contentsOf: (5..<8).map { try noteEntry($0) })
        let covered = try await ledger.receipt(for: first[2])
        #expect(try Self.treeSize(covered) == 5)
        #expect(try await test.store.checkpoints(in: 0...100).map(\.size) == [5])
        let fresh = try await ledger.receipt(for: later[1])
        #expect(try Self.treeSize(fresh) == 8)
        #expect(try await test.store.checkpoints(in: 0...100).map(\.size) == [5, 8])
        #expect(covered.verify(logKey: Self.logKey).isValid && fresh.verify(logKey: Self.logKey).isValid)
        #expect(try await ledger.receipt(at: 0).verify(logKey: Self.logKey).isValid)
    }

    @Test("the ledger refuses a receipt for an acknowledgement that is not what the log holds")
    func mismatchedAcknowledgement() async throws {
        let test = try TestStore.make(.sqlite)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let appended = try await ledger.append(kind: .note, actor: "test", payload: Data("{}".utf8))
        let forged = LedgerReceipt(index: appended.index, leafHash: RFC6962.leafHash(Data("other".utf8)), time: appended.time)
        let beyond = LedgerReceipt(index: 7, leafHash: appended.leafHash, time: appended.time)
        for (receipt, kind) in [(forged, LedgerErrorKind.receiptUnverified), (beyond, .indexOutOfRange)] {
            do {
                _ = try await ledger.receipt(for: receipt)
                Issue.record("a receipt was built for \(receipt)")
            } catch let error as LedgerError {
                #expect(error.kind == kind, "\(error)")
            }
        }
    }

    static func treeSize(_ receipt: LedgerInclusionReceipt) throws -> UInt64 {
        try Checkpoint(text: try SignedNote(parsing: receipt.checkpoint).text).size
    }

    /// One change to a valid receipt and the check it must fail.
    enum Tampering: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case leafDataByte, leafDataAndHashReplaced, proofHashAltered, proofHashDropped, checkpointRoot, checkpointSignature,
             indexShifted, indexBeyondCheckpoint, originRenamed, checkpointForAnotherOrigin, checkpointNotANote

        var testDescription: String { rawValue }

        var expected: LedgerReceiptFailure.Check {
            switch self {
            case .leafDataByte: .leafHashMismatch
            case .leafDataAndHashReplaced, .proofHashAltered, .proofHashDropped, .indexShifted: .inclusionProof
            case .checkpointRoot, .checkpointSignature: .signature
            case .indexBeyondCheckpoint: .indexNotCovered
            case .originRenamed: .wrongKey
            case .checkpointForAnotherOrigin: .originMismatch
            case .checkpointNotANote: .checkpointMalformed
            }
        }

        func apply(_ r: LedgerInclusionReceipt) throws -> LedgerInclusionReceipt {
            func with(origin: String? = nil, index: UInt64? = nil, leafData: Data? = nil, leafHash: [UInt8]? = nil,
                      checkpoint: String? = nil, proof: [[UInt8]]? = nil) -> LedgerInclusionReceipt {
                LedgerInclusionReceipt(origin: origin ?? r.origin, index: index ?? r.index, leafData: leafData ?? r.leafData,
                                       leafHash: leafHash ?? r.leafHash, checkpoint: checkpoint ?? r.checkpoint,
                                       inclusionProof: proof ?? r.inclusionProof)
            }
            switch self {
            case .leafDataByte:
                var data = r.leafData
                data[data.index(before: data.endIndex)] ^= 0x01
                return with(leafData: data)
            case .leafDataAndHashReplaced:
                let other = try LedgerEntry(kind: .note, time: Date(), actor: "mallory", payload: Data("{}".utf8)).encoded()
                return with(leafData: other, leafHash: RFC6962.leafHash(other))
            case .proofHashAltered:
                var proof = r.inclusionProof
                proof[0][0] ^= 0x80
                return with(proof: proof)
            case .proofHashDropped:
                return with(proof: Array(r.inclusionProof.dropLast()))
            case .checkpointRoot:
                let note = try SignedNote(parsing: r.checkpoint)
                let body = try Checkpoint(text: note.text)
                var root = body.rootHash
                root[31] ^= 0x01
                let text = Checkpoint(origin: body.origin, size: body.size, rootHash: root).text
                return with(checkpoint: SignedNote(text: text, signatures: note.signatures).serialized)
            case .checkpointSignature:
                let note = try SignedNote(parsing: r.checkpoint)
                let signature = note.signatures[0]
                var bytes = signature.signature
                bytes[10] ^= 0x01
                let altered = NoteSignature(name: signature.name, keyID: signature.keyID, signature: bytes)
                return with(checkpoint: SignedNote(text: note.text, signatures: [altered]).serialized)
            case .indexShifted:
                return with(index: r.index + 1)
            case .indexBeyondCheckpoint:
                return with(index: 1_000)
            case .originRenamed:
                return with(origin: "evil.example/log")
            case .checkpointForAnotherOrigin:
                let body = try Checkpoint(text: try SignedNote(parsing: r.checkpoint).text)
                let text = Checkpoint(origin: "other.example/log", size: body.size, rootHash: body.rootHash).text
                return with(checkpoint: try SignedNote.sign(text: text, with: TestKeys.signer).serialized)
            case .checkpointNotANote:
                return with(checkpoint: "not a signed note\n")
            }
        }
    }

    @Test("each change to a receipt makes it invalid, naming the check that failed", arguments: Tampering.allCases)
    func tampered(_ tampering: Tampering) async throws {
        let receipt = try await Self.receipt()
        #expect(receipt.verify(logKey: Self.logKey).isValid)
        let changed = try tampering.apply(receipt)
        // The changed receipt still has a valid shape: it decodes, and only verification fails.
        let decoded = try LedgerInclusionReceipt(json: try changed.json())
        guard case .invalid(let failure) = decoded.verify(logKey: Self.logKey) else {
            Issue.record("\(tampering) still verifies")
            return
        }
        #expect(failure.check == tampering.expected, "\(failure)")
        #expect(!failure.reason.isEmpty)
    }

    @Test("a receipt does not verify with another key, a key of another name, or a witness key of the log's name")
    func wrongKeys() async throws {
        let receipt = try await Self.receipt()
        let sameName = try Ed25519NoteSigner(name: "tollgate.test/ledger", privateKey: Curve25519.Signing.PrivateKey())
        let otherName = try Ed25519NoteSigner(name: "other.test/ledger", privateKey: Curve25519.Signing.PrivateKey())
        let witness = try CosignatureV1Signer(name: "tollgate.test/ledger", privateKey: Curve25519.Signing.PrivateKey())
        let cases: [(any NoteVerifier, LedgerReceiptFailure.Check)] = [
            (sameName.verifier, .signature), (otherName.verifier, .wrongKey), (witness.verifier, .signature),
        ]
        for (key, check) in cases {
            guard case .invalid(let failure) = receipt.verify(logKey: key) else {
                Issue.record("verified with \(key.name)")
                continue
            }
            #expect(failure.check == check, "\(failure)")
        }
    }

    @Test("a receipt whose proved leaf is not a ledger entry is invalid, not a crash")
    func leafNotAnEntry() throws {
        let leaf = Data("not an entry".utf8)
        let hash = RFC6962.leafHash(leaf)
        let note = try SignedNote.sign(text: Checkpoint(origin: TestKeys.signer.name, size: 1, rootHash: hash).text, with: TestKeys.signer)
        let receipt = LedgerInclusionReceipt(origin: TestKeys.signer.name, index: 0, leafData: leaf, leafHash: hash,
                                             checkpoint: note.serialized, inclusionProof: [])
        guard case .invalid(let failure) = receipt.verify(logKey: Self.logKey) else {
            Issue.record("verified")
            return
        }
        #expect(failure.check == .entryMalformed, "\(failure)")
    }

    /// Malformed documents and the error code decoding gives.
    static let malformed: [(String, String, LedgerErrorKind)] = {
        let hash = Data(repeating: 7, count: 32).base64EncodedString()
        func document(_ fields: [String: String]) -> String {
            var base: [String: String] = [
                "schemaVersion": "\"tollgate.dev/ledger-receipt/v1\"", "origin": "\"o\"", "index": "0",
                "leafData": "\"AAEC\"", "leafHash": "\"\(hash)\"", "checkpoint": "\"o\\n1\\nx\\n\"", "inclusionProof": "[]",
            ]
            for (key, value) in fields { base[key] = value }
            return "{" + base.filter { !$0.value.isEmpty }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
        }
        return [
            ("not JSON", "receipt", .invalidReceipt),
            ("an array", "[1, 2]", .invalidReceipt),
            ("empty", "", .invalidReceipt),
            ("unknown schemaVersion", document(["schemaVersion": "\"tollgate.dev/ledger-receipt/v2\""]), .invalidReceipt),
            ("missing leafHash", document(["leafHash": ""]), .invalidReceipt),
            ("negative index", document(["index": "-1"]), .invalidReceipt),
            ("fractional index", document(["index": "1.5"]), .invalidReceipt),
            ("index as a string", document(["index": "\"3\""]), .invalidReceipt),
            ("null origin", document(["origin": "null"]), .invalidReceipt),
            ("empty origin", document(["origin": "\"\""]), .invalidReceipt),
            ("leafData not base64", document(["leafData": "\"%%%\""]), .invalidReceipt),
            ("empty leafData", document(["leafData": "\"\""]), .invalidReceipt),
            ("short leafHash", document(["leafHash": "\"AAEC\""]), .invalidReceipt),
            ("short proof hash", document(["inclusionProof": "[\"\(hash)\", \"AAEC\"]"]), .invalidReceipt),
            ("proof not an array", document(["inclusionProof": "\"\(hash)\""]), .invalidReceipt),
            ("65 proof hashes", document(["inclusionProof": "[" + Array(repeating: "\"\(hash)\"", count: 65).joined(separator: ",") + "]"]), .invalidReceipt),
            ("truncated", String(document([:]).dropLast(9)), .invalidReceipt),
            ("oversized", document(["origin": "\"" + String(repeating: "a", count: LedgerInclusionReceipt.maxSize) + "\""]), .tooLarge),
        ]
    }()

    @Test("malformed, truncated and oversized receipt documents are refused with a stable code",
          arguments: malformed.map { ($0.0, $0.1, $0.2.rawValue) })
    func malformedDocuments(_ name: String, _ text: String, _ code: String) {
        do throws(LedgerError) {
            _ = try LedgerInclusionReceipt(json: Data(text.utf8))
            Issue.record("\(name) decoded")
        } catch {
            #expect(error.code == code, "\(name): \(error.reason)")
            #expect(!error.reason.contains("Swift") && !error.reason.contains("CodingKeys"), "\(name): \(error.reason)")
        }
    }

    @Test("the well-formed base document of the malformed cases decodes (so each case fails for its own reason)")
    func baseDocumentDecodes() throws {
        let hash = Data(repeating: 7, count: 32).base64EncodedString()
        let text = "{\"schemaVersion\": \"tollgate.dev/ledger-receipt/v1\", \"origin\": \"o\", \"index\": 0, \"leafData\": \"AAEC\", "
            + "\"leafHash\": \"\(hash)\", \"checkpoint\": \"o\\n1\\nx\\n\", \"inclusionProof\": [], \"extra\": true}"
        let receipt = try LedgerInclusionReceipt(json: Data(text.utf8))
        #expect(receipt.leafData == Data([0, 1, 2]) && receipt.origin == "o")
        guard case .invalid(let failure) = receipt.verify(logKey: Self.logKey) else {
            Issue.record("verified")
            return
        }
        #expect(failure.check == .wrongKey)
    }
}

import Foundation
import Testing
import TollgateLedger
import TollgateTransparency

/// The `tollgate ledger` commands auditors run by hand, through the built binary: exit codes and
/// the JSON proof form.
@Suite("tollgate ledger command line")
struct CLITests {
    @Test("check-proof exits 0 for a valid proof and 1 for a failing one", arguments: [
        ("merkle/transparency-dev/inclusion/1/happy-path.json", Int32(0)),
        ("merkle/transparency-dev/inclusion/1/wrong-leaf.json", Int32(1)),
        ("merkle/transparency-dev/consistency/1/happy-path.json", Int32(0)),
        ("merkle/transparency-dev/consistency/1/swapped-roots.json", Int32(1)),
    ])
    func checkProof(_ path: String, _ status: Int32) throws {
        guard FileManager.default.fileExists(atPath: Fixtures.url(path).path) else {
            Issue.record("fixture \(path) missing")
            return
        }
        #expect(try ProcessTests.run(["ledger", "check-proof", Fixtures.url(path).path]).0 == status)
    }

    /// The generated signed-note cases (`checkpoint/generated/cases.json`) as file, keys and verdict.
    static var generatedNotes: [[String: Any]] {
        ((try? Fixtures.json("checkpoint/generated/cases.json") as? [String: Any])?["cases"] as? [[String: Any]]) ?? []
    }

    @Test("check-note exits as the signed-note rules say for every generated case", arguments: 0..<12)
    func checkNote(_ number: Int) throws {
        let item = try #require(Self.generatedNotes.count > number ? Self.generatedNotes[number] : nil)
        let file = try #require(item["file"] as? String)
        let keys = try #require(item["verifier_keys"] as? [String])
        let wantValid = try #require(item["want_valid"] as? Bool)
        let arguments = ["ledger", "check-note", Fixtures.url("checkpoint/generated/\(file)").path] + keys.flatMap { ["--key", $0] }
        #expect(try ProcessTests.run(arguments).0 == (wantValid ? 0 : 1), "\(file)")
    }

    @Test("check-note verifies a Rekor v1 ECDSA checkpoint with --ecdsa-key")
    func checkNoteECDSA() throws {
        let pem = Fixtures.url("checkpoint/sigstore-conformance/rekor-v1-rekor.sigstore.dev.pub.pem").path
        let good = Fixtures.url("checkpoint/sigstore-conformance/happy-path-v0.3.note").path
        let bad = Fixtures.url("checkpoint/sigstore-conformance/invalid-checkpoint-signature_fail.note").path
        #expect(try ProcessTests.run(["ledger", "check-note", good, "--ecdsa-key", "rekor.sigstore.dev=\(pem)"]).0 == 0)
        #expect(try ProcessTests.run(["ledger", "check-note", bad, "--ecdsa-key", "rekor.sigstore.dev=\(pem)"]).0 == 1)
    }

    @Test("prove-inclusion and prove-consistency print the form check-proof reads")
    func proveAndCheck() throws {
        let directory = try ProcessTests.tempDirectory()
        let data = directory.appendingPathComponent("data").path
        #expect(try ProcessTests.run(["ledger", "init", "--data", data]).0 == 0)
        #expect(try ProcessTests.run(["ledger", "append", "-", "--data", data], stdin: ProcessTests.lines("cli", count: 37)).0 == 0)
        let (status, json) = try ProcessTests.run(["ledger", "prove-inclusion", "12", "--size", "30", "--data", data, "--format", "json"])
        #expect(status == 0)
        guard case .inclusion(let proof) = try ProofJSON.parse(Data(json.utf8)) else {
            Issue.record("not an inclusion proof: \(json)")
            return
        }
        #expect(proof.leafIndex == 12 && proof.treeSize == 30 && proof.verify().isValid)
        let file = directory.appendingPathComponent("c.json")
        let (_, consistency) = try ProcessTests.run(["ledger", "prove-consistency", "5", "37", "--data", data, "--format", "json"])
        try Data(consistency.utf8).write(to: file)
        #expect(try ProcessTests.run(["ledger", "check-proof", file.path]).0 == 0)
        let (_, note) = try ProcessTests.run(["ledger", "checkpoint", "--data", data])
        let noteFile = directory.appendingPathComponent("cp.note")
        try Data(note.utf8).write(to: noteFile)
        let vkey = "@" + directory.appendingPathComponent("data/ledger.vkey").path
        #expect(try ProcessTests.run(["ledger", "check-note", noteFile.path, "--key", vkey]).0 == 0)
        #expect(try ProcessTests.run(["ledger", "fsck", "--data", data]).0 == 0)
        #expect(try ProcessTests.run(["ledger", "get", "99", "--data", data]).0 == 2)
    }
}

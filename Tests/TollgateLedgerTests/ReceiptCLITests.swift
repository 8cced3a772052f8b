import Crypto
import Foundation
import Testing
import TollgateLedger
import TollgateTransparency

/// `tollgate ledger receipt` and `tollgate ledger check-receipt` through the built binary: exit
/// codes (0 valid, 1 invalid, 3 malformed), the failed check, and the decoded entry.
@Suite("tollgate ledger receipt and check-receipt")
struct ReceiptCLITests {
    static let origin = "tollgate.test/cli-receipt"

    /// A ledger with 9 entries and the receipt of entry 4 written with `-o`.
    struct Setup {
        let directory: URL
        let data: String
        let receipt: URL
        var vkeyFile: String { data + "/ledger.vkey" }
    }

    static func setup() throws -> Setup {
        let directory = try ProcessTests.tempDirectory()
        let data = directory.appendingPathComponent("data").path
        #expect(try ProcessTests.run(["ledger", "init", "--data", data, "--origin", origin]).0 == 0)
        #expect(try ProcessTests.run(["ledger", "append", "-", "--data", data], stdin: ProcessTests.lines("receipt", count: 9)).0 == 0)
        let receipt = directory.appendingPathComponent("receipt.json")
        #expect(try ProcessTests.run(["ledger", "receipt", "4", "--data", data, "--output", receipt.path]).0 == 0)
        return Setup(directory: directory, data: data, receipt: receipt)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test("a receipt written by `ledger receipt` checks valid offline and names the entry's kind, time and actor")
    func roundTrip() throws {
        let setup = try Self.setup()
        let vkey = try String(contentsOfFile: setup.vkeyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        // The key inline, as @FILE, and as a plain path.
        for key in [vkey, "@" + setup.vkeyFile, setup.vkeyFile] {
            let (status, text) = try ProcessTests.run(["ledger", "check-receipt", setup.receipt.path, "--log-key", key])
            #expect(status == 0, "\(text)")
            #expect(text.hasPrefix("valid: entry 4 is in \(Self.origin) at tree size 9"), "\(text)")
            #expect(text.contains("kind:     note") && text.contains("actor:    cli:") && text.contains("time:     "), "\(text)")
        }
        let (status, json) = try ProcessTests.run(["ledger", "check-receipt", setup.receipt.path, "--log-key", vkey, "--format", "json"])
        #expect(status == 0)
        let report = try Self.object(json)
        #expect(report["schemaVersion"] as? String == "tollgate.dev/ledger-receipt-check/v1")
        #expect(report["valid"] as? Bool == true && report["index"] as? Int == 4)
        let entry = try #require(report["entry"] as? [String: Any])
        let stored = try Self.object(try ProcessTests.run(["ledger", "get", "4", "--data", setup.data, "--format", "json"]).1)
        #expect(entry["kind"] as? String == "note")
        #expect(entry["time"] as? String == stored["time"] as? String && entry["actor"] as? String == stored["actor"] as? String)
        #expect(entry["leafHash"] as? String == stored["leafHash"] as? String)
        // To standard output, and back in through standard input.
        let (written, receipt) = try ProcessTests.run(["ledger", "receipt", "4", "--data", setup.data])
        #expect(written == 0)
        #expect(try LedgerInclusionReceipt(json: Data(receipt.utf8)).index == 4)
        #expect(try ProcessTests.run(["ledger", "check-receipt", "-", "--log-key", vkey], stdin: Data(receipt.utf8)).0 == 0)
        #expect(try ProcessTests.run(["ledger", "receipt", "99", "--data", setup.data]).0 == 2)
    }

    @Test("check-receipt exits 1 and names the failed check for a tampered receipt",
          arguments: [LedgerReceiptTests.Tampering.leafDataByte, .proofHashAltered, .checkpointRoot, .checkpointSignature, .indexBeyondCheckpoint])
    func tampered(_ tampering: LedgerReceiptTests.Tampering) throws {
        let setup = try Self.setup()
        let receipt = try LedgerInclusionReceipt(json: try Data(contentsOf: setup.receipt))
        let file = setup.directory.appendingPathComponent("tampered.json")
        try tampering.apply(receipt).json().write(to: file)
        let (status, json) = try ProcessTests.run(["ledger", "check-receipt", file.path, "--log-key", "@" + setup.vkeyFile, "--format", "json"])
        #expect(status == 1, "\(json)")
        let report = try Self.object(json)
        #expect(report["valid"] as? Bool == false)
        #expect(report["failure"] as? String == tampering.expected.rawValue, "\(json)")
        #expect((report["reason"] as? String)?.isEmpty == false)
        let (textStatus, text) = try ProcessTests.run(["ledger", "check-receipt", file.path, "--log-key", "@" + setup.vkeyFile])
        #expect(textStatus == 1 && text.hasPrefix("INVALID (\(tampering.expected.rawValue)): "), "\(text)")
    }

    @Test("check-receipt exits 1 with another key of the log's name, and with a key of another name")
    func wrongKey() throws {
        let setup = try Self.setup()
        let sameName = try Ed25519NoteSigner(name: Self.origin, privateKey: Curve25519.Signing.PrivateKey()).verifier.verifierKey
        let otherName = try Ed25519NoteSigner(name: "other.test/log", privateKey: Curve25519.Signing.PrivateKey()).verifier.verifierKey
        for (key, failure) in [(sameName, "signature"), (otherName, "wrong-key")] {
            let (status, json) = try ProcessTests.run(["ledger", "check-receipt", setup.receipt.path, "--log-key", key, "--format", "json"])
            #expect(status == 1, "\(json)")
            #expect(try Self.object(json)["failure"] as? String == failure, "\(json)")
        }
    }

    @Test("check-receipt exits 3 with an error code for malformed, truncated or oversized input and a malformed key")
    func malformed() throws {
        let setup = try Self.setup()
        let valid = try Data(contentsOf: setup.receipt)
        let cases: [(String, Data, String)] = [
            ("not-json.json", Data("receipt?".utf8), "ledger.invalid-receipt"),
            ("truncated.json", valid.prefix(valid.count / 2), "ledger.invalid-receipt"),
            ("wrong-version.json", Data(String(decoding: valid, as: UTF8.self)
                .replacingOccurrences(of: "ledger-receipt/v1", with: "ledger-receipt/v9").utf8), "ledger.invalid-receipt"),
            ("oversized.json", Data(repeating: 0x20, count: LedgerInclusionReceipt.maxSize + 1), "cli.unreadable-input"),
        ]
        for (name, bytes, code) in cases {
            let file = setup.directory.appendingPathComponent(name)
            try bytes.write(to: file)
            let (status, json) = try ProcessTests.run(["ledger", "check-receipt", file.path, "--log-key", "@" + setup.vkeyFile, "--format", "json"])
            #expect(status == 3, "\(name): \(json)")
            let error = try #require(try Self.object(json)["error"] as? [String: Any], "\(name): \(json)")
            #expect(error["code"] as? String == code, "\(name): \(json)")
        }
        let (status, json) = try ProcessTests.run(["ledger", "check-receipt", setup.receipt.path, "--log-key", "not+a+key", "--format", "json"])
        #expect(status == 3)
        #expect((try Self.object(json)["error"] as? [String: Any])?["code"] as? String == "transparency.invalid-key", "\(json)")
    }
}

import Foundation
import Testing
import TollgateTransparency

@Suite("C2SP tlog-checkpoint")
struct CheckpointTests {
    static let tesseraKey = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx"

    @Test("every Tessera checkpoint 0…15 verifies for its origin, and checkpoint.0 has the empty-tree root", arguments: 0...15)
    func tesseraCheckpoints(_ size: Int) throws {
        let bytes = try Fixtures.bytes("checkpoint/tessera-posix-log/checkpoint.\(size)")
        let verifier = try NoteVerifierKey.parse(Self.tesseraKey)
        let verdict = CheckpointVerifier.verify(note: bytes, verifiers: [verifier], origin: "example.com/log/testdata")
        guard case .valid(let verified) = verdict else {
            Issue.record("checkpoint.\(size): \(verdict)")
            return
        }
        #expect(verified.checkpoint.size == UInt64(size))
        if size == 0 { #expect(verified.checkpoint.rootHash == RFC6962.emptyRoot) }
        #expect(!CheckpointVerifier.verify(note: bytes, verifiers: [verifier], origin: "example.com/log/other").isValid)
    }

    @Test("checkpoints with missing parts or stray control characters do not parse",
          arguments: [
              "origin\n10\n\n\u{2014} origin AAAAAAAA\n",
              "origin\nten\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n\u{2014} origin AAAAAAAA\n",
              "origin\n10\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n",
              "origin\r\n10\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n\u{2014} origin AAAAAAAA\n",
              "origin\n10\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n\u{2014} origin AAAAAAAA",
              "origin\n010\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n\u{2014} origin AAAAAAAA\n",
              "origin\n10\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\nextension\n\n\u{2014} origin AAAAAAAA\n",
          ])
    func malformedCheckpoints(_ note: String) {
        #expect(throws: TransparencyError.self) { try Checkpoint(text: SignedNote(parsing: note).text) }
    }

    @Test("the signatures follow the last blank line: the note text may itself contain blank lines")
    func lastBlankLine() throws {
        let note = try SignedNote(parsing: "first\n\nsecond\n\n\u{2014} origin AAAAAAAA\n")
        #expect(note.text == "first\n\nsecond\n")
        #expect(note.signatures.map(\.name) == ["origin"])
        #expect(note.serialized == "first\n\nsecond\n\n\u{2014} origin AAAAAAAA\n")
    }

    @Test("the tree size: ASCII digits without leading zeros, within 64 bits; lines split at the newline byte")
    func sizeLine() throws {
        let root = "rs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI="
        func size(_ line: String) throws -> UInt64 { try Checkpoint(text: "origin\n\(line)\n\(root)\n").size }
        #expect(try size("0") == 0)
        #expect(try size("7") == 7)
        #expect(try size("18446744073709551615") == UInt64.max)
        for bad in ["", "00", "01", "18446744073709551616", "99999999999999999999", "+5", "-1", "1 ", "1\r", "\u{0661}", "1_000"] {
            #expect(throws: TransparencyError.self, "\(bad.debugDescription)") { try size(bad) }
        }
        // A non-ASCII origin and extension lines stay whole; a carriage return is part of its line.
        let body = try Checkpoint(text: "tlog.exämple/log \u{1F600}\n3\n\(root)\nTimestamp: 1\nother ü\n")
        #expect(body.origin == "tlog.exämple/log \u{1F600}")
        #expect(body.extensions == ["Timestamp: 1", "other ü"])
        #expect(try Checkpoint(text: "origin\r\n3\n\(root)\n").origin == "origin\r")
        #expect(throws: TransparencyError.self) { try Checkpoint(text: "origin\n3\n\(root)\r\n") }
        #expect(throws: TransparencyError.self) { try Checkpoint(text: "origin\n3\n\(root)") }
    }

    @Test("a checkpoint body round-trips through its text, extension lines included")
    func bodyRoundTrip() throws {
        let body = Checkpoint(origin: "rekor.sigstore.dev - 2605736670972794746", size: 42,
                              rootHash: [UInt8](repeating: 9, count: 32), extensions: ["Timestamp: 1689999999"])
        #expect(try Checkpoint(text: body.text) == body)
    }
}

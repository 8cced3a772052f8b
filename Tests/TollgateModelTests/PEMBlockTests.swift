import Testing
@testable import TollgateModel

@Suite("PEM blocks")
struct PEMBlockTests {
    @Test("round-trips label and bytes")
    func roundTrip() throws {
        let block = PEMBlock(label: "PUBLIC KEY", der: Array(0..<200))
        #expect(try PEMBlock(parsing: block.pem) == block)
        #expect(block.pem.split(separator: "\n").allSatisfy { $0.count <= 64 })
    }

    @Test("ignores text around the block and CRLF line ends")
    func surroundingText() throws {
        let pem = "comment\r\n" + PEMBlock(label: "X", der: [1, 2, 3]).pem.replacingOccurrences(of: "\n", with: "\r\n") + "trailer"
        #expect(try PEMBlock(parsing: pem).der == [1, 2, 3])
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let message: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        .init(name: "no block", text: "hello", message: "no '-----BEGIN"),
        .init(name: "truncated", text: "-----BEGIN PUBLIC KEY-----\nAAAA\n", message: "truncated"),
        .init(name: "mismatched end", text: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", message: "ends with"),
        .init(name: "garbage body", text: "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n", message: "not valid base64"),
        .init(name: "empty body", text: "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", message: "not valid base64"),
        .init(name: "headers", text: "-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n-----END PUBLIC KEY-----\n", message: "headers"),
        .init(name: "bad begin line", text: "-----BEGIN PUBLIC KEY\nAAAA\n-----END PUBLIC KEY-----\n", message: "malformed"),
    ]

    @Test("rejects malformed PEM with a specific message", arguments: badCases)
    func rejects(bad: BadCase) {
        do {
            _ = try PEMBlock(parsing: bad.text)
            Issue.record("expected an error for \(bad.name)")
        } catch {
            #expect(error.kind == .invalidPEM)
            #expect(error.reason.contains(bad.message), "\(error.reason)")
        }
    }

    @Test("rejects oversized PEM text")
    func oversized() {
        let text = "-----BEGIN X-----\n" + String(repeating: "A", count: PEMBlock.maxBytes) + "\n-----END X-----\n"
        #expect(throws: ModelError(.tooLarge, "PEM text is \(text.utf8.count) bytes, over the \(PEMBlock.maxBytes)-byte limit")) {
            try PEMBlock(parsing: text)
        }
    }
}

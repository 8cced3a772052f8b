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

    @Test("pemBytes is the PEM text's bytes: 64-column lines, a final line break, and it parses back", arguments: [0, 1, 2, 3, 47, 48, 49, 95, 96, 97, 1_000])
    func pemBytes(count: Int) throws {
        let block = PEMBlock(label: "CERTIFICATE", der: (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        #expect(block.pemBytes == Array(block.pem.utf8))
        let lines = block.pem.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "-----BEGIN CERTIFICATE-----")
        #expect(lines.suffix(2) == ["-----END CERTIFICATE-----", ""])
        let body = lines.dropFirst().dropLast(2)
        #expect(body.dropLast().allSatisfy { $0.count == 64 })
        #expect(body.last.map { (1...64).contains($0.count) } ?? (count == 0))
        #expect(body.joined() == Base64Text.encode(block.der))
        if count > 0 { #expect(try PEMBlock(parsing: block.pem) == block) }
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

    /// Texts for which the ASCII byte path and the general `Character` path must agree. A leading
    /// non-ASCII comment line in front (text outside blocks is ignored) sends a text down the general path.
    static let parityTexts: [String] = {
        let body = PEMBlock(label: "CERTIFICATE", der: Array(0..<100)).pem
        let crlf = body.replacingOccurrences(of: "\n", with: "\r\n")
        return [
            body, crlf, "junk\n" + body + "junk", "  " + body.replacingOccurrences(of: "\n", with: " \t\n"),
            String(body.dropLast()) + "\r",                                  // lone CR after the END line, no LF
            body.replacingOccurrences(of: "-----END", with: "\r-----END"),      // CR starting a line
            body.replacingOccurrences(of: "\n", with: "\r\r\n"),               // CR before CR LF
            body.replacingOccurrences(of: "-----END CERTIFICATE-----", with: "-----END KEY-----"),
            body.replacingOccurrences(of: "-----END CERTIFICATE-----\n", with: ""),
            "-----BEGIN X-----\nProc-Type: 4\n-----END X-----\n", "-----BEGIN -----\n-----END -----\n",
            "-----BEGIN X-----\n-----END X-----\n", "-----BEGIN X-----\n!!!!\n-----END X-----\n",
            "-----BEGIN X\n", body + body, "no block at all",
        ]
    }()

    @Test("ASCII text parses exactly as the general path parses it", arguments: parityTexts)
    func asciiPathParity(text: String) {
        func outcome(_ text: String) -> String {
            do { return "\(try PEMBlock.parseAll(text).map { "\($0.label):\($0.der)" })" } catch { return "error \(error.code) \(error.reason)" }
        }
        #expect(outcome(text) == outcome("# non-ASCII comment é\n" + text))
    }
}

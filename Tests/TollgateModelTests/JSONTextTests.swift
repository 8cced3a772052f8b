import Foundation
import Testing
@testable import TollgateModel

/// `JSONValue.encodedBytes()` writes through `JSONText`; its bytes must stay exactly what
/// `JSONEncoder` with sorted keys and unescaped slashes writes, because SBOM content digests are
/// computed over them (a digest made by an older Tollgate must still match).
@Suite("JSONText compact serialisation")
struct JSONTextTests {
    static func encoderBytes(_ value: JSONValue) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static let tricky: [JSONValue] = [
        .string("quote \" backslash \\ slash / tab \t newline \n return \r"),
        .string("controls \u{0} \u{1} \u{8} \u{C} \u{1F} del \u{7F}"),
        .string("non-ASCII: é ß 中文 👩‍💻 \u{2028}\u{2029}"),
        .string(""),
        .integer(0), .integer(-1), .integer(Int64.max), .integer(Int64.min),
        .number(0.1), .number(-2.5), .number(1e-7), .number(1.5e300), .number(-0.0),
        .bool(true), .bool(false), .null,
        .array([]), .object([:]),
        ["b": 1, "a": ["z": nil, "é": "x", "E": [1, 2, ["k": "v"]]], "aa": "", "A": true],
    ]

    @Test("matches JSONEncoder byte for byte on awkward values", arguments: tricky)
    func matchesEncoder(value: JSONValue) throws {
        #expect(value.encodedBytes() == (try Self.encoderBytes(value)))
    }

    @Test("matches JSONEncoder byte for byte on real documents (sigstore-conformance bundles and trusted roots)")
    func matchesEncoderOnFixtures() throws {
        let root = FixtureFiles.root
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        #expect(!files.isEmpty)
        for file in files {
            let value = try JSONValue.parse(Array(try Data(contentsOf: file)), maxBytes: 1 << 24)
            #expect(value.encodedBytes() == (try Self.encoderBytes(value)), "\(file.lastPathComponent)")
        }
    }
}

@Suite("Base64Text")
struct Base64TextTests {
    @Test("decodes standard and URL-safe base64, with or without padding",
          arguments: [("aGk+Pz8/", [0x68, 0x69, 0x3E, 0x3F, 0x3F, 0x3F]), ("aGk-Pz8_", [0x68, 0x69, 0x3E, 0x3F, 0x3F, 0x3F]),
                      ("aGk", [0x68, 0x69]), ("aGk=", [0x68, 0x69]), ("", [])] as [(String, [UInt8])])
    func decodes(text: String, bytes: [UInt8]) {
        #expect(Base64Text.decode(text) == bytes)
    }

    @Test("refuses text that mixes both alphabets, impossible lengths and stray characters",
          arguments: ["aGk+Pz8_", "aGk-Pz8/", "a", "aGk=a", "aG k=", "aGk*", "aG k", "aGk\n", "=aGk", "aGk+Pz8_aGk="])
    func refuses(text: String) {
        #expect(Base64Text.decode(text) == nil)
    }

    @Test("round-trips every length up to 300 bytes in both alphabets, padded or not, from a String or a Substring")
    func roundTrips() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let standard = Base64Text.encode(bytes)
            let urlSafe = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            let unpadded = String(urlSafe.prefix { $0 != "=" })
            #expect(Base64Text.decode(standard) == bytes)
            #expect(Base64Text.decode(urlSafe) == bytes)
            #expect(Base64Text.decode(unpadded) == bytes)
            #expect(Base64Text.decode(("[" + standard + "]").dropFirst().dropLast()) == bytes)
            if standard.contains("+") || standard.contains("/"), urlSafe != standard {
                // One character of the other alphabet anywhere makes it neither.
                #expect(Base64Text.decode(standard + "-A==") == nil)
            }
        }
    }

    @Test("encodes every length up to 300 bytes exactly as Foundation does")
    func encodesAsFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Base64Text.encodedBytes(bytes) == [UInt8](Data(bytes).base64EncodedData()), "length \(length)")
            #expect(String(decoding: Base64Text.encodedBytes(bytes), as: UTF8.self) == Base64Text.encode(bytes))
        }
    }

    @Test("decodes as Foundation does: valid text, non-zero bits after the last byte, and 20,000 one-character mutations; stricter only where Foundation accepts '=' inside the text")
    func decodesAsFoundation() {
        var generator = SystemRandomNumberGenerator()
        // Foundation ignores the bits below the last byte ("YR==" is "a", as in Go and Python).
        #expect(Base64Text.decode("YR==") == [0x61])
        #expect(Base64Text.decode("YWJ=") == [0x61, 0x62])
        // Foundation reads these as bytes; '=' is only padding at the end here.
        for text in ["YQ=a", "====", "Y===", "YQ==YQ==", "=YQ="] {
            #expect(Base64Text.decode(text) == nil, "\(text)")
        }
        let mutations: [UInt8] = Array("AZaz09+/=-_ \n\u{0}*".utf8) + [0x80, 0xFF]
        for round in 0..<20_000 {
            let length = Int.random(in: 0...64, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var text = [UInt8](Data(bytes).base64EncodedData())
            #expect(Base64Text.decode(String(decoding: text, as: UTF8.self)) == bytes)
            guard !text.isEmpty else { continue }
            text[Int.random(in: 0..<text.count, using: &generator)] = mutations.randomElement(using: &generator)!
            let mutated = String(decoding: text, as: UTF8.self)
            let foundation = Data(base64Encoded: mutated).map { [UInt8]($0) }
            let ours = Base64Text.decode(mutated)
            if mutated.contains("-") || mutated.contains("_") {
                continue  // the URL-safe alphabet, which Foundation does not read
            }
            if let ours {
                #expect(ours == foundation, "round \(round): \(mutated)")
            } else if foundation != nil {
                // Only where Foundation reads an '=' that is not the text's final padding.
                let core = mutated.utf8.prefix(while: { $0 != UInt8(ascii: "=") })
                let tail = mutated.utf8.dropFirst(core.count)
                #expect(tail.contains(where: { $0 != UInt8(ascii: "=") }) || tail.count > 2 || mutated.utf8.count % 4 != 0,
                        "round \(round): Foundation reads \(mutated), Tollgate refuses it")
            }
        }
    }
}

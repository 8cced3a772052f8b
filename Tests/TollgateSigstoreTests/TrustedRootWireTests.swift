import Foundation
import Testing
import TollgateModel
@testable import TollgateSigstore

/// The trusted root's JSON read through ``JSONWire`` gives the same wire value as `JSONDecoder`,
/// and a document it cannot read exactly so goes to `JSONDecoder` (same value or same failure).
@Suite("trusted root JSON: both decoders agree")
struct TrustedRootWireTests {
    static let roots: [String] = {
        let base = ConformanceCase.fixtures
        let files = (FileManager.default.enumerator(atPath: base.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix("trusted_root.json") || $0.hasSuffix(".trusted_root.json") || $0.hasPrefix("trusted_root.") && $0.hasSuffix(".json") }
        return files.sorted()
    }()

    static func reference(_ bytes: [UInt8]) -> TrustedRootWire? {
        try? JSONDecoder().decode(TrustedRootWire.self, from: Data(bytes))
    }

    @Test("the fixtures hold trusted roots")
    func found() {
        #expect(Self.roots.count >= 20, "\(Self.roots)")
    }

    @Test("every fixture root reads the same on both paths, and through the fast path", arguments: roots)
    func fixture(_ file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: ConformanceCase.fixtures.appendingPathComponent(file)))
        let reference = try #require(Self.reference(bytes))
        #expect(try TrustedRootWire.decode(bytes) == reference)
        let parsed = try JSONWire.parse(bytes, maxBytes: TrustedRoot.maxBytes)
        #expect(try TrustedRootWire(value: parsed) == reference)
    }

    @Test("mutations of a root read the same on both paths (or fail on both)")
    func mutations() throws {
        let text = try String(contentsOf: ConformanceCase.fixtures.appendingPathComponent("conformance/trusted_root.production.json"), encoding: .utf8)
        let edits: [(String, String)] = [
            ("\"mediaType\"", "\"mediaType\": 1, \"x\""),
            ("\"tlogs\": [", "\"tlogs\": [null, "),
            ("\"tlogs\": [", "\"tlogs\": [7, "),
            ("\"baseUrl\"", "\"baseUrl\": null, \"y\""),
            ("\"rawBytes\"", "\"rawBytes\": [], \"z\""),
            ("\"start\"", "\"start\": {}, \"w\""),
            ("\"certificates\": [", "\"certificates\": [\"x\", "),
            ("\"keyId\"", "\"keyId\": true, \"v\""),
            ("\"mediaType\"", "\"mediaType\": \"first\", \"mediaType\""),
            ("{", "{\"n\": 1.5, "),
            ("{", "{\"n\": 1e400, "),
        ]
        for (target, replacement) in edits {
            guard let range = text.range(of: target) else {
                Issue.record("no \(target)")
                continue
            }
            let bytes = Array(text.replacingCharacters(in: range, with: replacement).utf8)
            let reference = Self.reference(bytes)
            let current = try? TrustedRootWire.decode(bytes)
            #expect(current == reference, "\(replacement)")
        }
        for cut in stride(from: 0, to: text.utf8.count, by: 97) {
            let bytes = Array(Array(text.utf8)[..<cut])
            #expect((try? TrustedRootWire.decode(bytes)) == Self.reference(bytes), "cut at \(cut)")
        }
    }
}

/// Trusted-root timestamps: TollgateModel's RFC 3339 reader (``InstantText/parse(_:)``, also TUF's)
/// gives the instant Foundation's ISO 8601 styles give, and the styles still read what it refuses.
@Suite("trusted root timestamps")
struct TimeRangeTests {
    static func foundation(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    @Test("the same instant as Foundation for dates from 1970 to 2399, with and without a zero fraction")
    func agrees() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["2021-03-07T03:20:29.000Z", "2022-04-13T20:06:15Z", "2000-02-29T00:00:00Z", "2100-02-28T23:59:59.0Z",
                     "1970-01-01T00:00:00Z", "2024-12-31T23:59:59.000000Z", "2399-12-31T12:00:00Z"]
        for _ in 0..<2_000 {
            let seconds = Int64.random(in: 0...13_569_465_599, using: &generator)  // up to 2399-12-31
            var text = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
            if Bool.random(using: &generator) { text = String(text.dropLast()) + ".000Z" }
            texts.append(text)
        }
        for text in texts {
            #expect(InstantText.parse(text) != nil, "\(text)")
            #expect(InstantText.parse(text) == Self.foundation(text), "\(text)")
            #expect(TimeRange.parseTimestamp(text) == Self.foundation(text), "\(text)")
        }
    }

    @Test("fractions, offsets and malformed text: Foundation's instant wherever it reads the text; the reader's where only it does",
          arguments: ["2021-03-07T03:20:29.123Z", "2021-03-07T03:20:29+00:00", "2021-03-07T05:20:29.5+02:00", "2021-03-07T03:20:29",
                      "2021-02-29T00:00:00Z", "2021-13-01T00:00:00Z", "2021-03-07T24:00:00Z", "2021-03-07T03:60:00Z",
                      "2021-03-07t03:20:29z", "2021-03-07T03:20:29.Z", "21-03-07T03:20:29Z", "2021-3-7T3:20:29Z", "", "garbage",
                      "2021-03-07T03:20:29.0001Z", "2023-04-14T21:38:40.735Z", "2022-04-13T20:06:15.010-01:30"])
    func others(_ text: String) {
        let parsed = TimeRange.parseTimestamp(text)
        #expect(parsed == (Self.foundation(text) ?? InstantText.parse(text)), "\(text)")
    }
}

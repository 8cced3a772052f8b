import Foundation
import Testing
import TollgateModel
@testable import TollgateSigstore

/// The `JSONValue` readers of bundle JSON and Rekor entry bodies (``JSONWire``) against
/// `JSONDecoder`, which they replace on the fast path: wherever they read a document they must read
/// it exactly as `JSONDecoder` does, and `UnverifiedBundle(json:)` must give the same bundle or the
/// same error as before (size and depth guard, then `JSONDecoder`).
@Suite("JSON wire fast path")
struct JSONWireTests {
    static let fixtures = ConformanceCase.fixtures
    static let happy = "conformance/cases/happy-path-v0.3/bundle.sigstore.json"
    static let dsse = "conformance/cases/rekor2-dsse-happy-path/bundle.sigstore.json"

    /// Every bundle among the fixtures (sigstore-conformance cases and sigstore-go's).
    static let bundleFiles: [String] = {
        let root = fixtures.path
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
        return files.filter { $0.hasSuffix("bundle.sigstore.json") || $0.hasSuffix("bundle-publish.json") }.sorted()
    }()

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(relative)))
    }

    /// `UnverifiedBundle(json:)` as it was before the fast path: guard, PEP 740 sniff, `JSONDecoder`.
    static func reference(_ bytes: [UInt8]) -> Result<UnverifiedBundle, SigstoreError> {
        do throws(SigstoreError) {
            try SigstoreJSONGuard.check(bytes, what: "bundle")
            if PEP740Attestation.looksLikeAttestation(bytes) { return .success(try PEP740Attestation(json: bytes).bundle()) }
            let wire: BundleWire
            do {
                wire = try JSONDecoder().decode(BundleWire.self, from: Data(bytes))
            } catch {
                throw SigstoreError(.malformedBundle, "the bundle is not valid bundle JSON: \(JSONDepth.describe(error))")
            }
            return .success(try UnverifiedBundle(wire: wire))
        } catch {
            return .failure(error)
        }
    }

    static func current(_ bytes: [UInt8]) -> Result<UnverifiedBundle, SigstoreError> {
        do throws(SigstoreError) { return .success(try UnverifiedBundle(json: bytes)) } catch { return .failure(error) }
    }

    /// Both results the same bundle, or the same error code and reason.
    static func expectSame(_ lhs: Result<UnverifiedBundle, SigstoreError>, _ rhs: Result<UnverifiedBundle, SigstoreError>,
                           _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        switch (lhs, rhs) {
        case (.success(let a), .success(let b)):
            #expect(a.mediaType == b.mediaType && a.version == b.version && a.material == b.material
                        && a.tlogEntries == b.tlogEntries && a.rfc3161Timestamps == b.rfc3161Timestamps
                        && a.content == b.content && a.isPEP740Attestation == b.isPEP740Attestation,
                    "\(comment): different bundles", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a.code == b.code && a.reason == b.reason, "\(comment): \(a.code) \(a.reason) vs \(b.code) \(b.reason)",
                    sourceLocation: sourceLocation)
        default:
            #expect(Bool(false), "\(comment): \(lhs) vs \(rhs)", sourceLocation: sourceLocation)
        }
    }

    /// Where the fast reader reads a bundle at all, it reads what `JSONDecoder` reads.
    static func expectWireAgrees(_ bytes: [UInt8], _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let fast = try? BundleWire(value: JSONWire.parse(bytes, maxBytes: 64 << 20)) else { return }
        let decoded = try? JSONDecoder().decode(BundleWire.self, from: Data(bytes))
        #expect(decoded == fast, "\(comment)", sourceLocation: sourceLocation)
    }

    static func expectEnvelopeAgrees(_ body: [UInt8], _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let fast = try? RekorEntryBody.Envelope(value: JSONWire.parse(body, maxBytes: 64 << 20)) else { return }
        let decoded = try? JSONDecoder().decode(RekorEntryBody.Envelope.self, from: Data(body))
        #expect(decoded == fast, "\(comment)", sourceLocation: sourceLocation)
    }

    @Test("the fixtures list bundles")
    func fixturesFound() {
        #expect(Self.bundleFiles.count >= 60)
    }

    @Test("every fixture bundle and log entry body reads the same on both paths", arguments: bundleFiles)
    func fixture(_ file: String) throws {
        let bytes = try Self.bytes(file)
        // The fast path must take every fixture bundle JSONDecoder reads (none repeats a name).
        let fast = try? BundleWire(value: JSONWire.parse(bytes, maxBytes: 64 << 20))
        let decoded = try? JSONDecoder().decode(BundleWire.self, from: Data(bytes))
        if decoded != nil { #expect(fast == decoded, "\(file)") }
        Self.expectSame(Self.current(bytes), Self.reference(bytes), file)
        for entry in decoded?.verificationMaterial?.tlogEntries ?? [] {
            guard let text = entry.canonicalizedBody, let body = Base64Bytes.decode(text) else { continue }
            let fastBody = try? RekorEntryBody.Envelope(value: JSONWire.parse(body, maxBytes: 64 << 20))
            let decodedBody = try? JSONDecoder().decode(RekorEntryBody.Envelope.self, from: Data(body))
            #expect(fastBody != nil && fastBody == decodedBody, "\(file): entry body")
        }
    }

    /// Textual mutations of a real bundle, each a place where the two parsers could differ.
    static let mutations: [(name: String, from: String, to: String)] = [
        ("log index as a number", #""logIndex": "79571823""#, #""logIndex": 79571823"#),
        ("log index as a fraction", #""logIndex": "79571823""#, #""logIndex": 79571823.0"#),
        ("log index with an exponent", #""logIndex": "79571823""#, #""logIndex": 7.9571823e7"#),
        ("log index too large", #""logIndex": "79571823""#, #""logIndex": 9223372036854775808"#),
        ("log index minus zero", #""logIndex": "79571823""#, #""logIndex": -0"#),
        ("log index negative", #""logIndex": "79571823""#, #""logIndex": -5"#),
        ("log index not a number", #""logIndex": "79571823""#, #""logIndex": "79571823x""#),
        ("log index null", #""logIndex": "79571823""#, #""logIndex": null"#),
        ("log index true", #""logIndex": "79571823""#, #""logIndex": true"#),
        ("log index object", #""logIndex": "79571823""#, #""logIndex": {}"#),
        ("media type as a number", #""mediaType": "application/vnd.dev.sigstore.bundle+json;version=0.3""#, #""mediaType": 3"#),
        ("media type null", #""mediaType": "application/vnd.dev.sigstore.bundle+json;version=0.3""#, #""mediaType": null"#),
        ("media type twice, the second unsupported",
         #""mediaType": "application/vnd.dev.sigstore.bundle+json;version=0.3""#,
         #""mediaType": "application/vnd.dev.sigstore.bundle+json;version=0.3", "mediaType": "x""#),
        ("media type twice, the first unsupported",
         #""mediaType": "application/vnd.dev.sigstore.bundle+json;version=0.3""#,
         #""mediaType": "x", "mediaType": "application/vnd.dev.sigstore.bundle+json;version=0.3""#),
        ("a key spelled with escapes", #""mediaType""#, #""\u006dediaType""#),
        ("a byte order mark inside a string", #""mediaType": "application"#, "\"mediaType\": \"\u{FEFF}application"),
        ("an escaped byte order mark", #""mediaType": "application"#, #""mediaType": "\ufeffapplication"#),
        ("non-ASCII in an unknown member", #""mediaType""#, #""x": "é", "mediaType""#),
        ("non-ASCII in the media type", #""mediaType": "application"#, #""mediaType": "é application"#),
        ("a lone surrogate in an unknown member", #""mediaType""#, #""x": "\ud800", "mediaType""#),
        ("a huge number in an unknown member", #""mediaType""#, #""x": 1e400, "mediaType""#),
        ("a leading zero in an unknown member", #""mediaType""#, #""x": 01, "mediaType""#),
        ("a trailing comma", #""verificationMaterial": {"#, #""verificationMaterial": {"x": 1,"#),
        ("a null certificate", #""certificate": {"#, #""certificate": null, "y": {"#),
        ("a null array element", #""hashes": ["#, #""hashes": [null, "#),
        ("a number array element", #""hashes": ["#, #""hashes": [5, "#),
        ("entries as a string", #""tlogEntries": ["#, #""tlogEntries": "x", "z": ["#),
        ("a tab and CR as white space", #""mediaType": "#, "\"mediaType\"\t\r\n: "),
        ("a form feed as white space", #""mediaType": "#, "\"mediaType\"\u{0C}: "),
        ("nested 70 deep in an unknown member", #""mediaType""#,
         "\"x\": " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + ", \"mediaType\""),
        ("nested 60 deep in an unknown member", #""mediaType""#,
         "\"x\": " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + ", \"mediaType\""),
    ]

    @Test("mutated bundles read the same on both paths")
    func mutated() throws {
        let original = String(decoding: try Self.bytes(Self.happy), as: UTF8.self)
        for mutation in Self.mutations {
            #expect(original.contains(mutation.from), "\(mutation.name): pattern not in the fixture")
            guard let range = original.range(of: mutation.from) else { continue }
            let bytes = Array(original.replacingCharacters(in: range, with: mutation.to).utf8)
            Self.expectWireAgrees(bytes, mutation.name)
            Self.expectSame(Self.current(bytes), Self.reference(bytes), mutation.name)
        }
        // A byte order mark before the document, and bytes after it.
        let plain = try Self.bytes(Self.happy)
        let open = Array(plain.prefix(1))
        let rest = Array(plain.dropFirst())
        func member(_ value: [UInt8]) -> [UInt8] { open + Array("\"x\": \"".utf8) + value + Array("\", ".utf8) + rest }
        for (name, bytes) in [("leading BOM", [0xEF, 0xBB, 0xBF] + plain), ("trailing NUL", plain + [0]),
                              ("trailing garbage", plain + Array(" x".utf8)), ("a top-level array", Array("[1]".utf8)),
                              ("an overlong UTF-8 sequence", member([0xC0, 0x80])), ("a UTF-8 surrogate", member([0xED, 0xA0, 0x80])),
                              ("a truncated UTF-8 sequence", member([0xE2, 0x80])), ("a raw BOM", member([0xEF, 0xBB, 0xBF])),
                              ("a noncharacter", member([0xEF, 0xBF, 0xBE])), ("a 4-byte sequence", member([0xF0, 0x9F, 0x98, 0x80]))] {
            Self.expectWireAgrees(bytes, name)
            Self.expectSame(Self.current(bytes), Self.reference(bytes), name)
        }
    }

    @Test("every truncation of a bundle fails the same way on both paths")
    func truncations() throws {
        for file in [Self.happy, Self.dsse] {
            let bytes = try Self.bytes(file)
            for length in stride(from: 0, to: bytes.count, by: 37) {
                let prefix = Array(bytes.prefix(length))
                Self.expectWireAgrees(prefix, "\(file) prefix \(length)")
                Self.expectSame(Self.current(prefix), Self.reference(prefix), "\(file) prefix \(length)")
            }
        }
    }

    @Test("mutated log entry bodies read the same on both paths")
    func mutatedBodies() throws {
        var bodies: [[UInt8]] = []
        for file in [Self.happy, Self.dsse, "conformance/cases/happy-path-intoto-in-dsse-v3/bundle.sigstore.json",
                     "conformance/cases/rekor2-happy-path/bundle.sigstore.json"] {
            let wire = try JSONDecoder().decode(BundleWire.self, from: Data(try Self.bytes(file)))
            for entry in wire.verificationMaterial?.tlogEntries ?? [] {
                if let text = entry.canonicalizedBody, let body = Base64Bytes.decode(text) { bodies.append(body) }
            }
        }
        #expect(bodies.count >= 4)
        for body in bodies {
            let text = String(decoding: body, as: UTF8.self)
            Self.expectEnvelopeAgrees(body, "original")
            let kind = text.range(of: #""kind":"#)
            #expect(kind != nil)
            guard let kind else { continue }
            let variants: [(String, String)] = [
                ("kind twice", text.replacingCharacters(in: kind, with: #""kind":"other","kind":"#)),
                ("kind null", text.replacingCharacters(in: kind, with: #""kind":null,"x":"#)),
                ("a number kind", text.replacingCharacters(in: kind, with: #""kind":1,"x":"#)),
                ("an escaped key", text.replacingCharacters(in: kind, with: #""\u006bind":"#)),
                ("non-ASCII", text.replacingCharacters(in: kind, with: #""é":1,"kind":"#)),
                ("trailing comma", String(text.dropLast()) + ",}"),
            ]
            for (name, variant) in variants { Self.expectEnvelopeAgrees(Array(variant.utf8), name) }
            for length in stride(from: 0, to: body.count, by: 29) { Self.expectEnvelopeAgrees(Array(body.prefix(length)), "prefix") }
        }
    }
}

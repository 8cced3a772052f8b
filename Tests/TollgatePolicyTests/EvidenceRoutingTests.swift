import Foundation
import Testing
@testable import TollgateVerify

/// How the collector routes evidence files before parsing them: JSON Lines splitting and Sigstore
/// bundle detection (both byte scans over documents of hundreds of KiB).
@Suite("Evidence routing")
struct EvidenceRoutingTests {
    private func lines(_ text: String) -> [String] {
        EvidenceCollector.jsonLines(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("one document, with or without blank lines around it, is returned whole")
    func oneDocument() {
        #expect(lines("{\"a\":1}") == ["{\"a\":1}"])
        #expect(lines("{\"a\":1}\n") == ["{\"a\":1}\n"])
        #expect(lines("\n \r\n{\"a\":1}\n\t\n") == ["\n \r\n{\"a\":1}\n\t\n"])
        #expect(lines("") == [""])
    }

    @Test("a pretty-printed document is not split into its lines")
    func prettyDocument() {
        let pretty = "{\n  \"payloadType\": \"x\",\n  \"payload\": \"eA==\"\n}\n"
        #expect(lines(pretty) == [pretty])
    }

    @Test("JSON Lines give one entry per non-blank line, without the blank ones")
    func jsonLinesSplit() {
        #expect(lines("{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}") == ["{\"a\":1}", "{\"b\":2}\r", "{\"c\":3}"])
        #expect(lines("  {\"a\":1}\n{\"b\":2}\n") == ["  {\"a\":1}", "{\"b\":2}"])
    }

    @Test("bundles are recognised by their media type anywhere in the document, envelopes are not")
    func bundleDetection() {
        let mediaType = "application/vnd.dev.sigstore.bundle.v0.3+json"
        #expect(EvidenceCollector.looksLikeSigstoreBundle(Array("{\"mediaType\":\"\(mediaType)\"}".utf8)))
        #expect(EvidenceCollector.looksLikeSigstoreBundle(Array(mediaType.utf8)))
        let late = "{\"dsseEnvelope\":{\"payload\":\"\(String(repeating: "QUJD", count: 50_000))\"},\"mediaType\":\"\(mediaType)\"}"
        #expect(EvidenceCollector.looksLikeSigstoreBundle(Array(late.utf8)))
        let envelope = "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"\(String(repeating: "QUJD", count: 50_000))\",\"signatures\":[]}"
        #expect(!EvidenceCollector.looksLikeSigstoreBundle(Array(envelope.utf8)))
        // Near misses: the prefix without the rest, the text cut off at the end, dots everywhere.
        #expect(!EvidenceCollector.looksLikeSigstoreBundle(Array("application/vnd.dev.sigstore.bundl".utf8)))
        #expect(!EvidenceCollector.looksLikeSigstoreBundle(Array(String(repeating: ".", count: 100).utf8)))
        #expect(!EvidenceCollector.looksLikeSigstoreBundle(Array("application/vnd.dev.sigstore.bund.e...........".utf8)))
        #expect(!EvidenceCollector.looksLikeSigstoreBundle([]))
    }
}

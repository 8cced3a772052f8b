import Foundation
import Testing
import TollgateModel
@testable import TollgateSigstore

/// `RekorEntryBody.pemToDER(_:known:)`: the bundle's certificate DER only spares decoding a PEM
/// that is byte for byte PEMBlock's PEM of it; any other PEM is decoded and yields its own DER.
@Suite("Rekor entry body PEM")
struct RekorEntryBodyPEMTests {
    static let bundleDER: [UInt8] = (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
    static let otherDER: [UInt8] = (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 6) }

    @Test("the bundle's own PEM gives the bundle's DER, with or without the hint")
    func own() {
        let pem = PEMBlock(label: "CERTIFICATE", der: Self.bundleDER).pemBytes
        #expect(RekorEntryBody.pemToDER(pem, known: Self.bundleDER) == Self.bundleDER)
        #expect(RekorEntryBody.pemToDER(pem) == Self.bundleDER)
        #expect(RekorEntryBody.pemToDER(pem, known: Self.otherDER) == Self.bundleDER)
    }

    @Test("another certificate's PEM gives its own DER, never the hint")
    func other() {
        let pem = PEMBlock(label: "CERTIFICATE", der: Self.otherDER).pemBytes
        #expect(RekorEntryBody.pemToDER(pem, known: Self.bundleDER) == Self.otherDER)
        // A truncated copy of the bundle's PEM is not the bundle's certificate.
        let truncated = Array(PEMBlock(label: "CERTIFICATE", der: Self.bundleDER).pemBytes.dropLast(40))
        #expect(RekorEntryBody.pemToDER(truncated, known: Self.bundleDER) == nil)
    }

    @Test("the same certificate written differently (CRLF, another label, no final line break) still decodes to it")
    func otherSpellings() {
        let pem = PEMBlock(label: "CERTIFICATE", der: Self.bundleDER).pem
        let spellings = [pem.replacingOccurrences(of: "\n", with: "\r\n"), String(pem.dropLast()),
                         PEMBlock(label: "PUBLIC KEY", der: Self.bundleDER).pem]
        for text in spellings {
            #expect(RekorEntryBody.pemToDER(Array(text.utf8), known: Self.bundleDER) == Self.bundleDER)
            #expect(RekorEntryBody.pemToDER(Array(text.utf8), known: Self.otherDER) == Self.bundleDER)
        }
    }
}

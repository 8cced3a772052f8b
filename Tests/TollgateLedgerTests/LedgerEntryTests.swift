import Foundation
import Testing
import TollgateLedger

@Suite("Ledger entry encoding")
struct LedgerEntryTests {
    @Test("encodes canonically and decodes to the same entry", arguments: LedgerEntryKind.allCases)
    func roundTrip(_ kind: LedgerEntryKind) throws {
        let entry = try LedgerEntry(kind: kind, time: Date(timeIntervalSince1970: 1_760_000_000.123456), actor: "key:abcd",
                                    payload: Data("{\"a\":1}".utf8))
        let encoded = entry.encoded()
        #expect(try LedgerEntry(decoding: encoded) == entry)
        #expect(try LedgerEntry(decoding: encoded).encoded() == encoded)
        #expect(entry.time.timeIntervalSince1970 == 1_760_000_000.123)
    }

    @Test("rejects truncated, extended, re-versioned and tampered encodings")
    func hostile() throws {
        let encoded = try LedgerEntry(kind: .note, time: Date(timeIntervalSince1970: 5), actor: "a", payload: Data("{}".utf8)).encoded()
        for cut in 0..<encoded.count {
            #expect(throws: LedgerError.self) { try LedgerEntry(decoding: encoded.prefix(cut)) }
        }
        #expect(throws: LedgerError.self) { try LedgerEntry(decoding: encoded + Data([0])) }
        var version = encoded
        version[4] = 2
        #expect(throws: LedgerError.self) { try LedgerEntry(decoding: version) }
        var payload = encoded
        payload[payload.count - 1] ^= 1
        #expect(throws: LedgerError.self) { try LedgerEntry(decoding: payload) }
        #expect(throws: LedgerError.self) { try LedgerEntry(decoding: Data(repeating: 0xff, count: 200)) }
    }

    @Test("a large payload is committed to by digest and left out of the encoding")
    func detached() throws {
        let big = Data(repeating: 1, count: LedgerEntry.inlineLimit + 10)
        let entry = try LedgerEntry(kind: .attestationStored, time: Date(timeIntervalSince1970: 0), actor: "ci", payload: big)
        let decoded = try LedgerEntry(decoding: entry.encoded())
        #expect(decoded.payload == nil)
        #expect(decoded.payloadDigest == entry.payloadDigest)
        #expect(try decoded.withPayload(big) == entry)
        #expect(throws: LedgerError.self) { try decoded.withPayload(Data([1])) }
    }
}

import Foundation
import Testing
import TollgateModel

/// `Hex`: the contiguous fast path writes exactly what the generic path writes.
@Suite("hex encoding")
struct HexTests {
    @Test("every byte value, from an array, a slice, a lazy sequence and a Data")
    func everyByte() {
        let all = (0...255).map { UInt8($0) }
        let expected = all.map { String(format: "%02x", $0) }.joined()
        #expect(Hex.encode(all) == expected)
        #expect(Hex.encode(all[16...]) == String(expected.dropFirst(32)))
        #expect(Hex.encode(all.lazy.map { $0 }) == expected)  // not contiguous: the generic path
        #expect(Hex.encode(Data(all)) == expected)
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.decode(Hex.encode(all)) == all)
    }
}

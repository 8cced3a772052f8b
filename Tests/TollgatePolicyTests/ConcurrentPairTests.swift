import Testing
@testable import TollgateVerify

@Suite("Two computations of one decision at once")
struct ConcurrentPairTests {
    @Test("both results come back, each from its own closure, whatever their types")
    func bothResults() {
        for round in 0..<200 {
            let (sum, text) = ConcurrentPair.run({ (0...round).reduce(0, +) }, { String(repeating: "x", count: round) })
            #expect(sum == round * (round + 1) / 2)
            #expect(text.count == round)
        }
    }
}

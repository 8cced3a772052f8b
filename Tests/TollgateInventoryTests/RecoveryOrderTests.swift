import Testing
@testable import TollgateInventory
import TollgateModel

/// The rebuild order: what other affected artifacts contain comes first; ties keep the given order;
/// a containment cycle is broken, never looped on.
@Suite("Recovery order")
struct RecoveryOrderTests {
    static let a = Digest.of("a"), b = Digest.of("b"), c = Digest.of("c"), d = Digest.of("d")

    @Test("contained artifacts are rebuilt first; the rest keep their order")
    func dependencies() {
        // d contains b, b contains a: a before b before d; c has no edges and keeps its place.
        let (order, cycle) = RecoveryPlanner.order([Self.d, Self.c, Self.b, Self.a], dependsOn: [Self.d: [Self.b], Self.b: [Self.a]])
        #expect(!cycle)
        #expect(order == [Self.c, Self.a, Self.b, Self.d])
        #expect(RecoveryPlanner.order([Self.b, Self.a], dependsOn: [:]).ordered == [Self.b, Self.a])
    }

    @Test("a cycle is broken at the earliest artifact, and every artifact is placed once")
    func cycle() {
        let (order, cycle) = RecoveryPlanner.order([Self.a, Self.b, Self.c], dependsOn: [Self.a: [Self.b], Self.b: [Self.a], Self.c: [Self.a]])
        #expect(cycle)
        #expect(order == [Self.a, Self.b, Self.c])
    }

    @Test("digests order as their text does, without building it")
    func digestOrder() {
        let digests = (0..<50).map { Digest.of("\($0)") }
        #expect(digests.sorted() == digests.sorted { $0.description < $1.description })
    }
}

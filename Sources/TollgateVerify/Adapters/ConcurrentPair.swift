import Dispatch

/// Two independent, CPU-bound computations of one decision run at once: one on the calling thread,
/// one on another core (the SBOM reader and the SBOM's content digest both walk the whole attested
/// document; done together they shorten a decision by the shorter of the two).
enum ConcurrentPair {
    static func run<A: Sendable, B: Sendable>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        let results = Results<A, B>()
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let work = Work(first: first, second: second)
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    if index == 0 { results.first = work.first() } else { results.second = work.second() }
                }
            }
        }
        guard let a = results.first, let b = results.second else {
            preconditionFailure("concurrentPerform returned before both iterations ran")
        }
        return (a, b)
    }

    /// Each slot is written by exactly one iteration, and read only after `concurrentPerform` returns.
    private final class Results<A, B>: @unchecked Sendable {
        var first: A?
        var second: B?
    }

    /// The two closures, shared with the iterations (each calls only its own).
    private struct Work<A, B>: @unchecked Sendable {
        let first: () -> A
        let second: () -> B
    }
}

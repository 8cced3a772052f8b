import Synchronization

/// Hands out the indices `0..<count` once each to the workers of a batch, and counts the
/// finished jobs for the progress line. Lock-free: two atomic counters.
final class BatchJobQueue: Sendable {
    private let count: Int
    private let taken = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)

    init(count: Int) {
        self.count = count
    }

    /// The next job's index, or `nil` once every job has been taken.
    func next() -> Int? {
        let index = taken.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }

    /// Records one finished job and returns how many have finished.
    func finishedOne() -> Int {
        finished.wrappingAdd(1, ordering: .relaxed).newValue
    }
}

import Foundation

/// Wall-clock samples of one measured region, in milliseconds.
struct Samples {
    private(set) var values: [Double] = []

    init(capacity: Int) { values.reserveCapacity(capacity) }

    mutating func append(nanoseconds: UInt64) { values.append(Double(nanoseconds) / 1e6) }

    /// The value below which a fraction `p` of the samples fall (nearest rank, as before).
    func percentile(_ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    var median: Double { percentile(0.5) }

    /// "median 0.074 ms, p90 0.094 ms, p99 4.200 ms"
    var summary: String {
        String(format: "median %.3f ms, p90 %.3f ms, p99 %.3f ms", median, percentile(0.9), percentile(0.99))
    }
}

/// A monotonic clock reading, in nanoseconds.
@inline(__always) func ticks() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Stops with a message when a sanity check fails (a release build's `precondition` prints none).
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    FileHandle.standardError.write(Data("GateBench: \(message())\n".utf8))
    exit(1)
}

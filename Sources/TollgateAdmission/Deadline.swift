import Synchronization

/// Waits for a task's value at most `limit`; the task itself is not cancelled (its result still
/// lands in the decision cache). Awaiting `Task.value` ignores the waiter's cancellation, so the
/// race is run with a continuation that the first of the two finishers resumes. The server's
/// request time limit uses it too, so a limit answers on time even when the work does not stop.
public enum Deadline {
    public enum Result<Value: Sendable>: Sendable {
        case value(Value)
        case failure(any Error)
        case timedOut
    }

    /// A continuation resumed once, by whichever side finishes first.
    private final class Once<Value: Sendable>: Sendable {
        private let pending = Mutex<CheckedContinuation<Result<Value>, Never>?>(nil)

        func set(_ continuation: CheckedContinuation<Result<Value>, Never>) {
            pending.withLock { $0 = continuation }
        }

        func resume(_ result: Result<Value>) {
            let continuation = pending.withLock { pending in
                defer { pending = nil }
                return pending
            }
            continuation?.resume(returning: result)
        }
    }

    public static func wait<Value: Sendable>(for task: Task<Value, any Error>, within limit: Duration) async -> Result<Value> {
        let once = Once<Value>()
        return await withCheckedContinuation { continuation in
            once.set(continuation)
            let timer = Task {
                // A cancelled timer (the task finished first) must not report a timeout.
                guard (try? await Task.sleep(for: limit)) != nil else { return }
                once.resume(.timedOut)
            }
            Task {
                let result: Result<Value>
                do {
                    result = .value(try await task.value)
                } catch {
                    result = .failure(error)
                }
                timer.cancel()
                once.resume(result)
            }
        }
    }
}

import Foundation

/// Progress for long operations: a single rewritten line on a terminal, nothing when piped.
public final class ProgressReporter: @unchecked Sendable {
    private let enabled: Bool
    private let label: String
    private let lock = NSLock()
    private var lastDraw = Date.distantPast

    /// - Parameter enabled: defaults to "standard error is a terminal".
    public init(_ label: String, enabled: Bool = Console.stderrIsTerminal) {
        self.label = label
        self.enabled = enabled
    }

    /// Reports `done` of `total` (total may be unknown). Redraws at most ten times a second.
    public func update(_ done: Int, of total: Int? = nil) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let text: String
        if let total, total > 0 {
            text = "\(label): \(done)/\(total) (\(done * 100 / total)%)"
        } else {
            text = "\(label): \(done)"
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Clears the progress line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

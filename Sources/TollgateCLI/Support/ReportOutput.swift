import Foundation
import TollgateModel

/// Where a command prints its report: straight to standard output, or into a buffer that
/// `commit()` writes to the `--output` file in one atomic step.
public final class ReportOutput: @unchecked Sendable {
    /// The report file, or nil for standard output.
    public let path: String?
    private let lock = NSLock()
    private var buffer = Data()

    init(path: String?) {
        self.path = path
    }

    /// Prints a line of the report.
    public func line(_ text: String) {
        write(Data((text + "\n").utf8))
    }

    /// Prints raw bytes of the report.
    public func write(_ data: Data) {
        guard path != nil else {
            Console.write(data)
            return
        }
        lock.lock()
        buffer.append(data)
        lock.unlock()
    }

    /// Prints `value` as the one versioned JSON encoding (`JSONOutput`).
    public func json<T: Encodable>(_ value: T) throws {
        write(try JSONOutput.encode(value) + Data("\n".utf8))
    }

    /// Writes the buffered report to `path` (nothing to do for standard output).
    func commit() throws(CLIError) {
        guard let path else { return }
        lock.lock()
        let data = buffer
        lock.unlock()
        try AtomicFile.write(data, to: path)
    }
}

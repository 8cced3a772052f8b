import Foundation
import TollgateModel

/// Writes to standard output and standard error, and knows whether they are terminals.
public enum Console {
    /// True when standard error is a terminal: progress is shown only then.
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    /// True when standard input is a terminal: passphrase prompts are possible only then.
    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Prints a line to standard output.
    public static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Prints a line to standard error.
    public static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints the one warning line for a deprecated spelling: `warning: 'OLD' is deprecated; use 'NEW'`.
    public static func deprecated(_ old: String, use new: String) {
        err("warning: '\(old)' is deprecated; use '\(new)'")
    }

    /// Writes raw bytes to standard output.
    public static func write(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    /// Encodes `value` as pretty, key-sorted JSON on standard output.
    public static func json<T: Encodable>(_ value: T) throws {
        Console.write(try JSONOutput.encode(value))
        Console.write(Data("\n".utf8))
    }
}

import Foundation
import Logging
import Synchronization
@testable import TollgateServer

/// The server's own log handler (`JSONLogHandler`) writing into memory, for a test to search.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])
    var all: String { lines.withLock { $0.joined() } }

    var logger: Logger {
        Logger(label: "tollgate.test.captured") { label in
            var handler = JSONLogHandler(label: label) { line in self.lines.withLock { $0.append(line) } }
            handler.logLevel = .trace
            return handler
        }
    }
}

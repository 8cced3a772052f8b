import Foundation
import Logging
import TollgateServer

// JSON logs (one object a line, with the request id) go to standard error; standard output carries
// only the "listening on" line.
LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
exit(await ServerCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))

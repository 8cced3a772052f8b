import Foundation
import Logging
import TollgateServer

// Logs go to standard error; standard output carries only the "listening on" line.
LoggingSystem.bootstrap(StreamLogHandler.standardError)
exit(await ServerCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))

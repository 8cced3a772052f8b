import Foundation
import TollgateCLI

exit(await TollgateCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))

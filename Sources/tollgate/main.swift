import Foundation
import TollgateCLI

await TollgateCommand.runAndExit(arguments: Array(CommandLine.arguments.dropFirst()))

import ArgumentParser
@testable import TollgateCLI

/// Every command under `tollgate`, hidden ones included, by its full name ("ledger check-note").
enum CommandTree {
    struct Node: Sendable {
        /// The words after `tollgate` ("" for the root).
        let name: String
        let isLeaf: Bool
    }

    static let all: [Node] = walk(TollgateCommand.self, prefix: [])

    private static func walk(_ type: any ParsableCommand.Type, prefix: [String]) -> [Node] {
        let subcommands = type.configuration.subcommands
        var nodes = [Node(name: prefix.joined(separator: " "), isLeaf: subcommands.isEmpty)]
        for sub in subcommands {
            nodes += walk(sub, prefix: prefix + [sub.configuration.commandName ?? ""])
        }
        return nodes
    }
}

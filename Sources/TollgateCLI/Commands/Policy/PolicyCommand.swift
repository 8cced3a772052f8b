import ArgumentParser

/// `tollgate policy test|lint`
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check and test policies (policy-as-code).",
        subcommands: [PolicyTestCommand.self, PolicyLintCommand.self]
    )
}
